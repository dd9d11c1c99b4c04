using BedrockCompliance.Engine.Aws;
using static BedrockCompliance.Engine.Privacy.PrivacyText;

namespace BedrockCompliance.Engine.Privacy.Checks;

/// <summary>
/// An enforced guardrail covers the region's inference (-RequireEnforcedGuardrail): an account-level configuration for
/// every model, COMPREHENSIVE guarding, no HONOR input tags. Organisation-enforced guardrails are not listed by the
/// account API, so "none found" is Unknown, not Fail.
/// </summary>
internal sealed class EnforcedGuardrailCheck() : PrivacyCheckBase(PrivacyCheck.EnforcedGuardrail, "bedrock:ListEnforcedGuardrailsConfiguration")
{
    protected override async Task<BedrockPrivacyCheck> GatherAndJudgeAsync(PrivacyCheckContext context, CancellationToken ct)
    {
        var configs = await context.Clients.BedrockPrivacy.ListEnforcedGuardrailsConfigurationAsync(ct).ConfigureAwait(false);
        return Judge(context.Region, configs, context.Options.RequireEnforcedGuardrail);
    }

    /// <summary>What keeps a configuration from covering all inference; empty when it covers everything.</summary>
    public static IReadOnlyList<string> Gaps(EnforcedGuardrailConfiguration c)
    {
        var gaps = new List<string>();
        if (c.IncludedModels != null && !c.IncludedModels.Any(m => string.Equals(m, "ALL", StringComparison.OrdinalIgnoreCase)))
            gaps.Add($"enforced only on {string.Join(", ", c.IncludedModels)}");
        if (c.ExcludedModels.Count > 0) gaps.Add($"excludes {string.Join(", ", c.ExcludedModels)}");
        if (string.Equals(c.SystemGuarding, "SELECTIVE", StringComparison.OrdinalIgnoreCase) || string.Equals(c.MessagesGuarding, "SELECTIVE", StringComparison.OrdinalIgnoreCase))
            gaps.Add("SELECTIVE guarding (the caller chooses what is evaluated)");
        if (string.Equals(c.InputTags, "HONOR", StringComparison.OrdinalIgnoreCase)) gaps.Add("honours input tags (deprecated HONOR)");
        return gaps;
    }

    public static BedrockPrivacyCheck Judge(string region, IReadOnlyList<EnforcedGuardrailConfiguration> configs, bool required)
    {
        var result = new BedrockPrivacyCheck { Check = PrivacyCheck.EnforcedGuardrail };
        string Name(EnforcedGuardrailConfiguration c) => $"{c.GuardrailArn ?? c.GuardrailId ?? "(unnamed)"} version {c.GuardrailVersion ?? "?"}";
        var judged = configs.Select(c => (Config: c, Gaps: Gaps(c))).ToList();
        result.Resources = configs.Select(c => c.GuardrailArn ?? c.GuardrailId ?? c.ConfigId ?? "").Where(s => s.Length > 0).ToArray();
        string found = configs.Count == 0 ? $"no account-level enforced guardrail in {region}"
            : string.Join("; ", judged.Select(j => $"{Name(j.Config)} {(j.Gaps.Count == 0 ? "covers all inference" : string.Join(", ", j.Gaps))}"));
        const string orgNote = " Organisation-enforced guardrails (BEDROCK_POLICY) are not listed by this API: aws organizations describe-effective-policy --policy-type BEDROCK_POLICY --target-id <account> shows them.";
        if (!required)
        {
            result.Status = PrivacyCheckStatus.Unknown;
            result.Detail = Cap($"Not judged: -RequireEnforcedGuardrail not given. Found: {found}.");
            result.Remediation = "Pass -RequireEnforcedGuardrail (or -Profile Strict) to require one.";
            return result;
        }
        result.Requirement = "an enforced guardrail covering all models, COMPREHENSIVE";
        if (judged.Any(j => j.Gaps.Count == 0))
        {
            result.Status = PrivacyCheckStatus.Pass;
            result.Detail = Cap(Capitalize(found) + ".");
            return result;
        }
        const string put = "aws bedrock put-enforced-guardrail-configuration --guardrail-inference-config " +
            "'{\"guardrailIdentifier\":\"<guardrail ARN>\",\"guardrailVersion\":\"<n>\",\"selectiveContentGuarding\":{\"system\":\"COMPREHENSIVE\",\"messages\":\"COMPREHENSIVE\"}}'";
        if (configs.Count == 0)
        {
            result.Status = PrivacyCheckStatus.Unknown;
            result.Detail = Cap($"Could not verify: {found}." + orgNote);
            result.Remediation = $"Enforce one in the account: {put} --region {region}, or attach a BEDROCK_POLICY in AWS Organizations.";
            return result;
        }
        result.Status = PrivacyCheckStatus.Fail;
        result.Detail = Cap($"The enforced guardrail(s) in {region} leave inference unguarded: {found}." + orgNote);
        result.Remediation = $"Update the configuration to cover every model, COMPREHENSIVE: {put} --config-id {configs[0].ConfigId ?? "<id>"} --region {region}.";
        return result;
    }
}
