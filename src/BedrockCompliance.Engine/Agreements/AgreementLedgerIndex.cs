using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Engine.Agreements;

/// <summary>
/// What the ledger already says about each (account, region, model): whether an acceptance or observation
/// stands (after the last revocation), and which intents a crashed run left without a result. Built by one
/// scan at the start of a run and kept current as the run records, so reruns write nothing twice.
/// </summary>
internal sealed class AgreementLedgerIndex
{
    sealed class Entry
    {
        public bool AcceptanceStands;
        public readonly List<EvidenceRecord> OpenIntents = new List<EvidenceRecord>();
    }

    readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
    readonly object _lock = new object();

    public static string Key(string? accountId, string? region, string modelId) => $"{accountId}|{region}|{modelId}";

    public static AgreementLedgerIndex Build(string ledgerPath, CancellationToken ct)
    {
        var index = new AgreementLedgerIndex();
        if (!File.Exists(ledgerPath)) return index;
        foreach (var item in EvidenceReader.Read(ledgerPath, null, null, ct))
            if (item.Record is { } r && r.ModelId != null) index.Observe(r);
        return index;
    }

    /// <summary>Folds one record into the index (records arrive in ledger order).</summary>
    public void Observe(EvidenceRecord r)
    {
        lock (_lock)
        {
            var e = Get(Key(r.AccountId, r.Region, r.ModelId!));
            switch (r.Action)
            {
                case EvidenceAction.AgreementIntent:
                    e.OpenIntents.Add(r);
                    break;
                case EvidenceAction.AgreementAccepted when r.Outcome == EvidenceOutcome.Succeeded:
                case EvidenceAction.AgreementObserved:
                    e.AcceptanceStands = true;
                    e.OpenIntents.Clear();
                    break;
                case EvidenceAction.AgreementFailed:
                case EvidenceAction.IntentReconciled:
                case EvidenceAction.AgreementAccepted:
                    e.OpenIntents.Clear();
                    break;
                case EvidenceAction.AgreementRevoked when r.Outcome == EvidenceOutcome.Succeeded:
                    e.AcceptanceStands = false;
                    break;
            }
        }
    }

    public bool AcceptanceStands(string? accountId, string? region, string modelId)
    {
        lock (_lock) return _entries.TryGetValue(Key(accountId, region, modelId), out var e) && e.AcceptanceStands;
    }

    /// <summary>Intents without a result, for one account and region (what a crashed run left behind).</summary>
    public IReadOnlyList<EvidenceRecord> OpenIntents(string? accountId, string? region)
    {
        string prefix = $"{accountId}|{region}|";
        lock (_lock)
            return _entries.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
                .SelectMany(kv => kv.Value.OpenIntents).OrderBy(r => r.Sequence).ToList();
    }

    Entry Get(string key)
    {
        if (!_entries.TryGetValue(key, out var e)) _entries[key] = e = new Entry();
        return e;
    }
}
