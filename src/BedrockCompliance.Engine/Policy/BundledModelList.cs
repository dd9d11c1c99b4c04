using System.Text.Json;

namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// The real model list shipped with the module: a ListFoundationModels response for us-east-1
/// (reference/foundation-models-us-east-1.md: 25 real entries, a subset of the ~130 models of 2026), kept in
/// src/BedrockCompliance.Engine/Data/ and linked by the emulator and the tests.
/// It is the default model universe of Export-BedrockModelAccessPolicy when no models are piped in.
/// </summary>
internal static class BundledModelList
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
