using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Engine.Privacy;

/// <summary>
/// New-BedrockModelAgreement -RequirePrivacyCheck: an account and region may get agreements only when its last recorded
/// PrivacyChecked evidence did not fail. A missing record refuses too (nothing was verified).
/// </summary>
internal sealed class PrivacyCheckGate
{
    readonly Dictionary<string, EvidenceRecord> _last = new Dictionary<string, EvidenceRecord>(StringComparer.Ordinal);

    static string Key(string? accountId, string? region) => accountId + "|" + region;

    /// <summary>One scan of the ledger: the last PrivacyChecked record per account and region.</summary>
    public static PrivacyCheckGate Build(string ledgerPath, CancellationToken ct)
    {
        var gate = new PrivacyCheckGate();
        foreach (var r in EvidenceReader.RecordsOf(ledgerPath, ct)) gate.Observe(r);
        return gate;
    }

    public void Observe(EvidenceRecord r)
    {
        if (r.Action == EvidenceAction.PrivacyChecked) lock (_last) _last[Key(r.AccountId, r.Region)] = r;
    }

    /// <summary>Null when agreements may proceed; otherwise why not, naming the record it rests on.</summary>
    public string? Refusal(string? accountId, string region)
    {
        EvidenceRecord? last;
        lock (_last) _last.TryGetValue(Key(accountId, region), out last);
        if (last == null)
            return $"no PrivacyChecked evidence for account {accountId ?? "(unknown)"} in {region}: run Test-BedrockDataPrivacy first";
        if (last.Outcome == EvidenceOutcome.Failed)
            return $"the last privacy check ({last.Timestamp:yyyy-MM-dd HH:mm} UTC, evidence {last.Id}) failed: {last.Details}";
        return null;
    }
}
