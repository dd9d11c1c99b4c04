using static BedrockCompliance.Engine.Policy.PolicyJsonWriter;

namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// Turns a draft into the policy JSON, and says what one more list item adds to the size so the packer need not
/// re-render per item. Statement design and sources: docs/licence-policy.md ("The generated deny policy").
/// </summary>
internal static class AccessPolicyRenderer
{
    // Nesting depth of array items (root 0 → Statement 1 → statement 2 → Resource 3 → items 4;
    // Condition 3 → operator 4 → key 5 → items 6): the indentation one more item carries.
    const int ResourceItemDepth = 4;
    const int ConditionItemDepth = 6;

    public static string Render(AccessPolicyDraft d, AccessPolicyOptions o)
    {
        var statements = new List<object>();
        string p = o.Partition;
        (string, object)? region = o.Regions.Count == 0 ? null
            : ("StringEquals", Obj(("aws:RequestedRegion", Arr(o.Regions))));

        if (d.AllowList != null)
        {
            var s = Obj(("Sid", "DenyInferenceExceptLicencePolicyAllowedModels"), ("Effect", "Deny"), ("Action", Arr(AccessPolicyGenerator.InvokeActionPatterns)));
            // When residency denies every call through a profile, exempting the allowed models' profiles here would grant
            // nothing: only the foundation-model ARNs are listed (the profile leg is denied twice; no call changes verdict).
            bool profiles = AccessPolicyFixedStatements.ProfilesStayOpen(o);
            if (d.AllowList.Count == 0) s.Add(("Resource", "*"));
            else s.Add(("NotResource", Arr(d.AllowList.SelectMany(x => profiles ? ModelArns(p, x) : new[] { AccessPolicyGenerator.FoundationModelArn(p, x) })
                .Concat(new[] { AccessPolicyGenerator.DefaultProjectArn(p) }))));
            AddCondition(s, region);
            statements.Add(s);
        }
        if (d.DenyPatterns.Count > 0)
        {
            var s = Obj(("Sid", "DenyModelsNotAllowedByLicencePolicy"), ("Effect", "Deny"),
                ("Action", Arr(AccessPolicyGenerator.InvokeActionPatterns.Concat(new[] { AccessPolicyGenerator.AgreementAction }))),
                ("Resource", Arr(d.DenyPatterns.SelectMany(x => ModelArns(p, x)))));
            AddCondition(s, region);
            statements.Add(s);
        }
        if (d.AgreementPatterns.Count > 0)
        {
            var s = Obj(("Sid", "DenyAgreementsForModelsNotAllowed"), ("Effect", "Deny"), ("Action", AccessPolicyGenerator.AgreementAction),
                ("Resource", Arr(d.AgreementPatterns.Select(x => AccessPolicyGenerator.AgreementArn(p, x)))));
            AddCondition(s, region);
            statements.Add(s);
        }
        if (d.ProductIds.Count > 0)
            statements.Add(Obj(("Sid", "DenyMarketplaceSubscriptionForModelsNotAllowed"), ("Effect", "Deny"), ("Action", AccessPolicyGenerator.MarketplaceSubscribeAction),
                ("Resource", "*"), ("Condition", Obj(("ForAnyValue:StringEquals", Obj(("aws-marketplace:ProductId", Arr(d.ProductIds))))))));
        if (o.IncludeMantle) AddMantle(statements, d, region);
        if (d.First) AccessPolicyFixedStatements.Add(statements, o);
        return Write(Obj(("Version", "2012-10-17"), ("Statement", statements)), !o.Compress);
    }

    /// <summary>
    /// The mantle endpoint names the model only in the bedrock-mantle:Model condition key (no model resource).
    /// Allow-list: deny unless the model is allowed (a missing key makes StringNotLike true: fails closed; a profile ID
    /// such as us.&lt;id&gt; is denied too). Deny-list: the ID and any prefixed form of it.
    /// </summary>
    static void AddMantle(List<object> statements, AccessPolicyDraft d, (string, object)? region)
    {
        if (d.AllowList != null)
        {
            var s = Obj(("Sid", "DenyMantleInferenceExceptAllowedModels"), ("Effect", "Deny"), ("Action", AccessPolicyGenerator.MantleInferenceAction), ("Resource", "*"));
            var cond = new List<(string, object)>();
            if (d.AllowList.Count > 0) cond.Add(("StringNotLike", Obj((AccessPolicyGenerator.MantleModelKey, Arr(d.AllowList)))));
            if (region != null) cond.Add(region.Value);
            if (cond.Count > 0) s.Add(("Condition", cond));
            statements.Add(s);
        }
        else if (d.DenyPatterns.Count > 0)
        {
            var cond = Obj(("StringLike", Obj((AccessPolicyGenerator.MantleModelKey, Arr(d.DenyPatterns.SelectMany(MantlePatterns))))));
            if (region != null) cond.Add(region.Value);
            statements.Add(Obj(("Sid", "DenyMantleInferenceForModelsNotAllowed"), ("Effect", "Deny"), ("Action", AccessPolicyGenerator.MantleInferenceAction),
                ("Resource", "*"), ("Condition", cond)));
        }
    }

    static IEnumerable<string> ModelArns(string partition, string pattern) =>
        new[] { AccessPolicyGenerator.FoundationModelArn(partition, pattern), AccessPolicyGenerator.InferenceProfileArn(partition, pattern) };

    static IEnumerable<string> MantlePatterns(string pattern) => new[] { pattern, "*." + pattern };

    static void AddCondition(List<(string, object)> statement, (string, object)? condition)
    {
        if (condition != null) statement.Add(("Condition", Obj(condition.Value)));
    }

    /// <summary>Size of one more item in a list that already has items (a first item changes the shape: render instead).</summary>
    public static int AddedCost(AccessPolicyListKind kind, string item, AccessPolicyOptions o)
    {
        bool indent = !o.Compress;
        int Cost(string s, int depth) => AddedItemCost(s, depth, indent, o.Type);
        switch (kind)
        {
            case AccessPolicyListKind.Deny:
                return ModelArns(o.Partition, item).Sum(a => Cost(a, ResourceItemDepth))
                    + (o.IncludeMantle ? MantlePatterns(item).Sum(m => Cost(m, ConditionItemDepth)) : 0);
            case AccessPolicyListKind.Agreement:
                return Cost(AccessPolicyGenerator.AgreementArn(o.Partition, item), ResourceItemDepth);
            case AccessPolicyListKind.Product:
                return Cost(item, ConditionItemDepth);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
