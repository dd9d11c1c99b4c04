using System.Net;
using System.Text;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using BedrockCompliance.Engine.Privacy.Checks;
using BedrockCompliance.Tests.Aws;
using static BedrockCompliance.Tests.Privacy.PrivacyFixtures;

namespace BedrockCompliance.Tests.Privacy;

public class RegionAllowedCheckTests
{

    [Theory]
    [InlineData(null, PrivacyCheckStatus.Unknown)]
    [InlineData("us-east-1", PrivacyCheckStatus.Pass)]
    [InlineData("US-EAST-1", PrivacyCheckStatus.Pass)]
    [InlineData("us-*", PrivacyCheckStatus.Pass)]
    [InlineData("us-east-?", PrivacyCheckStatus.Pass)]
    [InlineData("eu-*", PrivacyCheckStatus.Fail)]
    [InlineData("us-east", PrivacyCheckStatus.Fail)]
    public void RegionAllowed_judges_the_residency_list(string? allowed, PrivacyCheckStatus expected)
    {
        var r = RegionAllowedCheck.Judge(Region, allowed == null ? null : new[] { "eu-west-1", allowed });
        Assert.Equal(expected, r.Status);
        if (expected == PrivacyCheckStatus.Unknown) Assert.Contains("no data-residency list given", r.Detail);
        if (expected == PrivacyCheckStatus.Fail) Assert.Contains("aws:RequestedRegion", r.Remediation);
        if (expected == PrivacyCheckStatus.Pass) Assert.Null(r.Remediation);
    }

    [Fact]
    public void An_empty_residency_list_is_not_a_pass() =>
        Assert.Equal(PrivacyCheckStatus.Unknown, RegionAllowedCheck.Judge(Region, Array.Empty<string>()).Status);
}
