using BedrockCompliance.Engine.Aws;
using static BedrockCompliance.Engine.Privacy.PrivacyText;

namespace BedrockCompliance.Engine.Privacy.Checks;

/// <summary>
/// Inference profiles (system-defined and application) whose destination Regions, from models[].modelArn, fall outside
/// -AllowedRegion. A global. profile routes to any commercial Region, so it is outside every list. With -ModelId only the
/// profiles of those models count ("in use").
/// </summary>
internal sealed class CrossRegionResidencyCheck() : PrivacyCheckBase(PrivacyCheck.CrossRegionResidency, "bedrock:ListInferenceProfiles and bedrock:GetInferenceProfile")
{
    protected override async Task<BedrockPrivacyCheck> GatherAndJudgeAsync(PrivacyCheckContext context, CancellationToken ct)
    {
        var client = context.Clients.BedrockPrivacy;
        var profiles = new List<InferenceProfile>();
        profiles.AddRange(await client.ListInferenceProfilesAsync("SYSTEM_DEFINED", ct).ConfigureAwait(false));
        profiles.AddRange(await client.ListInferenceProfilesAsync("APPLICATION", ct).ConfigureAwait(false));
        for (int i = 0; i < profiles.Count; i++)
            if (profiles[i].ModelArns.Count == 0)
                profiles[i] = await client.GetInferenceProfileAsync(profiles[i].Arn ?? profiles[i].Id, ct).ConfigureAwait(false);
        return Judge(context.Region, profiles, context.Options.AllowedRegions, context.Options.ModelIds);
    }

    public static bool IsGlobal(InferenceProfile p) => p.Id.StartsWith("global.", StringComparison.OrdinalIgnoreCase);

    /// <summary>A profile serves a model when it wraps it, or its ID is the model ID behind a geography prefix.</summary>
    public static bool Serves(InferenceProfile p, string modelId) =>
        string.Equals(p.Id, modelId, StringComparison.OrdinalIgnoreCase)
        || p.Id.EndsWith("." + modelId, StringComparison.OrdinalIgnoreCase)
        || p.ModelIds().Any(m => string.Equals(m, modelId, StringComparison.OrdinalIgnoreCase))
        || (p.Arn != null && string.Equals(p.Arn, modelId, StringComparison.OrdinalIgnoreCase));

    public static BedrockPrivacyCheck Judge(string region, IReadOnlyList<InferenceProfile> profiles, IReadOnlyList<string>? allowed, IReadOnlyList<string>? modelIds)
    {
        var result = new BedrockPrivacyCheck { Check = PrivacyCheck.CrossRegionResidency };
        var inScope = profiles.Where(p => modelIds == null || modelIds.Any(m => Serves(p, m))).GroupBy(p => p.Id).Select(g => g.First()).ToList();
        string scope = modelIds == null ? $"{inScope.Count} inference profile(s) available in {region}" : $"{inScope.Count} inference profile(s) of the models in use ({string.Join(", ", modelIds)})";
        var patterns = allowed?.Select(a => a.Trim()).Where(a => a.Length > 0).ToList() ?? new List<string>();
        string Destinations(InferenceProfile p) => IsGlobal(p) ? "any commercial Region (global)" : string.Join(", ", p.DestinationRegions());
        if (patterns.Count == 0)
        {
            result.Status = PrivacyCheckStatus.Unknown;
            var global = inScope.Where(IsGlobal).Select(p => p.Id).ToList();
            result.Resources = inScope.Select(p => p.Id).ToArray();
            result.Detail = Cap($"Not judged: no -AllowedRegion given. {scope}" + (global.Count > 0 ? $", {global.Count} of them global (any commercial Region): {string.Join(", ", global)}." : "."));
            result.Remediation = "Pass -AllowedRegion with the Regions your data-residency policy permits (e.g. -AllowedRegion 'eu-*').";
            return result;
        }
        result.Requirement = string.Join(", ", patterns);
        var outside = inScope.Select(p => (Profile: p, Out: IsGlobal(p) ? new List<string> { "any commercial Region (global)" }
                : p.DestinationRegions().Where(r => !patterns.Any(pt => RegionPatterns.Matches(pt, r))).ToList()))
            .Where(x => x.Out.Count > 0)
            // global. first: it is the widest routing, and a long Detail is capped.
            .OrderByDescending(x => IsGlobal(x.Profile)).ThenBy(x => x.Profile.Id, StringComparer.Ordinal).ToList();
        if (outside.Count > 0)
        {
            result.Status = PrivacyCheckStatus.Fail;
            result.Resources = outside.Select(x => x.Profile.Id).ToArray();
            result.Detail = Cap($"{outside.Count} of {scope} route outside the allowed Regions ({result.Requirement}): " +
                string.Join("; ", outside.Select(x => $"{x.Profile.Id} → {string.Join(", ", x.Out)}")) +
                ". Prompts sent through them are processed (and, for models that retain, stored) in those Regions.");
            result.Remediation = "Deny these profiles with an SCP: Deny bedrock:InvokeModel* and bedrock:Converse* on " +
                string.Join(", ", outside.Take(5).Select(x => x.Profile.Arn ?? $"arn:aws:bedrock:{region}:*:inference-profile/{x.Profile.Id}")) +
                (outside.Count > 5 ? " …" : "") + " (or condition on bedrock:InferenceProfileArn), and invoke the models in-Region; global. needs aws:RequestedRegion 'unspecified' handled.";
            return result;
        }
        result.Status = PrivacyCheckStatus.Pass;
        result.Resources = inScope.Select(p => p.Id).ToArray();
        result.Detail = Cap(inScope.Count == 0
            ? $"No inference profile in scope ({scope}): inference stays in {region}."
            : $"All {scope} route within {result.Requirement}: " + string.Join("; ", inScope.Take(20).Select(p => $"{p.Id} → {Destinations(p)}")) + (inScope.Count > 20 ? " …" : "") + ".");
        return result;
    }
}
