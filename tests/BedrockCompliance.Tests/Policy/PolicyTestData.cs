using System.Text.Json;
using System.Text;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Hosting;
using BedrockCompliance.Engine.Policy;

namespace BedrockCompliance.Tests.Policy;

internal static class PolicyTestData
{
    public static readonly DateTime AsOf = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "BedrockCompliance.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public static string ExamplePolicyPath => Path.Combine(RepoRoot, "examples", "policy.json");

    public static IReadOnlyList<string> RealModelIds()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "foundation-models.json")));
        return doc.RootElement.GetProperty("modelSummaries").EnumerateArray().Select(m => m.GetProperty("modelId").GetString()!).ToList();
    }

    public static LicensePolicy Parse(string json, string name = "test-policy.json") => LicensePolicy.Parse(Encoding.UTF8.GetBytes(json), name);

    /// <summary>A minimal valid policy with extra top-level JSON members spliced in.</summary>
    public static string Minimal(string extra = "") =>
        "{\"schemaVersion\":1,\"allowedCategories\":[\"AmazonProprietary\",\"OpenWeight\",\"ProprietaryCommercial\"]" + (extra.Length > 0 ? "," + extra : "") + "}";

    public static BedrockModelPolicyVerdict Verdict(LicensePolicy policy, string modelId, string? lifecycle = null)
    {
        var l = LicenseCatalog.Default.Classify(modelId);
        l.LifecycleStatus = lifecycle;
        return new PolicyEvaluator(policy, new FixedTimeProvider(AsOf)).Evaluate(l);
    }
}
