using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// Test-BedrockModelLicense -RecordEvidence: one LicenseReviewed record per verdict (Allowed, Denied, NeedsReview with
/// its reasons, the policy's name and hash and the approval relied on). Written in batches (one lock and one fsync per
/// batch), and always flushed before the command ends, so a review of thousands of models stays fast and nothing is dropped.
/// </summary>
internal sealed class LicenseReviewRecorder
{
    public const int BatchSize = 256;
    readonly EvidenceLedger _ledger;
    readonly List<EvidenceRecord> _pending = new List<EvidenceRecord>();

    public LicenseReviewRecorder(EvidenceLedger ledger) => _ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));

    public int Recorded { get; private set; }

    public void Add(BedrockModelPolicyVerdict verdict, CancellationToken ct)
    {
        _pending.Add(PolicyDecisions.ReviewRecord(verdict));
        if (_pending.Count >= BatchSize) Flush(ct);
    }

    public void Flush(CancellationToken ct)
    {
        if (_pending.Count == 0) return;
        _ledger.AppendRange(_pending, ct);
        Recorded += _pending.Count;
        _pending.Clear();
    }
}
