namespace BedrockCompliance;

/// <summary>
/// The codes of <see cref="PolicyReason.Code"/> and <see cref="BedrockModelPolicyVerdict.ReasonCodes"/>: stable, for
/// scripts (<c>[BedrockCompliance.PolicyReasonCode]::NearEndOfLife</c>). docs/licence-policy.md lists each with its
/// effect and policy field; a test keeps that table and this list the same.
/// </summary>
public static class PolicyReasonCode
{
    // Explicit denies: nothing overrides them.
    public const string DeniedModelId = "DeniedModelId";
    public const string DeniedProvider = "DeniedProvider";
    /// <summary>The model runs only under more data retention than maximumDataRetention allows.</summary>
    public const string RequiresDataRetention = "RequiresDataRetention";

    // Approvals.
    public const string ExplicitApproval = "ExplicitApproval";
    public const string ApprovalOverriddenByDeny = "ApprovalOverriddenByDeny";
    public const string ApprovalExpired = "ApprovalExpired";
    public const string ApprovalNotYetEffective = "ApprovalNotYetEffective";

    // Rules.
    public const string NotInCatalog = "NotInCatalog";
    public const string CategoryNotAllowed = "CategoryNotAllowed";
    public const string ProviderNotAllowed = "ProviderNotAllowed";
    public const string ModelIdNotAllowed = "ModelIdNotAllowed";
    public const string DeniedRestriction = "DeniedRestriction";
    public const string TermsNotReviewed = "TermsNotReviewed";
    public const string LowConfidence = "LowConfidence";
    public const string LegacyModel = "LegacyModel";
    public const string NearEndOfLife = "NearEndOfLife";
    public const string AllowedByRules = "AllowedByRules";

    // Notes that never decide a verdict.
    public const string LifecycleUnknown = "LifecycleUnknown";
    public const string FlaggedTrafficRetained = "FlaggedTrafficRetained";

    static readonly string[] AllCodes = Vocabulary.Of(typeof(PolicyReasonCode));

    /// <summary>Every code, in the order docs/licence-policy.md lists them.</summary>
    public static IReadOnlyList<string> All => AllCodes;
}
