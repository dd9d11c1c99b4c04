using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Tests.Module;

/// <summary>
/// The engine is internal by default: the cmdlets, the tests and the benches see it through InternalsVisibleTo.
/// Public is only what the README advertises for recording from other cmdlets ("Recording from other cmdlets")
/// and what those types need in their signatures.
/// </summary>
public class EnginePublicSurfaceTests
{
    // Edit this list to make a type public on purpose (and say why in its comment).
    static readonly string[] PublicTypes =
    {
        "BedrockCompliance.Engine.Evidence.EvidenceContext",       // README: EvidenceContext.Create(principalArn)
        "BedrockCompliance.Engine.Evidence.EvidenceLedger",        // README: EvidenceLedger.Open(..).Append(..)
        "BedrockCompliance.Engine.Evidence.EvidenceLedgerOptions", // a parameter of EvidenceLedger.Open
        "BedrockCompliance.Engine.Evidence.EvidencePaths",         // README: EvidencePaths.Resolve(..)
    };

    [Fact]
    public void The_engine_exposes_only_the_listed_public_types()
    {
        var actual = typeof(EvidenceLedger).Assembly.GetExportedTypes()
            .Where(t => !t.IsNested)
            .Select(t => t.FullName!)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        var unexpected = actual.Except(PublicTypes).ToList();
        Assert.True(unexpected.Count == 0,
            $"New public engine type(s): {string.Join(", ", unexpected)}: make it internal or add it to the list in {nameof(EnginePublicSurfaceTests)}.{nameof(PublicTypes)}.");
        var gone = PublicTypes.Except(actual).ToList();
        Assert.True(gone.Count == 0, $"Listed but no longer public: {string.Join(", ", gone)}: remove it from the list.");
    }
}
