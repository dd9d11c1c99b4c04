using BedrockCompliance.Engine.Aws;
using static BedrockCompliance.Engine.Privacy.PrivacyText;

namespace BedrockCompliance.Engine.Privacy.Checks;

/// <summary>
/// Models in the region that need more retention than -MaximumDataRetention (mantle allowed_modes, else the catalog's
/// minimum) and models whose classifier-flagged traffic is retained (the catalog, from AWS's abuse-detection page).
/// Fails when such a model is available, i.e. its traffic is retained beyond the maximum; a model the mode blocks is reported.
/// </summary>
internal sealed class ModelDataRetentionCheck() : PrivacyCheckBase(PrivacyCheck.ModelDataRetention, "bedrock-mantle:ListModels")
{
    protected override async Task<BedrockPrivacyCheck> GatherAndJudgeAsync(PrivacyCheckContext context, CancellationToken ct)
    {
        var models = await context.Clients.Mantle.ListModelsAsync(ct).ConfigureAwait(false);
        var o = context.Options;
        BedrockModelLicense Facts(string id) =>
            o.Licenses?.FirstOrDefault(l => string.Equals(l.ModelId, id, StringComparison.OrdinalIgnoreCase)) ?? o.Catalog.Classify(id);
        return Judge(context.Region, models, Facts, o.MaximumDataRetention);
    }

    public static ModelRetention Facts(MantleModel model, BedrockModelLicense license)
    {
        var allowed = model.AllowedModes.Select(m => DataRetentionModes.TryParse(m, out var v) ? v : (DataRetentionMode?)null)
            .Where(v => v is { } x && x != DataRetentionMode.Inherit).Select(v => v!.Value).ToList();
        bool fromMantle = allowed.Count > 0;
        return new ModelRetention
        {
            ModelId = model.Id,
            Minimum = fromMantle ? allowed.Min() : license.MinimumDataRetention,
            Source = fromMantle
                ? $"mantle allowed_modes [{string.Join(", ", model.AllowedModes)}]{(model.RetentionSource != null ? $", decided by the {model.RetentionSource} setting" : "")}"
                : license.MinimumDataRetention != null ? $"catalog ({license.CatalogSource})" : "no requirement documented",
            FlaggedTrafficRetained = license.FlaggedTrafficRetained,
            Available = !string.Equals(model.Status, "unavailable", StringComparison.OrdinalIgnoreCase),
            Note = license.DataRetentionNote,
        };
    }

    public static BedrockPrivacyCheck Judge(string region, IReadOnlyList<MantleModel> models, Func<string, BedrockModelLicense> licenseFor, DataRetentionMode? maximum)
    {
        var result = new BedrockPrivacyCheck
        {
            Check = PrivacyCheck.ModelDataRetention,
            Requirement = maximum is { } m ? $"no available model retains beyond {DataRetentionModes.ToWire(m)}" : null,
        };
        var facts = models.Select(m => Facts(m, licenseFor(m.Id))).ToList();
        var needsMore = facts.Where(f => f.Minimum is { } min && (maximum == null || min > maximum)).ToList();
        var flagged = facts.Where(f => f.FlaggedTrafficRetained).ToList();
        string Describe(ModelRetention f) =>
            $"{f.ModelId} ({(f.Available ? "available" : "blocked")}; " +
            (f.Minimum is { } min ? $"needs at least {DataRetentionModes.ToWire(min)}" : "any mode") +
            (f.FlaggedTrafficRetained ? ", classifier-flagged traffic retained up to 30 days" : "") + $"; source: {f.Source})";
        string listing = (needsMore.Count > 0 ? "Needing retention: " + string.Join("; ", needsMore.Select(Describe)) + ". " : "") +
            (flagged.Count > 0 ? "Flagged traffic retained: " + string.Join("; ", flagged.Except(needsMore).Select(Describe)) + ". " : "");
        result.Resources = needsMore.Concat(flagged).Select(f => f.ModelId).Distinct().ToArray();
        if (maximum == null)
        {
            result.Status = PrivacyCheckStatus.Unknown;
            result.Detail = Cap($"Not judged: no -MaximumDataRetention given. {models.Count} model(s) listed in {region}. " + listing);
            result.Remediation = "Pass -MaximumDataRetention None, Default or AwsReview (or -Profile).";
            return result;
        }
        // Flagged-traffic retention breaks only zero data retention: at 'default' it is what AWS documents.
        var failing = facts.Where(f => f.Available && ((f.Minimum is { } min && min > maximum) || (f.FlaggedTrafficRetained && maximum == DataRetentionMode.None))).ToList();
        if (failing.Count > 0)
        {
            result.Status = PrivacyCheckStatus.Fail;
            result.Resources = failing.Select(f => f.ModelId).ToArray();
            result.Detail = Cap($"{failing.Count} available model(s) in {region} retain traffic beyond {DataRetentionModes.ToWire(maximum.Value)}: " +
                string.Join("; ", failing.Select(Describe)) + ". " + listing);
            result.Remediation = "Deny these models with the licence policy's maximumDataRetention and the generated SCP (Export-BedrockModelAccessPolicy), " +
                "or lower the retention mode so Bedrock blocks them; for flagged-traffic retention ask your AWS account team about full ZDR.";
            return result;
        }
        result.Status = PrivacyCheckStatus.Pass;
        result.Detail = Cap($"No available model in {region} retains traffic beyond {DataRetentionModes.ToWire(maximum.Value)} ({models.Count} listed). " + listing);
        return result;
    }
}
