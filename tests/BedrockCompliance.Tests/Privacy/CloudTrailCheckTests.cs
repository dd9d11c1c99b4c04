using System.Net;
using System.Text;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using BedrockCompliance.Engine.Privacy.Checks;
using BedrockCompliance.Tests.Aws;
using static BedrockCompliance.Tests.Privacy.PrivacyFixtures;

namespace BedrockCompliance.Tests.Privacy;

public class CloudTrailCheckTests
{

    [Fact]
    public async Task No_trail_fails_with_create_trail()
    {
        var r = await Run(Compliant().OnJson("DescribeTrails", "{\"trailList\":[]}"), PrivacyCheck.CloudTrail);
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Contains("aws cloudtrail create-trail", r.Remediation);
    }

    [Fact]
    public async Task A_single_region_trail_homed_elsewhere_does_not_cover_the_region()
    {
        var http = Compliant().OnJson("DescribeTrails", Trails(Trail("eu", home: "eu-west-1", multi: false)));
        var r = await Run(http, PrivacyCheck.CloudTrail);
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Contains("None of the 1 visible trail(s) covers us-east-1", r.Detail);
        Assert.DoesNotContain("GetTrailStatus", http.Calls);
    }

    [Fact]
    public async Task A_shadow_trail_is_queried_by_its_arn()
    {
        string arn = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/multi";
        var bodies = new List<string?>();
        var http = Compliant().OnJson("DescribeTrails", Trails(Trail("multi", home: "eu-west-1", multi: true)))
            .On("GetTrailStatus", b => { lock (bodies) bodies.Add(b); return RoutingHttp.Json(200, Logging); })
            .On("GetEventSelectors", b => { lock (bodies) bodies.Add(b); return RoutingHttp.Json(200, AllManagement); });
        var r = await Run(http, PrivacyCheck.CloudTrail);
        Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
        Assert.Equal(new[] { $"{{\"Name\":\"{arn}\"}}", $"{{\"TrailName\":\"{arn}\"}}" }, bodies);
    }

    [Theory]
    [InlineData("{\"IsLogging\":false,\"StopLoggingTime\":1764000000}", PrivacyCheckStatus.Fail, "start-logging")]
    [InlineData("{\"IsLogging\":true,\"LatestDeliveryError\":\"AccessDenied\"}", PrivacyCheckStatus.Fail, "bucket policy of 'logs'")]
    [InlineData("{}", PrivacyCheckStatus.Unknown, "Rerun")]
    public async Task Trail_status_decides_before_selectors(string status, PrivacyCheckStatus expected, string remediation)
    {
        var http = Compliant().OnJson("GetTrailStatus", status);
        var r = await Run(http, PrivacyCheck.CloudTrail);
        Assert.Equal(expected, r.Status);
        Assert.Contains(remediation, r.Remediation);
        Assert.DoesNotContain("GetEventSelectors", http.Calls);
    }

    [Theory]
    [InlineData("{\"EventSelectors\":[{\"ReadWriteType\":\"WriteOnly\",\"IncludeManagementEvents\":true}]}", "write-only management events")]
    [InlineData("{\"EventSelectors\":[{\"ReadWriteType\":\"ReadOnly\",\"IncludeManagementEvents\":true}]}", "read-only management events")]
    [InlineData("{\"EventSelectors\":[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":false}]}", "no management events")]
    [InlineData("{\"EventSelectors\":[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true,\"ExcludeManagementEventSources\":[\"bedrock.amazonaws.com\"]}]}", "excludes bedrock.amazonaws.com")]
    [InlineData("{\"EventSelectors\":[{\"ReadWriteType\":\"Sometimes\"}]}", "is not one of All")]
    [InlineData("{}", "no event selectors")]
    public async Task Basic_selectors_that_miss_reads_or_writes_fail(string selectors, string detail)
    {
        var r = await Run(Compliant().OnJson("GetEventSelectors", selectors), PrivacyCheck.CloudTrail);
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Contains(detail, r.Detail);
        Assert.Contains("put-event-selectors", r.Remediation);
        Assert.Contains("\"ReadWriteType\":\"All\"", r.Remediation);
    }

    [Fact]
    public async Task Read_only_and_write_only_selectors_together_cover_both()
    {
        var r = await Run(Compliant().OnJson("GetEventSelectors",
            "{\"EventSelectors\":[{\"ReadWriteType\":\"ReadOnly\"},{\"ReadWriteType\":\"WriteOnly\"}]}"), PrivacyCheck.CloudTrail);
        Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
    }

    const string Mgmt = "{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}";

    [Theory]
    [InlineData(PrivacyCheckStatus.Pass, "", Mgmt)]
    [InlineData(PrivacyCheckStatus.Pass, "", Mgmt, "{\"Field\":\"eventSource\",\"NotEquals\":[\"kms.amazonaws.com\",\"rdsdata.amazonaws.com\"]}")]
    [InlineData(PrivacyCheckStatus.Fail, "read-only management events", Mgmt, "{\"Field\":\"readOnly\",\"Equals\":[\"true\"]}")]
    [InlineData(PrivacyCheckStatus.Fail, "write-only management events", Mgmt, "{\"Field\":\"readOnly\",\"Equals\":[\"false\"]}")]
    [InlineData(PrivacyCheckStatus.Fail, "excludes bedrock.amazonaws.com", Mgmt, "{\"Field\":\"eventSource\",\"NotEquals\":[\"bedrock.amazonaws.com\"]}")]
    [InlineData(PrivacyCheckStatus.Fail, "excludes bedrock.amazonaws.com", Mgmt, "{\"Field\":\"eventSource\",\"Equals\":[\"s3.amazonaws.com\"]}")]
    [InlineData(PrivacyCheckStatus.Fail, "filters on userIdentity.arn", Mgmt, "{\"Field\":\"userIdentity.arn\",\"NotStartsWith\":[\"arn:aws:sts::1:assumed-role/x\"]}")]
    [InlineData(PrivacyCheckStatus.Fail, "no management events", "{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]}", "{\"Field\":\"resources.type\",\"Equals\":[\"AWS::S3::Object\"]}")]
    [InlineData(PrivacyCheckStatus.Fail, "no management events", "{\"Field\":\"readOnly\",\"Equals\":[\"true\"]}")]
    public async Task Advanced_selectors_are_read_field_by_field(PrivacyCheckStatus expected, string detail, params string[] fields)
    {
        var r = await Run(Compliant().OnJson("GetEventSelectors", Advanced(fields)), PrivacyCheck.CloudTrail);
        Assert.Equal(expected, r.Status);
        Assert.Contains(detail, r.Detail);
        if (expected == PrivacyCheckStatus.Fail) Assert.Contains("--advanced-event-selectors", r.Remediation);
    }

    [Fact]
    public async Task A_denied_DescribeTrails_is_unknown_with_the_permission_to_grant()
    {
        var r = await Run(Compliant().On("DescribeTrails", _ => RoutingHttp.Denied("cloudtrail:DescribeTrails")), PrivacyCheck.CloudTrail);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Equal("AccessDeniedException", r.ErrorCode);
        Assert.Contains("CloudTrail DescribeTrails", r.Detail);
        Assert.Contains("cloudtrail:DescribeTrails, cloudtrail:GetTrailStatus and cloudtrail:GetEventSelectors", r.Remediation);
    }

    [Theory]
    [InlineData("GetTrailStatus")]
    [InlineData("GetEventSelectors")]
    public async Task A_denied_trail_call_is_unknown_not_pass(string operation)
    {
        var r = await Run(Compliant().On(operation, _ => RoutingHttp.Denied(operation)), PrivacyCheck.CloudTrail);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Equal("AccessDeniedException", r.ErrorCode);
        Assert.Contains(operation + " failed", r.Detail);
        Assert.Contains("Grant cloudtrail:", r.Remediation);
        Assert.Equal(new[] { OrgArn }, r.Resources);
    }

    [Fact]
    public async Task One_proven_trail_passes_even_when_another_cannot_be_read()
    {
        string other = "arn:aws:cloudtrail:us-east-1:111111111111:trail/other";
        var http = Compliant().OnJson("DescribeTrails", Trails(Trail("other"), Trail("org")))
            .On("GetTrailStatus", b => b!.Contains(other) ? RoutingHttp.Denied("GetTrailStatus") : RoutingHttp.Json(200, Logging));
        var r = await Run(http, PrivacyCheck.CloudTrail);
        Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
        Assert.Equal(new[] { OrgArn }, r.Resources);
    }

    [Fact]
    public async Task A_stopped_trail_and_an_unreadable_trail_are_unknown_not_fail()
    {
        var http = Compliant().OnJson("DescribeTrails", Trails(Trail("a"), Trail("b")))
            .On("GetTrailStatus", b => b!.Contains("trail/a") ? RoutingHttp.Json(200, "{\"IsLogging\":false}") : RoutingHttp.Denied("GetTrailStatus"));
        var r = await Run(http, PrivacyCheck.CloudTrail);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Contains("trail 'a'", r.Detail);
        Assert.Contains("is not logging", r.Detail);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_unknown_and_says_to_rerun()
    {
        var http = Compliant().On("DescribeTrails", _ => throw new HttpRequestException("connection refused"));
        var r = await Run(http, PrivacyCheck.CloudTrail);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Equal("EndpointUnreachable", r.ErrorCode);
        Assert.Contains("connection refused", r.Detail);
        Assert.StartsWith("Rerun", r.Remediation);
    }

    [Fact]
    public async Task A_malformed_answer_is_unknown()
    {
        var r = await Run(Compliant().OnJson("DescribeTrails", "{\"trailList\":\"x\"}"), PrivacyCheck.CloudTrail);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Equal("InvalidResponse", r.ErrorCode);
    }

    [Theory]
    [InlineData("{\"EventSelectors\":[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true,\"ExcludeManagementEventSources\":[\"bedrock-mantle.amazonaws.com\"]}]}")]
    [InlineData("{\"AdvancedEventSelectors\":[{\"Name\":\"s\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]},{\"Field\":\"eventSource\",\"Equals\":[\"bedrock.amazonaws.com\"]}]}]}")]
    public async Task A_trail_that_misses_the_mantle_event_source_fails(string selectors)
    {
        var r = await Run(Compliant().OnJson("GetEventSelectors", selectors), PrivacyCheck.CloudTrail);
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Contains("excludes bedrock-mantle.amazonaws.com", r.Detail);
    }
}
