using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Policy;

namespace BedrockCompliance.Tests.Policy;

public class ModelIdGlobTests
{
    [Theory]
    [InlineData("meta.*", "meta.llama3-1-70b-instruct-v1:0", true)]
    [InlineData("meta.*", "META.llama3", false)]
    [InlineData("*.claude-?-*", "anthropic.claude-3-haiku", true)]
    [InlineData("*.claude-?-*", "anthropic.claude-35-haiku", false)]
    [InlineData("a.b", "a.b", true)]
    [InlineData("a.b", "aXb", false)] // '.' is literal, not a regex wildcard
    [InlineData("a*", "", false)]
    [InlineData("*", "", true)]
    [InlineData("(a)+", "(a)+", true)] // regex characters are literal
    public void Case_sensitive_by_default(string pattern, string value, bool expected)
    {
        var glob = new ModelIdGlob(pattern);
        Assert.False(glob.IgnoreCase);
        Assert.Equal(expected, glob.IsMatch(value));
    }

    [Theory]
    [InlineData("eu-*", "EU-West-1", true)]
    [InlineData("us-east-?", "US-EAST-1", true)]
    [InlineData("us-east-?", "us-east-10", false)]
    [InlineData("eu-*", "us-east-1", false)]
    public void Case_insensitive_on_request(string pattern, string value, bool expected)
    {
        Assert.Equal(expected, new ModelIdGlob(pattern, ignoreCase: true).IsMatch(value));
        Assert.Equal(expected, ModelIdGlob.IsMatch(pattern, value, ignoreCase: true));
    }

    [Fact]
    public void The_case_option_is_the_only_difference()
    {
        Assert.False(ModelIdGlob.IsMatch("eu-*", "EU-WEST-1", ignoreCase: false));
        Assert.True(ModelIdGlob.IsMatch("eu-*", "EU-WEST-1", ignoreCase: true));
    }

    [Theory]
    [InlineData("meta.llama3-1-70b-instruct-v1:0", "meta")]
    [InlineData("mistral.mistral-large", "mistral")]
    [InlineData("nodot", null)]
    [InlineData(".leading", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_provider_segment_is_the_part_before_the_first_dot(string? id, string? expected) =>
        Assert.Equal(expected, ModelIdentifier.ProviderSegment(id));
}
