using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace BedrockCompliance.Engine.Policy
{
    /// <summary>
    /// The real model list shipped with the module: a ListFoundationModels response for us-east-1
    /// (reference/foundation-models-us-east-1.md: 25 real entries, a subset of the ~130 models of 2026), kept in
    /// src/BedrockCompliance.Engine/Data/ and linked by the emulator and the tests.
    /// It is the default model universe of Export-BedrockModelAccessPolicy when no models are piped in.
    /// </summary>
    public static class BundledModelList
    {
        const string ResourceName = "BedrockCompliance.foundation-models.json";
        static readonly Lazy<IReadOnlyList<(string ModelId, string Provider, string? LifecycleStatus)>> Models =
            new Lazy<IReadOnlyList<(string, string, string?)>>(Read);

        public static IReadOnlyList<(string ModelId, string Provider, string? LifecycleStatus)> All => Models.Value;

        public static IReadOnlyList<string> ModelIds => All.Select(m => m.ModelId).ToList();

        /// <summary>Parses a ListFoundationModels response body ({"modelSummaries":[…]}).</summary>
        public static IReadOnlyList<(string ModelId, string Provider, string? LifecycleStatus)> Parse(byte[] json)
        {
            using var doc = JsonDocument.Parse(json);
            var result = new List<(string, string, string?)>();
            foreach (var m in doc.RootElement.GetProperty("modelSummaries").EnumerateArray())
            {
                string? status = m.TryGetProperty("modelLifecycle", out var lc) && lc.TryGetProperty("status", out var s) ? s.GetString() : null;
                result.Add((m.GetProperty("modelId").GetString()!, m.GetProperty("providerName").GetString()!, status));
            }
            return result;
        }

        static IReadOnlyList<(string, string, string?)> Read()
        {
            using var stream = typeof(BundledModelList).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The module is damaged: embedded resource '{ResourceName}' is missing.");
            using var ms = new MemoryStream();
            stream.CopyTo(ms);
            return Parse(ms.ToArray());
        }
    }

    /// <summary>
    /// AWS Marketplace product IDs of Bedrock serverless models, from AWS's table "Use product ID condition keys
    /// to control access" (https://docs.aws.amazon.com/bedrock/latest/userguide/model-access-product-ids.html).
    /// Amazon, DeepSeek, Mistral AI, Meta, Qwen and OpenAI models have none. Matched by longest model-ID prefix.
    /// </summary>
    public static class MarketplaceProductIds
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
}
