using System.Reflection;

namespace BedrockCompliance.Emulator.Catalog;

/// <summary>The foundation models the emulator serves: the engine's bundled list of 2026
/// (src/BedrockCompliance.Engine/Data/foundation-models.json, linked), each listed in the Regions the reference
/// observed, and the legal-term URLs for their offers (from model-licenses.json).</summary>
public sealed class ModelCatalog
{
    const string ThirdPartyTermsUrl = "https://aws.amazon.com/legal/bedrock/third-party-models/";
    /// <summary>Where a model with no observed Regions (launched after the snapshot) is listed.</summary>
    public const string DefaultRegion = "us-east-1";

    readonly Dictionary<string, FoundationModel> _byId;
    readonly Dictionary<FoundationModel, HashSet<string>> _regions = new();
    readonly List<(string Prefix, string? Url)> _licenseUrls;

    public ModelCatalog()
    {
        var models = (JsonArray)LoadResource("foundation-models.json")["modelSummaries"]!;
        var all = new List<FoundationModel>();
        foreach (var node in models)
        {
            var summary = (JsonObject)node!.DeepClone();
            // "regions" is the list file's own member, not part of the ListFoundationModels wire shape.
            var regions = summary["regions"] is JsonArray r ? r.Select(x => (string)x!).ToHashSet(StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal);
            summary.Remove("regions");
            if (regions.Count == 0) regions.Add(DefaultRegion);
            var model = new FoundationModel(summary);
            all.Add(model);
            _regions[model] = regions;
        }
        All = all;
        _byId = All.ToDictionary(m => m.ModelId, StringComparer.Ordinal);
        _licenseUrls = ((JsonArray)LoadResource("model-licenses.json"))
            .Select(e => ((string)e!["modelIdPrefix"]!, (string?)e["licenseUrl"]))
            .OrderByDescending(e => e.Item1.Length)
            .ToList();
    }

    /// <summary>Every model, whatever its Regions.</summary>
    public IReadOnlyList<FoundationModel> All { get; }

    /// <summary>The models ListFoundationModels returns in <paramref name="region"/>.</summary>
    public IEnumerable<FoundationModel> InRegion(string region) => All.Where(m => _regions[m].Contains(region));

    public IReadOnlyCollection<string> RegionsOf(FoundationModel model) => _regions[model];

    public FoundationModel? Find(string modelId) => _byId.GetValueOrDefault(modelId);

    /// <summary>Licence URL of the longest matching catalog prefix, else Bedrock's third-party terms page.</summary>
    public string LegalTermUrl(FoundationModel model) =>
        _licenseUrls.FirstOrDefault(e => model.ModelId.StartsWith(e.Prefix, StringComparison.Ordinal)).Url ?? ThirdPartyTermsUrl;

    static JsonNode LoadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        return JsonNode.Parse(stream)!;
    }
}
