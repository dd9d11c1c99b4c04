using System.Net;
using System.Text;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using BedrockCompliance.Engine.Privacy.Checks;
using BedrockCompliance.Tests.Aws;
using static BedrockCompliance.Tests.Privacy.PrivacyFixtures;

namespace BedrockCompliance.Tests.Privacy;

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

    [Fact]
    public void Every_check_name_has_exactly_one_check_class()
    {
        Assert.Equal(Enum.GetValues<PrivacyCheck>(), PrivacyChecker.AllChecks.Select(c => c.Check));
        Assert.All(PrivacyChecker.AllChecks, c => Assert.False(string.IsNullOrWhiteSpace(c.Permissions)));
    }

    /// <summary>Every AWS call answers 403 in its protocol's own shape.</summary>
    sealed class DenyEverything : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            string? body = request.Content == null ? null : await request.Content.ReadAsStringAsync(ct);
            if (body != null && body.StartsWith("Action=DescribeVpcEndpoints", StringComparison.Ordinal)) return RoutingHttp.Ec2Denied();
            if (body != null && body.StartsWith("Action=", StringComparison.Ordinal))
                return Ec2ClientWireTests.Xml(403, "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>denied</Message></Error><RequestId>r</RequestId></ErrorResponse>");
            if (request.RequestUri!.Query == "?encryption") return Ec2ClientWireTests.Xml(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
            return RoutingHttp.Denied(request.RequestUri.AbsolutePath).WithHeader("x-amzn-ErrorType", "AccessDeniedException");
        }
    }

    [Fact]
    public async Task Every_check_that_calls_AWS_is_unknown_never_pass_when_its_calls_are_denied()
    {
        var checker = new PrivacyChecker(new AwsHttpSender(FakeHttp.Connection(1), new HttpClient(new DenyEverything())));
        var results = await checker.CheckAsync("1", Region, new PrivacyCheckOptions
        {
            AllowedRegions = new[] { "us-*" }, InvocationLogging = InvocationLoggingRequirement.Enabled,
            MaximumDataRetention = DataRetentionMode.None, RequireEnforcedGuardrail = true,
        }, default);
        Assert.Equal(Enum.GetValues<PrivacyCheck>(), results.Select(r => r.Check));
        Assert.All(results.Where(r => r.Check != PrivacyCheck.RegionAllowed), r =>
        {
            Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
            Assert.True(AwsErrorCodes.IsAccessDenied(r.ErrorCode), $"{r.Check}: {r.ErrorCode}");
            Assert.Contains("Grant", r.Remediation);
        });
        Assert.Equal(EvidenceOutcome.Observed, PrivacyEvidence.OutcomeFor(results));
        Assert.Contains("ApiKeys=Unknown (AccessDenied)", PrivacyEvidence.DetailsFor(results));
    }
}
