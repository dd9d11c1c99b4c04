using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Engine.History;

/// <summary>
/// What the ledger already says about acceptances: the CloudTrail event IDs already imported (so -Import records each
/// event once) and the agreement intents this module wrote (an acceptance without one was accepted outside review).
/// Read once per command, streaming; updated as the command imports.
/// </summary>
internal sealed class HistoryLedgerIndex
{
    /// <summary>An intent is written just before CreateFoundationModelAgreement; allow this much clock difference either way.</summary>
    public static readonly TimeSpan IntentWindow = TimeSpan.FromMinutes(15);

    readonly HashSet<string> _imported = new HashSet<string>(StringComparer.Ordinal);
    readonly Dictionary<string, List<DateTime>> _intents = new Dictionary<string, List<DateTime>>(StringComparer.Ordinal);
    readonly object _lock = new object();

    public static HistoryLedgerIndex Build(string ledgerPath, CancellationToken ct)
    {
        var index = new HistoryLedgerIndex();
        foreach (var r in EvidenceReader.RecordsOf(ledgerPath, ct)) index.Observe(r);
        return index;
    }

    public void Observe(EvidenceRecord r)
    {
        lock (_lock)
        {
            if (r.Action == EvidenceAction.AcceptanceObserved && r.CloudTrailEventId != null) _imported.Add(r.CloudTrailEventId);
            else if (r.Action == EvidenceAction.AgreementIntent && r.ModelId != null)
            {
                string key = Key(r.AccountId, r.Region, r.ModelId);
                if (!_intents.TryGetValue(key, out var times)) _intents[key] = times = new List<DateTime>();
                times.Add(r.Timestamp);
            }
        }
    }

    public bool IsImported(string eventId)
    {
        lock (_lock) return _imported.Contains(eventId);
    }

    /// <summary>Whether this module recorded an intent for the acceptance (same account, Region, model, close in time).</summary>
    public bool HasIntentFor(string? accountId, string region, string? modelId, DateTime? eventTime)
    {
        if (modelId == null) return false;
        lock (_lock)
        {
            if (!_intents.TryGetValue(Key(accountId, region, modelId), out var times)) return false;
            return eventTime == null || times.Any(t => (t - eventTime.Value).Duration() <= IntentWindow);
        }
    }

    static string Key(string? accountId, string? region, string modelId) => $"{accountId}|{region}|{modelId}";
}
