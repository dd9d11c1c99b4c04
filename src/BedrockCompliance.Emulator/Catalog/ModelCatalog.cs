using System.Reflection;
using System.Text.Json.Nodes;

namespace BedrockCompliance.Emulator.Catalog;

/// <summary>The foundation models the emulator serves (the real us-east-1 listing, same in every
/// region) and the legal-term URLs for their offers (from model-licenses.json).</summary>
public sealed class ModelCatalog
{
    const string ThirdPartyTermsUrl = "https://aws.amazon.com/legal/bedrock/third-party-models/";

    readonly Dictionary<string, FoundationModel> _byId;
    readonly List<(string Prefix, string Url)> _licenseUrls;

    public ModelCatalog()
    {
        var models = (JsonArray)LoadResource("foundation-models.json")["modelSummaries"]!;
        All = models.Select(m => new FoundationModel((JsonObject)m!)).ToArray();
        _byId = All.ToDictionary(m => m.ModelId, StringComparer.Ordinal);
        _licenseUrls = ((JsonArray)LoadResource("model-licenses.json"))
            .Select(e => ((string)e!["modelIdPrefix"]!, (string)e["licenseUrl"]!))
            .OrderByDescending(e => e.Item1.Length)
            .ToList();
    }

    public IReadOnlyList<FoundationModel> All { get; }

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
