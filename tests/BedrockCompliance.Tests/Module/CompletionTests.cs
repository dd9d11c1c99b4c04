using System.Management.Automation;
using System.Reflection;
using BedrockCompliance.Commands;
using BedrockCompliance.Commands.Completion;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Tests.Aws;

namespace BedrockCompliance.Tests.Module;

/// <summary>The completers' logic without a runspace; TabExpansion2 end to end is in tests/pester/Completion.Tests.ps1.</summary>
public class CompletionTests
{
    static List<string> Complete(IArgumentCompleter completer, string word) =>
        completer.CompleteArgument("Get-BedrockModelLicense", "X", word, null!, new System.Collections.Hashtable()).Select(r => r.CompletionText).ToList();

    [Theory]
    [InlineData("us-east-1", null, "us-east-1")]
    [InlineData("Mistral AI", null, "'Mistral AI'")]
    [InlineData("it's", null, "'it''s'")]
    [InlineData("Meta", '\'', "'Meta'")]
    [InlineData("a$b", '"', "\"a`$b\"")]
    [InlineData("anthropic.claude-3-haiku-20240307-v1:0", null, "anthropic.claude-3-haiku-20240307-v1:0")]
    public void Values_are_quoted_only_when_a_bare_word_would_break(string value, char? opened, string expected) =>
        Assert.Equal(expected, CompletionText.Quote(value, opened));

    [Fact]
    public void Model_ids_of_a_live_listing_come_first_then_catalog_prefixes()
    {
        RecentModelIds.Remember(new[] { "zz-test.model-a-v1:0", "zz-test.model-b-v1:0" });
        var ids = Complete(new ModelIdCompleter(), "zz-test.");
        Assert.Equal(new[] { "zz-test.model-b-v1:0", "zz-test.model-a-v1:0" }, ids.Take(2));
        Assert.Contains("meta.llama3-1", Complete(new ModelIdCompleter(), "meta.llama3-1"));
    }

    [Fact]
    public void The_recent_model_cache_is_bounded_and_keeps_the_newest()
    {
        var many = Enumerable.Range(0, RecentModelIds.Capacity + 50).Select(i => $"zz-bound.m{i}").ToList();
        RecentModelIds.Remember(many);
        var snapshot = RecentModelIds.Snapshot();
        Assert.True(snapshot.Count <= RecentModelIds.Capacity);
        Assert.Equal(many[^1], snapshot.First(s => s.StartsWith("zz-bound.", StringComparison.Ordinal)));
        Assert.DoesNotContain("zz-bound.m0", snapshot);
    }

    [Fact]
    public void Regions_come_from_the_engine_and_look_like_regions()
    {
        Assert.Contains("us-east-1", AwsRegions.Names());
        var completed = Complete(new RegionCompleter(), "eu-");
        Assert.Contains("eu-central-1", completed);
        Assert.All(completed, r => Assert.Matches("^eu(-[a-z]+)+-\\d+$", r));
    }

    [Fact]
    public void Providers_are_the_catalogs_with_spaces_quoted()
    {
        var providers = Complete(new ProviderCompleter(), "");
        Assert.Contains("Anthropic", providers);
        Assert.Contains("'Mistral AI'", providers);
    }

    /// <summary>Every cmdlet parameter of these names completes; a new cmdlet or parameter without a completer fails here.</summary>
    [Theory]
    [InlineData("ModelId", typeof(ModelIdCompleter))]
    [InlineData("Region", typeof(RegionCompleter))]
    [InlineData("ProfileName", typeof(ProfileNameCompleter))]
    [InlineData("Provider", typeof(ProviderCompleter))]
    public void Every_cmdlet_parameter_of_a_completed_name_has_its_completer(string parameter, Type completer)
    {
        var cmdlets = typeof(GetBedrockModelLicenseCommand).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.GetCustomAttribute<CmdletAttribute>() != null).ToList();
        Assert.NotEmpty(cmdlets);
        foreach (var cmdlet in cmdlets)
        {
            var property = cmdlet.GetProperty(parameter);
            if (property?.GetCustomAttribute<ParameterAttribute>() == null) continue;
            var attribute = property.GetCustomAttribute<ArgumentCompleterAttribute>();
            Assert.True(attribute?.Type == completer, $"{cmdlet.Name}.{parameter} should complete with {completer.Name}");
        }
    }
}

[Collection(ProcessEnvironmentCollection.Name)]
public class ProfileCompletionTests
{
    [Fact]
    public void Profiles_come_from_both_shared_files()
    {
        using var env = new EnvironmentScope();
        env.WriteFile("config", "[default]\nregion = us-east-1\n[profile audit]\nrole_arn = arn:aws:iam::111111111111:role/A\nsource_profile = default\n[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\n");
        env.WriteFile("credentials", "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n");
        var names = AwsProfiles.Names();
        Assert.Contains("default", names);
        Assert.Contains("audit", names);
        Assert.Contains("keys", names);
        Assert.DoesNotContain("corp", names);
        Assert.Equal(new[] { "audit" }, new ProfileNameCompleter().CompleteArgument("x", "ProfileName", "au", null!, new System.Collections.Hashtable()).Select(r => r.CompletionText));
    }

    [Fact]
    public void Missing_files_give_no_profiles_and_no_error()
    {
        using var env = new EnvironmentScope();
        File.Delete(EnvironmentScope.SharedConfigFile);
        File.Delete(EnvironmentScope.SharedCredentialsFile);
        try
        {
            Assert.Empty(AwsProfiles.Names());
        }
        finally
        {
            env.WriteFile("config", "");
            env.WriteFile("credentials", "");
        }
    }
}
