using BedrockCompliance.Commands;

namespace BedrockCompliance.Tests.Module;

/// <summary>
/// The cmdlet assembly loads in PowerShell's default context; if its code used an AWSSDK or CsvHelper type
/// directly, the default context would have to load that dependency and collide with another module's copy.
/// </summary>
public class IsolationLayoutTests
{
    [Fact]
    public void The_cmdlet_assembly_references_no_third_party_dependency()
    {
        var references = typeof(GetBedrockModelLicenseCommand).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("BedrockCompliance.Engine", references);
        Assert.DoesNotContain(references, r => r.StartsWith("AWSSDK", StringComparison.Ordinal));
        Assert.DoesNotContain("CsvHelper", references);
    }

    [Fact]
    public void The_public_types_assembly_has_no_dependencies_at_all()
    {
        var references = typeof(BedrockModelLicense).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Equal(new[] { "netstandard" }, references);
    }
}
