using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Engine.Privacy;

/// <summary>What Test-BedrockDataPrivacy judges against.</summary>
internal sealed class PrivacyCheckOptions
{
    /// <summary>The checks to run (default: all, in enum order).</summary>
    public IReadOnlyCollection<PrivacyCheck>? Checks { get; set; }
    /// <summary>Data-residency list: region names or wildcards (eu-*); null = none given, RegionAllowed and CrossRegionResidency are Unknown.</summary>
    public IReadOnlyList<string>? AllowedRegions { get; set; }
    /// <summary>Null = none given: the configuration is reported, InvocationLogging is Unknown.</summary>
    public InvocationLoggingRequirement? InvocationLogging { get; set; }
    /// <summary>
    /// Enabled: the kinds that must be delivered (empty = at least one). Disabled: the kinds that must not be
    /// delivered (empty = none at all).
    /// </summary>
    public IReadOnlyList<InvocationLogDataKind> InvocationLogDataKinds { get; set; } = Array.Empty<InvocationLogDataKind>();
    /// <summary>
    /// The most retention allowed (None, Default or AwsReview); null = none given: DataRetention and ModelDataRetention
    /// report but only provider_data_share fails.
    /// </summary>
    public DataRetentionMode? MaximumDataRetention { get; set; }
    /// <summary>An enforced guardrail must cover the region's inference; false = EnforcedGuardrail reports only (Unknown).</summary>
    public bool RequireEnforcedGuardrail { get; set; }
    /// <summary>The models in use (-ModelId or piped licences): only their inference profiles count for residency; null = every profile.</summary>
    public IReadOnlyList<string>? ModelIds { get; set; }
    /// <summary>Licence facts (minimum retention, flagged-traffic retention) for ModelDataRetention; piped licences win over the catalog.</summary>
    public LicenseCatalog Catalog { get; set; } = LicenseCatalog.Default;
    public IReadOnlyList<BedrockModelLicense>? Licenses { get; set; }

    /// <summary>The requirements a profile sets (not invocation logging: audit versus no storage is the organisation's call); explicit values win.</summary>
    /// <summary>A copy for one target's models (null: every model in the region).</summary>
    public PrivacyCheckOptions ForModels(IReadOnlyList<string>? modelIds)
    {
        var copy = (PrivacyCheckOptions)MemberwiseClone();
        copy.ModelIds = modelIds;
        return copy;
    }

    public void ApplyProfile(PrivacyProfile profile, bool maximumGiven, bool enforcedGuardrailGiven)
    {
        if (!maximumGiven)
            MaximumDataRetention = profile == PrivacyProfile.Strict ? DataRetentionMode.None : DataRetentionMode.Default;
        if (!enforcedGuardrailGiven)
            RequireEnforcedGuardrail = profile == PrivacyProfile.Strict;
    }
}
