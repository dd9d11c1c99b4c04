namespace BedrockCompliance;

/// <summary>What Export-BedrockComplianceReport wrote: the file and the figures on its first page.</summary>
public sealed class BedrockComplianceReport
{
    public string Path { get; set; } = "";
    public string LedgerPath { get; set; } = "";
    public long RecordCount { get; set; }
    public int AccountCount { get; set; }
    public int ModelRows { get; set; }
    public int AcceptedCount { get; set; }
    /// <summary>Acceptances found in CloudTrail (or given as live history) with no AgreementIntent in the ledger.</summary>
    public int OutsideReviewCount { get; set; }
    public int PrivacyFailureCount { get; set; }
    public bool ChainValid { get; set; }
    public string? LastHash { get; set; }
    public long Bytes { get; set; }
    public double RenderSeconds { get; set; }

    public override string ToString() => Path;
}
