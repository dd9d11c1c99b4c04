using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using BedrockCompliance.Engine.Privacy.Checks;
using BedrockCompliance.Engine.Privacy.Retention;

namespace BedrockCompliance.Tests.Privacy;

public class CrossRegionResidencyCheckTests
{
    const string Region = "eu-west-1";
    static InferenceProfile Profile(string id, params string[] regions) => new(
        Id: id, Arn: "arn:aws:bedrock:eu-west-1:1:inference-profile/" + id, Type: "SYSTEM_DEFINED", Status: "ACTIVE",
        ModelArns: regions.Length == 0 ? new[] { "arn:aws:bedrock:::foundation-model/" + id.Substring(id.IndexOf('.') + 1) }
            : regions.Select(r => $"arn:aws:bedrock:{r}::foundation-model/{id.Substring(id.IndexOf('.') + 1)}").ToArray());
    static readonly InferenceProfile Global = Profile("global.anthropic.claude-fable-5-1");
    static readonly InferenceProfile Eu = Profile("eu.anthropic.claude-opus-4-8", "eu-west-1", "eu-central-1", "eu-west-3");
    static readonly InferenceProfile Apac = Profile("apac.amazon.nova-pro-v1:0", "ap-southeast-1", "me-central-1");

    [Fact]
    public void A_global_profile_fails_an_eu_only_list()
    {
        var r = CrossRegionResidencyCheck.Judge(Region, new[] { Global, Eu }, new[] { "eu-*" }, null);
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Equal(new[] { "global.anthropic.claude-fable-5-1" }, r.Resources);
        Assert.Contains("global.anthropic.claude-fable-5-1 → any commercial Region (global)", r.Detail);
        Assert.Contains("bedrock:InferenceProfileArn", r.Remediation);
    }

    [Fact]
    public void A_geography_profile_fails_on_the_destination_regions_outside_the_list()
    {
        var r = CrossRegionResidencyCheck.Judge(Region, new[] { Apac }, new[] { "ap-*" }, null);
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Contains("apac.amazon.nova-pro-v1:0 → me-central-1", r.Detail);
        Assert.Equal(PrivacyCheckStatus.Pass, CrossRegionResidencyCheck.Judge(Region, new[] { Eu }, new[] { "eu-*" }, null).Status);
    }

    [Fact]
    public void With_models_in_use_only_their_profiles_count()
    {
        var r = CrossRegionResidencyCheck.Judge(Region, new[] { Global, Eu }, new[] { "eu-*" }, new[] { "anthropic.claude-opus-4-8" });
        Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
        Assert.Equal(new[] { "eu.anthropic.claude-opus-4-8" }, r.Resources);
        Assert.Equal(PrivacyCheckStatus.Fail, CrossRegionResidencyCheck.Judge(Region, new[] { Global, Eu }, new[] { "eu-*" }, new[] { "global.anthropic.claude-fable-5-1" }).Status);
    }

    [Fact]
    public void Without_an_allowed_list_it_is_unknown_and_names_the_global_profiles()
    {
        var r = CrossRegionResidencyCheck.Judge(Region, new[] { Global, Eu }, null, null);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Contains("1 of them global", r.Detail);
    }
}
