namespace BedrockCompliance.Emulator.Catalog;

/// <summary>A foundation model from the real us-east-1 listing, plus the facts the emulator derives
/// from its provider.</summary>
public sealed class FoundationModel
{
    /// <summary>Providers whose models are sold through AWS Marketplace (model-licenses.md): invoking
    /// them needs an AVAILABLE agreement in the emulator.</summary>
    static readonly HashSet<string> MarketplaceProviders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Anthropic", "Cohere", "AI21 Labs", "Stability AI", "Writer", "Luma AI", "TwelveLabs",
    };

    public FoundationModel(JsonObject summary)
    {
        Summary = summary;
        ModelId = (string)summary["modelId"]!;
        ProviderName = (string?)summary["providerName"] ?? "";
        OutputModalities = Strings(summary["outputModalities"]);
        InferenceTypes = Strings(summary["inferenceTypesSupported"]);
        Customizations = Strings(summary["customizationsSupported"]);
    }

    /// <summary>The summary as listed for us-east-1; <see cref="SummaryFor"/> rewrites the ARN per region.</summary>
    public JsonObject Summary { get; }
    public string ModelId { get; }
    public string ProviderName { get; }
    public IReadOnlyList<string> OutputModalities { get; }
    public IReadOnlyList<string> InferenceTypes { get; }
    public IReadOnlyList<string> Customizations { get; }

    public bool IsAmazon => ProviderName.Equals("Amazon", StringComparison.OrdinalIgnoreCase);
    public bool IsAnthropic => ProviderName.Equals("Anthropic", StringComparison.OrdinalIgnoreCase);
    public bool IsMarketplaceSold => MarketplaceProviders.Contains(ProviderName);
    /// <summary>Amazon's own models have no seller EULA, so no offer and no agreement.</summary>
    public bool NeedsAgreement => !IsAmazon;
    /// <summary>Models listed only with INFERENCE_PROFILE must be invoked through a profile such as <c>us.&lt;id&gt;</c>.</summary>
    public bool OnDemandInvocable => InferenceTypes.Contains("ON_DEMAND");

    public string Arn(string region) => $"arn:aws:bedrock:{region}::foundation-model/{ModelId}";

    public JsonObject SummaryFor(string region)
    {
        var copy = (JsonObject)Summary.DeepClone();
        copy["modelArn"] = Arn(region);
        return copy;
    }

    static string[] Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(n => (string)n!).ToArray() : Array.Empty<string>();
}
