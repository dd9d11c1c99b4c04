using System.Reflection;

namespace BedrockCompliance.Emulator.Catalog;

/// <summary>A CRIS geography: profile prefix and destination Regions.</summary>
public sealed record Geography(string Prefix, string Name, IReadOnlyList<string> Regions)
{
    public bool IsGlobal => Prefix == "global";
}

/// <summary>System-defined inference profiles: one per geography for each model the catalog lists with
/// <c>INFERENCE_PROFILE</c>, served in every source Region of the geography (global: everywhere).</summary>
public sealed class ProfileCatalog
{
    // Profiles exist from this date on; a fixed value keeps responses comparable across runs.
    static readonly DateTimeOffset Created = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    readonly ModelCatalog _models;

    public ProfileCatalog(ModelCatalog models)
    {
        _models = models;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("inference-profile-geographies.json")
            ?? throw new InvalidOperationException("Embedded resource inference-profile-geographies.json is missing.");
        Geographies = JsonNode.Parse(stream)!["geographies"]!.AsArray()
            .Select(g => new Geography((string)g!["prefix"]!, (string)g["name"]!, g["regions"]!.AsArray().Select(r => (string)r!).ToArray()))
            .ToArray();
    }

    public IReadOnlyList<Geography> Geographies { get; }

    public Geography? GeographyOf(string profileId) =>
        Geographies.FirstOrDefault(g => profileId.StartsWith(g.Prefix + ".", StringComparison.Ordinal));

    /// <summary>The system-defined profiles served in a Region, in a stable order.</summary>
    public IEnumerable<InferenceProfileRecord> SystemProfiles(string region)
    {
        foreach (var geography in Geographies)
        {
            if (!geography.IsGlobal && !geography.Regions.Contains(region)) continue;
            foreach (var model in _models.All.Where(m => m.InferenceTypes.Contains("INFERENCE_PROFILE")))
            {
                var arns = geography.Regions.Select(r => model.Arn(r)).ToList();
                var name = $"{geography.Name} {model.Summary["modelName"]}";
                yield return new InferenceProfileRecord($"{geography.Prefix}.{model.ModelId}", name, "SYSTEM_DEFINED", "ACTIVE",
                    $"Routes requests to {model.Summary["modelName"]} in {(geography.IsGlobal ? "commercial Regions worldwide" : geography.Name + " Regions")}.",
                    arns, Created);
            }
        }
    }
}
