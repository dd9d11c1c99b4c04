namespace BedrockCompliance;

/// <summary>
/// One model checked against a licence policy (Test-BedrockModelLicense -Policy). Every reason is kept,
/// including rule findings an explicit approval overrode, so a reviewer sees the whole picture.
/// </summary>
public sealed class BedrockModelPolicyVerdict : IAccountScoped
{
    public string ModelId { get; set; } = "";
    public string? Provider { get; set; }
    public string? Family { get; set; }
    public LicenseCategory LicenseCategory { get; set; }
    public string? LicenseName { get; set; }
    public CatalogConfidence Confidence { get; set; }
    /// <summary>ACTIVE / LEGACY from the account; null offline (unknown).</summary>
    public string? LifecycleStatus { get; set; }
    public LicenseVerdict Verdict { get; set; }
    public IReadOnlyList<PolicyReason> Reasons { get; set => field = ValueList<PolicyReason>.From(value); } = ValueList<PolicyReason>.Empty;
    /// <summary>The approval that decided the verdict, or null.</summary>
    public PolicyApproval? Approval { get; set; }
    public string? ApprovedBy => Approval?.ApprovedBy;
    public DateTime? ApprovedOn => Approval?.ApprovedOn;
    public string? ApprovalReference => Approval?.Reference;
    public DateTime? ApprovalExpiresOn => Approval?.ExpiresOn;
    /// <summary>The approval dates as ISO-8601 (yyyy-MM-dd), the same in every culture (Export-Csv).</summary>
    public string? ApprovedOnIso => IsoText.Date(ApprovedOn);
    public string? ApprovalExpiresOnIso => IsoText.Date(ApprovalExpiresOn);

    /// <summary>The policy's name (or file name), its full path and the SHA-256 of its bytes (for evidence).</summary>
    public string? PolicyName { get; set; }
    public string? PolicyPath { get; set; }
    public string? PolicySha256 { get; set; }
    /// <summary>The instant (UTC) the verdict applies to (approval expiry is judged against it).</summary>
    public DateTime EvaluatedAt { get; set; }
    /// <summary><see cref="EvaluatedAt"/> as ISO-8601 UTC, the same in every culture (Export-Csv).</summary>
    public string? EvaluatedAtIso => IsoText.Timestamp(EvaluatedAt);

    // Passed through from live input (null offline).
    public string? AccountId { get; set; }
    public string? Region { get; set; }
    /// <summary>The account context of the licence, so a verdict pipes on to the same account.</summary>
    public BedrockAccountContext? Context { get; set; }

    /// <summary>The licence the verdict was made for.</summary>
    public BedrockModelLicense? License { get; set; }

    /// <summary>Codes of the reasons that decided the verdict (not overridden, same effect as the verdict), joined by ';'.</summary>
    public string ReasonCodes => string.Join(";", Reasons.Where(r => !r.Overridden && !r.Informational && r.Effect == Verdict).Select(r => r.Code).Distinct());

    /// <summary>The deciding reasons as one line, for tables and CSV.</summary>
    public string Summary => string.Join(" ", Reasons.Where(r => !r.Overridden && !r.Informational && r.Effect == Verdict).Select(r => r.Message));

    public bool IsAllowed => Verdict == LicenseVerdict.Allowed;

    public override string ToString() => $"{ModelId}: {Verdict}";
}
