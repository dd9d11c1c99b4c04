namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// AWS Marketplace product IDs of Bedrock serverless models, from AWS's table "Use product ID condition keys
/// to control access" (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access-product-ids.html).
/// Amazon, DeepSeek, Mistral AI, Meta, Qwen and OpenAI models have none. Matched by longest model-ID prefix.
/// </summary>
internal static class MarketplaceProductIds
{
    static readonly (string Prefix, string ProductId)[] Table =
    {
        ("ai21.jamba-1-5-large", "prod-evcp4w4lurj26"),
        ("ai21.jamba-1-5-mini", "prod-ggrzjm65qmjhm"),
        ("ai21.jamba-instruct", "prod-dr2vpvd4k73aq"),
        ("anthropic.claude-3-sonnet", "prod-6dw3qvchef7zy"),
        ("anthropic.claude-3-haiku", "prod-ozonys2hmmpeu"),
        ("anthropic.claude-3-opus", "prod-fm3feywmwerog"),
        ("anthropic.claude-3-5-sonnet-20240620", "prod-m5ilt4siql27k"),
        ("anthropic.claude-3-5-sonnet-20241022", "prod-cx7ovbu5wex7g"),
        ("anthropic.claude-3-5-haiku", "prod-5oba7y7jpji56"),
        ("anthropic.claude-3-7-sonnet", "prod-4dlfvry4v5hbi"),
        ("anthropic.claude-sonnet-4-2025", "prod-4pmewlybdftbs"),
        ("anthropic.claude-sonnet-4-5", "prod-mxcfnwvpd6kb4"),
        ("anthropic.claude-haiku-4-5", "prod-xdkflymybwmvi"),
        ("anthropic.claude-opus-4-2025", "prod-azycxvnd5mhqi"),
        ("anthropic.claude-opus-4-1", "prod-w3q2d6rfge4tw"),
    };

    /// <summary>The product ID for a foundation-model ID, or null when AWS documents none.</summary>
    public static string? Find(string foundationModelId) =>
        Table.Where(t => foundationModelId.StartsWith(t.Prefix, StringComparison.Ordinal))
             .OrderByDescending(t => t.Prefix.Length).Select(t => t.ProductId).FirstOrDefault();
}
