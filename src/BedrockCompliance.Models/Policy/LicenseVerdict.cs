namespace BedrockCompliance;

/// <summary>The outcome of checking one model against a licence policy.</summary>
// long-based so that ConvertTo-Json writes the name: PowerShell writes 64-bit enums as text, 32-bit ones as numbers.
public enum LicenseVerdict : long
{
    /// <summary>The policy cannot decide: a person must review the terms (unknown model, unreviewed EULA, low catalog confidence).</summary>
    NeedsReview = 0,
    /// <summary>The policy forbids the model.</summary>
    Denied,
    /// <summary>The policy allows the model (by its rules or by an explicit approval).</summary>
    Allowed,
}

/// <summary>One reason behind a verdict; <see cref="Code"/> is stable and meant for scripts.</summary>
public sealed class PolicyReason
{
    public PolicyReason(string code, LicenseVerdict effect, string message, string? policyField = null, bool overridden = false, bool informational = false)
    {
        Informational = informational;
        Code = code;
        Effect = effect;
        Message = message;
        PolicyField = policyField;
        Overridden = overridden;
    }

    /// <summary>Stable code, one of <see cref="PolicyReasonCode"/> (docs/licence-policy.md tables them).</summary>
    public string Code { get; }
    /// <summary>What this finding alone would make the verdict.</summary>
    public LicenseVerdict Effect { get; }
    public string Message { get; }
    /// <summary>The policy-file field that produced the finding (e.g. "deniedRestrictions"), when there is one.</summary>
    public string? PolicyField { get; }
    /// <summary>True when an explicit approval overrode this rule finding.</summary>
    public bool Overridden { get; }
    /// <summary>True for a note that never decides the verdict (e.g. LifecycleUnknown offline).</summary>
    public bool Informational { get; }

    public override string ToString() => Overridden ? $"{Code} (overridden): {Message}" : $"{Code}: {Message}";
}

/// <summary>An explicit approval of one model from the policy file.</summary>
public sealed class PolicyApproval
{
    public string ModelId { get; set; } = "";
    public string ApprovedBy { get; set; } = "";
    /// <summary>The approval date (a calendar date; Kind Unspecified).</summary>
    public DateTime ApprovedOn { get; set; }
    public string? Reference { get; set; }
    /// <summary>The approval stops applying at the start of this date (UTC); null = no expiry.</summary>
    public DateTime? ExpiresOn { get; set; }
    public string? ApprovedOnIso => IsoText.Date(ApprovedOn);
    public string? ExpiresOnIso => IsoText.Date(ExpiresOn);
    public string? Notes { get; set; }

    public override string ToString() =>
        $"{ModelId} approved by {ApprovedBy} on {ApprovedOn:yyyy-MM-dd}" + (Reference != null ? $" ({Reference})" : "") +
        (ExpiresOn.HasValue ? $", expires {ExpiresOn.Value:yyyy-MM-dd}" : "");
}
