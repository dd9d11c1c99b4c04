namespace BedrockCompliance.Engine.Privacy.Checks;

/// <summary>The region is in the data-residency list (-AllowedRegion); no AWS call.</summary>
internal sealed class RegionAllowedCheck() : PrivacyCheckBase(PrivacyCheck.RegionAllowed, "none")
{
    protected override Task<BedrockPrivacyCheck> GatherAndJudgeAsync(PrivacyCheckContext context, CancellationToken ct) =>
        Task.FromResult(Judge(context.Region, context.Options.AllowedRegions));

    public static BedrockPrivacyCheck Judge(string region, IReadOnlyList<string>? allowed)
    {
        var result = new BedrockPrivacyCheck { Check = PrivacyCheck.RegionAllowed };
        if (allowed == null || allowed.Count == 0)
        {
            result.Status = PrivacyCheckStatus.Unknown;
            result.Detail = $"Not judged: no data-residency list given, so whether {region} is allowed is unknown.";
            result.Remediation = "Pass -AllowedRegion with the regions your data-residency policy permits (wildcards allowed, e.g. -AllowedRegion 'eu-*').";
            return result;
        }
        var patterns = allowed.Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        result.Requirement = string.Join(", ", patterns);
        var match = patterns.FirstOrDefault(p => RegionPatterns.Matches(p, region));
        if (match != null)
        {
            result.Status = PrivacyCheckStatus.Pass;
            result.Detail = $"{region} is allowed{(match.Equals(region, StringComparison.OrdinalIgnoreCase) ? "" : $" (matches '{match}')")}. " +
                "Cross-Region inference profiles process requests in other regions of their geography (global. profiles in any commercial region): " +
                "restrict them by SCP if residency must be strict.";
        }
        else
        {
            result.Status = PrivacyCheckStatus.Fail;
            result.Detail = $"{region} is not in the allowed regions ({result.Requirement}); prompts sent to Bedrock here are processed outside the data-residency boundary.";
            result.Remediation = $"Stop using Bedrock in {region}, and deny it with a service control policy on aws:RequestedRegion " +
                "(Organizations console > Policies > Service control policies; aws organizations create-policy --type SERVICE_CONTROL_POLICY). " +
                "If the policy permits the region, add it to -AllowedRegion.";
        }
        return result;
    }
}
