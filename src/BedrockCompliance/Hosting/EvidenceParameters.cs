namespace BedrockCompliance.Commands.Hosting;

/// <summary>
/// The one declaration of where and how a recording cmdlet writes evidence: -EvidencePath, -CorrelationId and, for
/// an s3:// chain, -RetentionDays / -RetentionMode. Offered as dynamic parameters by every cmdlet that records
/// (single inheritance cannot put them on just those), read by <see cref="EvidenceSession.Open"/>.
/// Plain types only: PowerShell reflects parameter types before the engine loads.
/// </summary>
public sealed class EvidenceParameters
{
    /// <summary>The evidence ledger: a file, or s3://bucket/prefix (default: $env:BEDROCK_COMPLIANCE_EVIDENCE or the file under your profile).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("LedgerPath")]
    public string? EvidencePath { get; set; }

    /// <summary>The run's correlation id, shared by every record (default: $env:BEDROCK_COMPLIANCE_RUN_ID, else a new id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("RunId")]
    public string? CorrelationId { get; set; }

    /// <summary>For an s3:// -EvidencePath: lock each evidence object for this many days (S3 Object Lock).</summary>
    [Parameter]
    [ValidateRange(1, 36500)]
    public int? RetentionDays { get; set; }

    /// <summary>Object Lock mode of -RetentionDays: Governance (default) or Compliance.</summary>
    [Parameter]
    [ValidateSet("Governance", "Compliance", IgnoreCase = true)]
    public string? RetentionMode { get; set; }
}
