using static BedrockCompliance.Engine.Policy.PolicyJsonWriter;

namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// The statements that do not depend on the model list, written once into the first document: data residency,
/// the data retention ceiling, long-term API keys and Claude Platform on AWS. Sources: reference
/// bedrock-privacy-2026.md §1.7, §4.2, §5.4, §5.5, §6.3.
/// </summary>
internal static class AccessPolicyFixedStatements
{
    /// <summary>
    /// False when the residency statements deny every call through a system-defined profile (no prefix has all its
    /// destinations in allowedRegions): the allow-list then need not exempt profile ARNs.
    /// </summary>
    public static bool ProfilesStayOpen(AccessPolicyOptions o) =>
        o.AllowedRegions.Count == 0 || CrossRegionProfiles.PrefixesWithin(o.AllowedRegions.ToList()).Count > 0;

    public static void Add(List<object> statements, AccessPolicyOptions o)
    {
        string p = o.Partition;
        if (o.AllowedRegions.Count > 0)
        {
            // Every leg of a call is authorised with its own Region: a call from a Region outside the list, a
            // geographic profile's leg in a destination outside it, and a global profile's Region-less leg
            // (aws:RequestedRegion = "unspecified") are all denied here.
            var actions = AccessPolicyGenerator.InvokeActionPatterns.ToList();
            if (o.IncludeMantle) actions.Add(AccessPolicyGenerator.MantleInferenceAction);
            statements.Add(Obj(("Sid", "DenyInferenceOutsideAllowedRegions"), ("Effect", "Deny"), ("Action", Arr(actions)), ("Resource", "*"),
                ("Condition", Obj(("StringNotEquals", Obj(("aws:RequestedRegion", Arr(o.AllowedRegions))))))));
            // Independently of how AWS fills aws:RequestedRegion on destination legs: any call through a
            // system-defined profile whose destinations are not all allowed (global., unknown prefixes) is denied.
            var within = CrossRegionProfiles.PrefixesWithin(o.AllowedRegions.ToList());
            var cond = Obj(("ArnLike", Obj((AccessPolicyGenerator.InferenceProfileArnKey, $"arn:{p}:bedrock:*:*:inference-profile/*"))));
            if (within.Count > 0)
                cond.Add(("ArnNotLike", Obj((AccessPolicyGenerator.InferenceProfileArnKey, Arr(within.Select(x => $"arn:{p}:bedrock:*:*:inference-profile/{x}.*"))))));
            statements.Add(Obj(("Sid", "DenyInferenceProfilesRoutingOutsideAllowedRegions"), ("Effect", "Deny"),
                ("Action", Arr(AccessPolicyGenerator.InvokeActionPatterns)), ("Resource", "*"), ("Condition", cond)));
        }
        if (o.MaximumDataRetention is { } max)
        {
            // Above the maximum, never "inherit" (it defers to the account or model default; the privacy check reads the effective mode).
            var above = AccessPolicyGenerator.RetentionModesAbove(max);
            if (above.Count > 0)
            {
                statements.Add(RetentionDeny("DenyDataRetentionAboveMaximum", new[] { "bedrock:PutAccountDataRetention" }, "bedrock:DataRetentionMode", above));
                statements.Add(RetentionDeny("DenyMantleDataRetentionAboveMaximum",
                    new[] { "bedrock-mantle:PutAccountDataRetention", "bedrock-mantle:CreateProject", "bedrock-mantle:UpdateProject" }, "bedrock-mantle:DataRetentionMode", above));
            }
        }
        if (o.DenyLongTermApiKeys)
        {
            statements.Add(Obj(("Sid", "DenyBedrockApiKeyCreation"), ("Effect", "Deny"), ("Action", "iam:CreateServiceSpecificCredential"), ("Resource", "*"),
                ("Condition", Obj(("StringEquals", Obj(("iam:ServiceSpecificCredentialServiceName", Aws.IamClient.BedrockServiceName)))))));
            // Two statements: each endpoint has its own action and key, and keys in one condition block must all hold.
            foreach (var svc in new[] { "bedrock", "bedrock-mantle" })
                statements.Add(Obj(("Sid", svc == "bedrock" ? "DenyLongTermBedrockApiKeys" : "DenyLongTermMantleApiKeys"), ("Effect", "Deny"),
                    ("Action", svc + ":CallWithBearerToken"), ("Resource", "*"),
                    ("Condition", Obj(("StringEquals", Obj((svc + ":BearerTokenType", "LONG_TERM")))))));
        }
        if (o.DenyClaudePlatform)
            statements.Add(Obj(("Sid", "DenyClaudePlatformOnAws"), ("Effect", "Deny"), ("Action", "aws-external-anthropic:*"), ("Resource", "*")));
    }

    static List<(string, object)> RetentionDeny(string sid, IEnumerable<string> actions, string key, IReadOnlyList<string> modes) =>
        Obj(("Sid", sid), ("Effect", "Deny"), ("Action", Arr(actions)), ("Resource", "*"),
            ("Condition", Obj(("ForAnyValue:StringEquals", Obj((key, Arr(modes)))))));
}
