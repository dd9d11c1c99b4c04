namespace BedrockCompliance;

/// <summary>The data-privacy checks of Test-BedrockDataPrivacy.</summary>
// long-based so that ConvertTo-Json writes the name: PowerShell writes 64-bit enums as text, 32-bit ones as numbers.
public enum PrivacyCheck : long
{
    /// <summary>The region is in the organisation's data-residency list (-AllowedRegion).</summary>
    RegionAllowed,
    /// <summary>A logging trail records read and write management events (Bedrock API calls) of the region.</summary>
    CloudTrail,
    /// <summary>An available interface VPC endpoint for bedrock-runtime keeps inference traffic off the internet.</summary>
    PrivateLink,
    /// <summary>Model-invocation logging is configured as the organisation requires (-RequireInvocationLogging).</summary>
    InvocationLogging,
    /// <summary>The effective data retention mode of the account and every project, on both API surfaces, is at or below -MaximumDataRetention.</summary>
    DataRetention,
    /// <summary>No model in the region needs more retention than the maximum, and none retains flagged traffic unnoticed.</summary>
    ModelDataRetention,
    /// <summary>Cross-Region inference profiles route only to Regions in -AllowedRegion (global. is outside every list).</summary>
    CrossRegionResidency,
    /// <summary>An account- or organisation-enforced guardrail covers the region's inference.</summary>
    EnforcedGuardrail,
    /// <summary>Guardrails filter sensitive information (PII) and prompt attacks at HIGH strength.</summary>
    GuardrailStrength,
    /// <summary>No long-term Bedrock API keys (IAM service-specific credentials for bedrock.amazonaws.com) exist.</summary>
    ApiKeys,
    /// <summary>Invocation-log destinations (S3 bucket, CloudWatch log group) are encrypted with a KMS key.</summary>
    InvocationLogEncryption,
}

// long-based so that ConvertTo-Json writes the name: PowerShell writes 64-bit enums as text, 32-bit ones as numbers.
public enum PrivacyCheckStatus : long
{
    /// <summary>Verified: the control is in place (or the requirement is met).</summary>
    Pass,
    /// <summary>Verified: the control is missing or does not meet the requirement.</summary>
    Fail,
    /// <summary>Could not be verified (no permission, an error, or no requirement to judge against). Never a pass.</summary>
    Unknown,
}

/// <summary>What an organisation requires of model-invocation logging.</summary>
// long-based so that ConvertTo-Json writes the name: PowerShell writes 64-bit enums as text, 32-bit ones as numbers.
public enum InvocationLoggingRequirement : long
{
    /// <summary>Logging must deliver invocation data (audit): a destination and the required data kinds.</summary>
    Enabled,
    /// <summary>No prompt or response data may be stored: no configuration, or none of the data kinds delivered.</summary>
    Disabled,
    /// <summary>No requirement: the configuration is reported and the check passes whatever it is.</summary>
    Any,
}

/// <summary>The kinds of invocation data Bedrock can deliver to the logging destinations.</summary>
// long-based so that ConvertTo-Json writes the name: PowerShell writes 64-bit enums as text, 32-bit ones as numbers.
public enum InvocationLogDataKind : long
{
    Text,
    Image,
    Embedding,
    Video,
    Audio,
}

/// <summary>One privacy check in one account and region: the verdict, why, how to fix it, and the facts it rests on.</summary>
public sealed class BedrockPrivacyCheck : IAccountScoped
{
    public PrivacyCheck Check { get; set; }
    public PrivacyCheckStatus Status { get; set; }
    /// <summary>What was found (and, for Unknown, why it could not be verified).</summary>
    public string Detail { get; set; } = "";
    /// <summary>The console page or CLI/API call that fixes a Fail (or grants the permission an Unknown lacks); null on Pass.</summary>
    public string? Remediation { get; set; }
    public string? AccountId { get; set; }
    public string? Region { get; set; }
    /// <summary>The requirement judged against, e.g. 'eu-*, us-east-1' or 'Enabled (Text)'.</summary>
    public string? Requirement { get; set; }
    /// <summary>
    /// What the verdict rests on: trail ARNs (CloudTrail), VPC endpoint IDs (PrivateLink), logging destinations
    /// such as 'cloudwatch:/aws/bedrock/modelinvocations' or 's3://bucket/prefix' (InvocationLogging).
    /// </summary>
    public IReadOnlyList<string> Resources { get; set => field = ValueList<string>.From(value); } = ValueList<string>.Empty;
    /// <summary>PrivateLink: the VPCs that have an available bedrock-runtime endpoint.</summary>
    public IReadOnlyList<string> VpcIds { get; set => field = ValueList<string>.From(value); } = ValueList<string>.Empty;
    /// <summary>InvocationLogging: the data kinds delivered (Text, Image, Embedding, Video, Audio).</summary>
    public IReadOnlyList<string> DataKinds { get; set => field = ValueList<string>.From(value); } = ValueList<string>.Empty;
    /// <summary>The AWS error code behind an Unknown (e.g. AccessDeniedException, UnauthorizedOperation).</summary>
    public string? ErrorCode { get; set; }
    /// <summary>When the facts were read (UTC).</summary>
    public DateTime CheckedAt { get; set; }
    /// <summary><see cref="CheckedAt"/> as ISO-8601 UTC, the same in every culture (Export-Csv).</summary>
    public string? CheckedAtIso => IsoText.Timestamp(CheckedAt);
    /// <summary>The PrivacyChecked evidence record that summarises this account and region (null with -NoEvidence).</summary>
    public Guid? EvidenceId { get; set; }
    public BedrockAccountContext? Context { get; set; }

    public override string ToString() => $"{Check} {Status}";
}
