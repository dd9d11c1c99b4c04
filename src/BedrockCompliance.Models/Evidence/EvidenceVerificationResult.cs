namespace BedrockCompliance;

/// <summary>What Test-BedrockComplianceEvidence found.</summary>
public sealed class EvidenceVerificationResult
{
    public string Path { get; set; } = "";
    /// <summary>Lines in the file (records plus any bad lines).</summary>
    public long LineCount { get; set; }
    /// <summary>Lines that parsed as records.</summary>
    public long RecordCount { get; set; }
    /// <summary>True when every line is a good record and the chain is unbroken.</summary>
    public bool Valid { get; set; }
    /// <summary>
    /// True when the hash chain over the good records is unbroken: nothing committed was edited, deleted,
    /// reordered or inserted. Torn lines (crash artefacts) alone leave this true but make Valid false.
    /// </summary>
    public bool ChainIntact { get; set; }
    /// <summary>Line number (1-based) of the first bad line, or null.</summary>
    public long? FirstBadRecord { get; set; }
    public EvidenceProblemReason Reason { get; set; }
    public string Message { get; set; } = "";
    /// <summary>Hash of the last good record (the value to anchor elsewhere), or null for an empty ledger.</summary>
    public string? LastHash { get; set; }
    public long? LastSequence { get; set; }
    public long TornLineCount { get; set; }
    /// <summary>Torn lines a TornLineAcknowledged record covers: reviewed crash artefacts, no longer counted against Valid.</summary>
    public long AcknowledgedTornLineCount { get; set; }
    /// <summary>Total problems found (the list below keeps the first 100).</summary>
    public long ProblemCount { get; set; }
    public IReadOnlyList<EvidenceProblem> Problems { get; set => field = ValueList<EvidenceProblem>.From(value); } = ValueList<EvidenceProblem>.Empty;

    public override string ToString() => Valid ? $"Valid ({RecordCount} records)" : $"Invalid: line {FirstBadRecord} {Reason}";
}
