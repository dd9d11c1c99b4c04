using System.Text.Json;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Hosting;
using BedrockCompliance.Engine.Policy;
using BedrockCompliance.Tests.Policy;
using Xunit.Abstractions;

namespace BedrockCompliance.Tests.Catalog;

/// <summary>
/// The SCP for the full 2026 reference list (119 IDs) with the example policy, compressed. Measured 2026-12-01 with the
/// generator of that day: two documents per strategy (AllowListOnly 5,097 + 690 characters; DenyListed 5,071 + 5,079);
/// fitting one document is the policy work's goal, so this test holds the hard limits only and prints the sizes.
/// </summary>
public class ReferenceScpSizeTests
{
    readonly ITestOutputHelper _out;
    public ReferenceScpSizeTests(ITestOutputHelper output) => _out = output;

    [Theory]
    [InlineData(AccessPolicyStrategy.AllowListOnly)]
    [InlineData(AccessPolicyStrategy.DenyListed)]
    public void The_scp_for_the_reference_list_keeps_within_the_SCP_limits(AccessPolicyStrategy strategy)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "bedrock-models-2026-licenses.json")));
        var policy = LicensePolicy.Load(PolicyTestData.ExamplePolicyPath);
        var eval = new PolicyEvaluator(policy, new FixedTimeProvider(PolicyTestData.AsOf));
        var universe = doc.RootElement.EnumerateArray()
            .Select(m => m.GetProperty("modelId").GetString()!)
            .Select(id => (id, eval.Evaluate(LicenseCatalog.Default.Classify(id)).Verdict == LicenseVerdict.Allowed)).ToList();
        var result = AccessPolicyGenerator.Generate(universe, new AccessPolicyOptions { Type = AccessPolicyType.Scp, Strategy = strategy, Compress = true });
        foreach (var d in result.Documents) _out.WriteLine($"{strategy} {d.Name}: {d.Document.Length} characters ({universe.Count(u => u.Item2)} of {universe.Count} allowed)");
        Assert.All(result.Documents, d => Assert.True(d.Document.Length <= AccessPolicyGenerator.ScpSizeLimit, $"{d.Name}: {d.Document.Length}"));
        Assert.InRange(result.Documents.Count, 1, AccessPolicyGenerator.MaxScpsPerTarget);
    }
}
