using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using BedrockCompliance.Engine.Privacy.Checks;
using BedrockCompliance.Engine.Privacy.Retention;

namespace BedrockCompliance.Tests.Privacy;

public class ModelDataRetentionCheckTests
{
    const string Region = "us-east-1";
    static MantleModel Model(string id, string status, params string[] allowed) => new(Id: id, Status: status, RetentionSource: "account", AllowedModes: allowed);
    static BedrockModelLicense License(string id, DataRetentionMode? min = null, bool flagged = false) => new() { ModelId = id, MinimumDataRetention = min, FlaggedTrafficRetained = flagged, CatalogSource = "BuiltIn" };
    static readonly MantleModel Fable = Model("anthropic.claude-fable-5", "available", "aws_review", "provider_data_share");
    static readonly MantleModel Opus = Model("anthropic.claude-opus-4-8", "available", "none", "default", "aws_review", "provider_data_share");

    [Fact]
    public void An_available_model_needing_more_than_the_maximum_fails_with_its_source()
    {
        var r = ModelDataRetentionCheck.Judge(Region, new[] { Fable, Opus }, id => License(id), DataRetentionMode.None);
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Equal(new[] { "anthropic.claude-fable-5" }, r.Resources);
        Assert.Contains("needs at least aws_review; source: mantle allowed_modes [aws_review, provider_data_share], decided by the account setting", r.Detail);
    }

    [Fact]
    public void A_model_the_mode_blocks_is_reported_not_failed()
    {
        var blocked = Model("anthropic.claude-fable-5", "unavailable", "aws_review", "provider_data_share");
        var r = ModelDataRetentionCheck.Judge(Region, new[] { blocked, Opus }, id => License(id), DataRetentionMode.None);
        Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
        Assert.Contains("anthropic.claude-fable-5 (blocked", r.Detail);
        Assert.Contains("anthropic.claude-fable-5", r.Resources);
    }

    [Fact]
    public void The_catalog_supplies_the_minimum_when_mantle_lists_no_modes_and_flags_retained_traffic()
    {
        var gpt = Model("openai.gpt-5.6-sol", "available");
        var fable = Model("anthropic.claude-fable-5-1", "available");
        Func<string, BedrockModelLicense> catalog = id => id.StartsWith("openai") ? License(id, flagged: true) : License(id, DataRetentionMode.AwsReview);
        var strict = ModelDataRetentionCheck.Judge(Region, new[] { gpt, fable }, catalog, DataRetentionMode.None);
        Assert.Equal(PrivacyCheckStatus.Fail, strict.Status);
        Assert.Equal(new[] { "openai.gpt-5.6-sol", "anthropic.claude-fable-5-1" }, strict.Resources);
        Assert.Contains("source: catalog (BuiltIn)", strict.Detail);
        Assert.Contains("classifier-flagged traffic retained", strict.Detail);
        var review = ModelDataRetentionCheck.Judge(Region, new[] { gpt, fable }, catalog, DataRetentionMode.AwsReview);
        Assert.Equal(PrivacyCheckStatus.Pass, review.Status);
    }

    [Fact]
    public void Without_a_maximum_it_is_unknown()
    {
        Assert.Equal(PrivacyCheckStatus.Unknown, ModelDataRetentionCheck.Judge(Region, new[] { Fable }, id => License(id), null).Status);
    }
}
