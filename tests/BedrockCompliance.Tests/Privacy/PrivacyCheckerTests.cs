using System.Net;
using System.Net.Http;
using System.Text;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using BedrockCompliance.Engine.Privacy.Checks;
using BedrockCompliance.Tests.Aws;
using Xunit;
using static BedrockCompliance.Tests.Privacy.PrivacyFixtures;

namespace BedrockCompliance.Tests.Privacy
{
    public class PrivacyCheckerTests
    {

        [Fact]
        public async Task A_compliant_account_passes_every_check_with_its_facts()
        {
            var http = Compliant();
            var results = await http.Checker().CheckAsync("111111111111", Region, All, default);
            Assert.Equal(new[] { PrivacyCheck.RegionAllowed, PrivacyCheck.CloudTrail, PrivacyCheck.PrivateLink, PrivacyCheck.InvocationLogging }, results.Select(r => r.Check));
            Assert.All(results, r =>
            {
                Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
                Assert.Null(r.Remediation);
                Assert.Equal("111111111111", r.AccountId);
                Assert.Equal(Region, r.Region);
                Assert.NotEqual(default, r.CheckedAt);
            });
            Assert.Equal(new[] { OrgArn }, results[1].Resources);
            Assert.Equal(new[] { "vpce-1" }, results[2].Resources);
            Assert.Equal(new[] { "vpc-1" }, results[2].VpcIds);
            Assert.Equal(new[] { "cloudwatch:/lg" }, results[3].Resources);
            Assert.Equal(new[] { "Text" }, results[3].DataKinds);
            Assert.Equal(EvidenceOutcome.Succeeded, PrivacyEvidence.OutcomeFor(results));
            string details = PrivacyEvidence.DetailsFor(results);
            Assert.Contains("RegionAllowed=Pass req us-*", details);
            Assert.Contains($"CloudTrail=Pass [{OrgArn}]", details);
            Assert.Contains("PrivateLink=Pass [vpce-1]", details);
            Assert.Contains("InvocationLogging=Pass req Enabled (any data kind) [cloudwatch:/lg] data Text", details);
        }

        [Fact]
        public async Task Only_the_selected_checks_run_and_call_AWS()
        {
            var http = Compliant();
            var results = await http.Checker().CheckAsync(null, Region, new PrivacyCheckOptions { Checks = new[] { PrivacyCheck.PrivateLink, PrivacyCheck.RegionAllowed } }, default);
            Assert.Equal(new[] { PrivacyCheck.RegionAllowed, PrivacyCheck.PrivateLink }, results.Select(r => r.Check));
            Assert.Equal(new[] { "DescribeVpcEndpoints" }, http.Calls);
        }

        [Fact]
        public async Task A_denied_EC2_call_makes_only_PrivateLink_unknown()
        {
            var http = Compliant().On("DescribeVpcEndpoints", _ => RoutingHttp.Ec2Denied());
            var results = await http.Checker().CheckAsync("1", Region, All, default);
            var link = results.Single(r => r.Check == PrivacyCheck.PrivateLink);
            Assert.Equal(PrivacyCheckStatus.Unknown, link.Status);
            Assert.Equal("UnauthorizedOperation", link.ErrorCode);
            Assert.StartsWith("Could not verify: permission denied. UnauthorizedOperation: You are not authorized", link.Detail);
            Assert.Contains("ec2:DescribeVpcEndpoints", link.Remediation);
            Assert.All(results.Where(r => r.Check != PrivacyCheck.PrivateLink), r => Assert.Equal(PrivacyCheckStatus.Pass, r.Status));
            Assert.Equal(EvidenceOutcome.Observed, PrivacyEvidence.OutcomeFor(results));
            Assert.Contains("PrivateLink=Unknown (UnauthorizedOperation)", PrivacyEvidence.DetailsFor(results));
        }

        [Fact]
        public async Task A_failure_anywhere_makes_the_evidence_outcome_failed()
        {
            var http = Compliant().OnJson("DescribeTrails", "{\"trailList\":[]}");
            var results = await http.Checker().CheckAsync("1", Region, All, default);
            Assert.Equal(EvidenceOutcome.Failed, PrivacyEvidence.OutcomeFor(results));
        }
    }
}
