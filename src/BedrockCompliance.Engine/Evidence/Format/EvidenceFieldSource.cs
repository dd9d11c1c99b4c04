namespace BedrockCompliance.Engine.Evidence;

/// <summary>Who fills an evidence member (what <see cref="EvidenceLedger"/>'s Prepare copies from where).</summary>
internal enum EvidenceFieldSource
{
    /// <summary>The ledger, when it appends (version, id, sequence, timestamp, hashes).</summary>
    Ledger,
    /// <summary>The caller's draft record.</summary>
    Caller,
    /// <summary>The caller's draft, else the run's <see cref="EvidenceContext"/>.</summary>
    CallerThenContext,
    /// <summary>Only the run's <see cref="EvidenceContext"/> (a caller cannot override it).</summary>
    Context,
    /// <summary>The reader (not stored).</summary>
    Reader,
}
