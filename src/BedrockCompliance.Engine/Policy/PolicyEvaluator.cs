using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Hosting;
using static BedrockCompliance.PolicyReasonCode;

namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// Judges one model licence against a <see cref="LicensePolicy"/>. Precedence (docs/licence-policy.md):
/// <list type="number">
/// <item>Explicit deny (deniedModelIds, deniedProviders, a model needing more data retention than maximumDataRetention) → Denied.
/// Nothing overrides it, not even an approval.</item>
/// <item>A valid explicit approval (not expired, in effect) → Allowed; rule findings are kept as overridden reasons.</item>
/// <item>Rules: any Denied finding (category not allowed, provider / model ID outside the allow-lists, denied
/// restriction, LEGACY when not allowed) → Denied; else any NeedsReview finding (Unknown category,
/// TERMS_NOT_REVIEWED, confidence below the minimum) → NeedsReview; else Allowed.</item>
/// </list>
/// Thread-safe; create one per policy and reuse it.
/// </summary>
internal sealed class PolicyEvaluator
{
    readonly TimeProvider _time;

    /// <param name="time">The clock approvals and end-of-life dates are judged against; <see cref="TimeProvider.System"/> by default.</param>
    public PolicyEvaluator(LicensePolicy policy, TimeProvider? time = null)
    {
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
        _time = time ?? TimeProvider.System;
    }

    public LicensePolicy Policy { get; }

    /// <summary>
    /// An evaluator on the system clock, or frozen at <paramref name="asOfUtc"/> (-AsOf). The cmdlets use this one: a
    /// TimeProvider in their code would make the default load context resolve Microsoft.Bcl.TimeProvider.
    /// </summary>
    public static PolicyEvaluator AsOf(LicensePolicy policy, DateTime? asOfUtc) =>
        new PolicyEvaluator(policy, asOfUtc.HasValue ? new FixedTimeProvider(asOfUtc.Value) : null);

    /// <summary>Loads (cached) and evaluates in one call: what New-BedrockModelAgreement -Policy needs.</summary>
    public static BedrockModelPolicyVerdict Evaluate(string policyPath, BedrockModelLicense license, DateTime? asOfUtc = null) =>
        new PolicyEvaluator(LicensePolicy.Load(policyPath), asOfUtc.HasValue ? new FixedTimeProvider(asOfUtc.Value) : null).Evaluate(license);

    /// <summary>The verdict for one licence (from Get-BedrockModelLicense or LicenseCatalog.Classify).</summary>
    public BedrockModelPolicyVerdict Evaluate(BedrockModelLicense license)
    {
        if (license == null) throw new ArgumentNullException(nameof(license));
        DateTime now = _time.GetUtcNow().UtcDateTime;
        if (now.Kind == DateTimeKind.Local) now = now.ToUniversalTime();
        DateTime today = now.Date;
        // Profile IDs / ARNs in hand-made objects: judge the foundation model, like the catalog does.
        string id = license.ModelId ?? "";
        try { id = ModelIdentifier.ToFoundationModelId(id, LicenseCatalog.Default.IsKnownProvider); }
        catch (ArgumentException) { /* keep as given: rules still apply, patterns just will not match */ }
        string segment = ModelIdentifier.ProviderSegment(id) ?? id;

        var reasons = new List<PolicyReason>();

        // 1. Explicit denies.
        var explicitDenies = new List<PolicyReason>();
        foreach (var g in Policy.DeniedModelIds.Where(g => g.IsMatch(id)))
            explicitDenies.Add(new PolicyReason(DeniedModelId, LicenseVerdict.Denied, $"Model ID '{id}' matches the denied pattern '{g.Pattern}'.", "deniedModelIds"));
        foreach (var p in Policy.DeniedProviders.Where(p => ProviderMatches(p, license.Provider, segment)))
            explicitDenies.Add(new PolicyReason(DeniedProvider, LicenseVerdict.Denied, $"Provider '{license.Provider ?? segment}' is denied by the policy ('{p}').", "deniedProviders"));
        if (RetentionDeny(license, id) is { } retention) explicitDenies.Add(retention);

        // 2. Approval.
        PolicyApproval? approval = Policy.FindApproval(id);
        bool approvalApplies = false;
        if (approval != null)
        {
            if (approval.ExpiresOn.HasValue && today >= approval.ExpiresOn.Value.Date)
                reasons.Add(new PolicyReason(ApprovalExpired, LicenseVerdict.NeedsReview,
                    $"The approval by {approval.ApprovedBy} on {approval.ApprovedOn:yyyy-MM-dd}{Ref(approval)} expired on {approval.ExpiresOn.Value:yyyy-MM-dd}; renew it or remove it.", "approvals"));
            else if (approval.ApprovedOn.Date > today)
                reasons.Add(new PolicyReason(ApprovalNotYetEffective, LicenseVerdict.NeedsReview,
                    $"The approval by {approval.ApprovedBy}{Ref(approval)} takes effect on {approval.ApprovedOn:yyyy-MM-dd}, after the evaluation date {today:yyyy-MM-dd}.", "approvals"));
            else if (explicitDenies.Count > 0)
                reasons.Add(new PolicyReason(ApprovalOverriddenByDeny, LicenseVerdict.Denied,
                    $"The approval by {approval.ApprovedBy} on {approval.ApprovedOn:yyyy-MM-dd}{Ref(approval)} does not apply: an explicit deny wins over approvals.", "approvals"));
            else
                approvalApplies = true;
        }

        // 3. Rules (always evaluated, so an approval shows what it overrides).
        var rules = EvaluateRules(license, id, segment, today);

        LicenseVerdict verdict;
        if (explicitDenies.Count > 0)
        {
            verdict = LicenseVerdict.Denied;
            reasons.InsertRange(0, explicitDenies);
            reasons.AddRange(rules.Where(r => r.Effect != LicenseVerdict.Allowed || r.Code == LifecycleUnknown));
            approval = null;
        }
        else if (approvalApplies)
        {
            verdict = LicenseVerdict.Allowed;
            reasons.Add(new PolicyReason(ExplicitApproval, LicenseVerdict.Allowed,
                $"Explicitly approved by {approval!.ApprovedBy} on {approval.ApprovedOn:yyyy-MM-dd}{Ref(approval)}" +
                (approval.ExpiresOn.HasValue ? $", valid until {approval.ExpiresOn.Value.AddDays(-1):yyyy-MM-dd}." : "."), "approvals"));
            foreach (var r in rules)
                reasons.Add(r.Effect == LicenseVerdict.Allowed ? r : new PolicyReason(r.Code, r.Effect, r.Message, r.PolicyField, overridden: true, informational: r.Informational));
        }
        else
        {
            approval = null;
            verdict = rules.Any(r => r.Effect == LicenseVerdict.Denied) ? LicenseVerdict.Denied
                : rules.Any(r => r.Effect == LicenseVerdict.NeedsReview) || reasons.Any(r => r.Effect == LicenseVerdict.NeedsReview) ? LicenseVerdict.NeedsReview
                : LicenseVerdict.Allowed;
            if (verdict == LicenseVerdict.Denied)
                reasons.RemoveAll(r => r.Code == ApprovalOverriddenByDeny);
            reasons.AddRange(rules);
            if (verdict == LicenseVerdict.Allowed)
                reasons.Add(new PolicyReason(AllowedByRules, LicenseVerdict.Allowed,
                    $"Allowed by the rules: category {license.LicenseCategory} is allowed and no rule denies the model or asks for review.", "allowedCategories"));
        }

        return new BedrockModelPolicyVerdict
        {
            ModelId = id,
            Provider = license.Provider,
            Family = license.Family,
            LicenseCategory = license.LicenseCategory,
            LicenseName = license.LicenseName,
            Confidence = license.Confidence,
            LifecycleStatus = EffectiveLifecycle(license),
            Verdict = verdict,
            Reasons = reasons,
            Approval = approval,
            PolicyName = Policy.DisplayName,
            PolicyPath = Policy.Source,
            PolicySha256 = Policy.Sha256,
            EvaluatedAt = now,
            AccountId = license.AccountId,
            Region = license.Region,
            Context = license.Context,
            License = license,
        };
    }

    List<PolicyReason> EvaluateRules(BedrockModelLicense license, string id, string segment, DateTime today)
    {
        var r = new List<PolicyReason>();
        var codes = new HashSet<string>(license.Restrictions.Select(x => x.Code), StringComparer.Ordinal);

        if (license.LicenseCategory == LicenseCategory.Unknown)
            r.Add(new PolicyReason(NotInCatalog, LicenseVerdict.NeedsReview,
                $"'{id}' is not in the licence catalog (category Unknown): review its terms, then approve it explicitly or add it to your catalog.", null));
        else if (!Policy.AllowedCategories.Contains(license.LicenseCategory))
            r.Add(new PolicyReason(CategoryNotAllowed, LicenseVerdict.Denied,
                $"Licence category {license.LicenseCategory} is not in allowedCategories ({(Policy.AllowedCategories.Count == 0 ? "none" : string.Join(", ", Policy.AllowedCategories))}).", "allowedCategories"));

        if (Policy.AllowedProviders.Count > 0 && !Policy.AllowedProviders.Any(p => ProviderMatches(p, license.Provider, segment)))
            r.Add(new PolicyReason(ProviderNotAllowed, LicenseVerdict.Denied,
                $"Provider '{license.Provider ?? segment}' is not in allowedProviders ({string.Join(", ", Policy.AllowedProviders)}).", "allowedProviders"));

        if (Policy.AllowedModelIds.Count > 0 && !Policy.AllowedModelIds.Any(g => g.IsMatch(id)))
            r.Add(new PolicyReason(ModelIdNotAllowed, LicenseVerdict.Denied,
                $"Model ID '{id}' matches none of allowedModelIds ({string.Join(", ", Policy.AllowedModelIds.Select(g => g.Pattern))}).", "allowedModelIds"));

        foreach (var code in Policy.DeniedRestrictions.Where(codes.Contains))
        {
            var summary = license.Restrictions.First(x => x.Code == code).Summary;
            r.Add(new PolicyReason(DeniedRestriction, LicenseVerdict.Denied, $"The licence carries the denied restriction {code}: {summary}", "deniedRestrictions"));
        }

        if (codes.Contains(LicenseCatalog.NotReviewedCode) && !Policy.DeniedRestrictions.Contains(LicenseCatalog.NotReviewedCode) && license.LicenseCategory != LicenseCategory.Unknown)
            r.Add(new PolicyReason(TermsNotReviewed, LicenseVerdict.NeedsReview,
                $"The catalog marks the terms of '{id}' as not reviewed ({LicenseCatalog.NotReviewedCode}): restrictions are unknown, not absent.", null));

        if (Policy.MinimumConfidence.HasValue && license.Confidence < Policy.MinimumConfidence.Value && license.LicenseCategory != LicenseCategory.Unknown)
            r.Add(new PolicyReason(LowConfidence, LicenseVerdict.NeedsReview,
                $"Catalog confidence {license.Confidence} is below minimumConfidence {Policy.MinimumConfidence.Value}.", "minimumConfidence"));

        PrivacyAndLifecycleRules(r, license, id, today);

        if (!Policy.AllowLegacyModels)
        {
            // Only the live status decides (a Region can differ from the catalog); the catalog's is shown and named.
            if (string.Equals(license.LifecycleStatus, "LEGACY", StringComparison.OrdinalIgnoreCase))
                r.Add(new PolicyReason(LegacyModel, LicenseVerdict.Denied,
                    $"'{id}' is LEGACY in {license.Region ?? "this Region"} and allowLegacyModels is false.", "allowLegacyModels"));
            else if (string.IsNullOrEmpty(license.LifecycleStatus))
                r.Add(new PolicyReason(LifecycleUnknown, LicenseVerdict.Allowed,
                    "Lifecycle status unknown (offline data): the LEGACY rule could not be checked; run against an account to check it." +
                    (license.CatalogLifecycleStatus != null ? $" The catalog lists the model as {license.CatalogLifecycleStatus}." : ""), "allowLegacyModels", informational: true));
        }
        return r;
    }

    void PrivacyAndLifecycleRules(List<PolicyReason> r, BedrockModelLicense license, string id, DateTime today)
    {
        if (Policy.MaximumDataRetention == DataRetentionMode.None && license.FlaggedTrafficRetained && RetentionDeny(license, id) == null)
            r.Add(new PolicyReason(FlaggedTrafficRetained, LicenseVerdict.Allowed,
                $"'{id}' retains classifier-flagged traffic whatever the retention mode (abuse detection), so zero data retention does not hold for flagged requests" +
                (license.DataRetentionNote != null ? $": {license.DataRetentionNote}" : "."), "maximumDataRetention", informational: true));

        if (Policy.DenyWithinDaysOfEndOfLife is { } days && license.EndOfLifeDate is { } eolDate)
        {
            DateTime eol = eolDate.Date;
            int left = (int)(eol - today).TotalDays;
            if (left <= days)
                r.Add(new PolicyReason(NearEndOfLife, LicenseVerdict.Denied, left < 0
                    ? $"'{id}' reached end of life on {eol:yyyy-MM-dd}, before the evaluation date {today:yyyy-MM-dd}."
                    : $"'{id}' reaches end of life on {eol:yyyy-MM-dd}, {left} day(s) after the evaluation date {today:yyyy-MM-dd}; denyWithinDaysOfEndOfLife is {days}.", "denyWithinDaysOfEndOfLife"));
        }
    }

    /// <summary>
    /// A model that needs more retention than the policy allows is denied like an explicit deny: an approval reviews
    /// licence terms, it cannot make the model run without retaining data.
    /// </summary>
    PolicyReason? RetentionDeny(BedrockModelLicense license, string id) =>
        Policy.MaximumDataRetention is { } max && license.MinimumDataRetention is { } min && min != DataRetentionMode.Inherit && min > max
            ? new PolicyReason(RequiresDataRetention, LicenseVerdict.Denied,
                $"'{id}' runs only under data retention mode '{DataRetentionModes.ToWire(min)}' or above, more than maximumDataRetention '{DataRetentionModes.ToWire(max)}' allows" +
                (license.DataRetentionNote != null ? $": {license.DataRetentionNote}" : "."), "maximumDataRetention")
            : null;

    static string? EffectiveLifecycle(BedrockModelLicense license) =>
        !string.IsNullOrEmpty(license.LifecycleStatus) ? license.LifecycleStatus : license.CatalogLifecycleStatus;

    static bool ProviderMatches(string policyProvider, string? providerName, string segment) =>
        string.Equals(policyProvider, segment, StringComparison.OrdinalIgnoreCase) ||
        (providerName != null && string.Equals(policyProvider, providerName, StringComparison.OrdinalIgnoreCase));

    static string Ref(PolicyApproval a) => a.Reference != null ? $" ({a.Reference})" : "";
}
