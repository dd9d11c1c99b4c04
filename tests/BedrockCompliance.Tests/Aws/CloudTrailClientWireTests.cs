using System.Net;
using System.Text;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Tests.Aws;

/// <summary>CloudTrail over AWS JSON 1.1: what goes on the wire, what comes back, and answers that cannot be used.</summary>
public class CloudTrailClientWireTests
{
    const string Arn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org";

    static HttpResponseMessage Json11(int status, string json, string? errorType = null)
    {
        var r = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1") };
        r.Headers.TryAddWithoutValidation("x-amzn-RequestId", "ct-" + status);
        if (errorType != null) r.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
        return r;
    }

    static CloudTrailClient Client(FakeHttp http, int maxAttempts = 3) => new(new AwsHttpSender(FakeHttp.Connection(maxAttempts), new HttpClient(http)));

    [Fact]
    public async Task DescribeTrails_posts_json_1_1_with_a_signed_target_and_parses_every_trail()
    {
        var http = new FakeHttp().Then(_ => Json11(200, "{\"trailList\":[" +
            "{\"Name\":\"org\",\"S3BucketName\":\"logs\",\"IsMultiRegionTrail\":true,\"HomeRegion\":\"us-east-1\",\"TrailARN\":\"" + Arn + "\",\"IsOrganizationTrail\":true,\"LogFileValidationEnabled\":true,\"HasCustomEventSelectors\":false,\"Unknown\":{}}," +
            "{\"Name\":\"local\",\"HomeRegion\":\"eu-west-1\",\"TrailARN\":\"arn:aws:cloudtrail:eu-west-1:111111111111:trail/local\"}]}"));
        var trails = await Client(http).DescribeTrailsAsync(includeShadowTrails: true, default);

        var (req, body) = http.Requests.Single();
        Assert.Equal(HttpMethod.Post, req.Method);
        Assert.Equal("/", req.RequestUri!.PathAndQuery);
        Assert.Equal("{\"includeShadowTrails\":true}", body);
        Assert.Equal("application/x-amz-json-1.1", req.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails", req.Headers.GetValues("X-Amz-Target").Single());
        string auth = req.Headers.GetValues("Authorization").Single();
        Assert.Contains("/us-east-1/cloudtrail/aws4_request", auth);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target,", auth);

        Assert.Equal(2, trails.Count);
        Assert.Equal("org", trails[0].Name);
        Assert.True(trails[0].IsMultiRegionTrail);
        Assert.True(trails[0].IsOrganizationTrail);
        Assert.Equal("logs", trails[0].S3BucketName);
        Assert.True(trails[0].Covers("ap-south-1"));
        Assert.False(trails[1].IsMultiRegionTrail);
        Assert.True(trails[1].Covers("eu-west-1"));
        Assert.False(trails[1].Covers("us-east-1"));
    }

    [Fact]
    public async Task DescribeTrails_without_a_list_means_no_trails()
    {
        var http = new FakeHttp().Then(_ => Json11(200, "{}"));
        Assert.Empty(await Client(http).DescribeTrailsAsync(false, default));
        Assert.Equal("{\"includeShadowTrails\":false}", http.Requests.Single().Body);
    }

    [Fact]
    public async Task GetTrailStatus_sends_the_arn_and_reads_epoch_seconds()
    {
        var http = new FakeHttp().Then(_ => Json11(200, "{\"IsLogging\":true,\"LatestDeliveryTime\":1.7645E9,\"StartLoggingTime\":1764000000.5,\"LatestDeliveryError\":\"\"}"));
        var status = await Client(http).GetTrailStatusAsync(Arn, default);
        var (req, body) = http.Requests.Single();
        Assert.Equal("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.GetTrailStatus", req.Headers.GetValues("X-Amz-Target").Single());
        Assert.Equal("{\"Name\":\"" + Arn + "\"}", body);
        Assert.True(status.IsLogging);
        Assert.Null(status.LatestDeliveryError);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1764500000), status.LatestDeliveryTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764000000500), status.StartLoggingTime);
        Assert.Null(status.StopLoggingTime);
    }

    [Fact]
    public async Task GetTrailStatus_without_IsLogging_is_not_read_as_logging()
    {
        var http = new FakeHttp().Then(_ => Json11(200, "{\"LatestDeliveryError\":\"AccessDenied\"}"));
        var status = await Client(http).GetTrailStatusAsync(Arn, default);
        Assert.Null(status.IsLogging);
        Assert.Equal("AccessDenied", status.LatestDeliveryError);
    }

    [Fact]
    public async Task GetEventSelectors_reads_basic_and_advanced_selectors_with_the_api_defaults()
    {
        var http = new FakeHttp()
            .Then(_ => Json11(200, "{\"TrailARN\":\"" + Arn + "\",\"EventSelectors\":[{\"ReadWriteType\":\"WriteOnly\",\"IncludeManagementEvents\":true,\"ExcludeManagementEventSources\":[\"kms.amazonaws.com\"],\"DataResources\":[]},{}]}"))
            .Then(_ => Json11(200, "{\"TrailARN\":\"" + Arn + "\",\"AdvancedEventSelectors\":[{\"Name\":\"mgmt\",\"FieldSelectors\":[" +
                "{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]},{\"Field\":\"readOnly\",\"Equals\":[\"false\"]},{\"Field\":\"eventSource\",\"NotEquals\":[\"kms.amazonaws.com\"],\"NotStartsWith\":[\"x\"]}]}]}"));
        var client = Client(http);
        var basic = await client.GetEventSelectorsAsync(Arn, default);
        Assert.Equal("{\"TrailName\":\"" + Arn + "\"}", http.Requests[0].Body);
        Assert.Equal("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.GetEventSelectors", http.Requests[0].Request.Headers.GetValues("X-Amz-Target").Single());
        Assert.Equal(2, basic.Basic.Count);
        Assert.Equal("WriteOnly", basic.Basic[0].ReadWriteType);
        Assert.Equal(new[] { "kms.amazonaws.com" }, basic.Basic[0].ExcludeManagementEventSources);
        Assert.Equal("All", basic.Basic[1].ReadWriteType);
        Assert.True(basic.Basic[1].IncludeManagementEvents);
        Assert.Empty(basic.Advanced);

        var advanced = await client.GetEventSelectorsAsync(Arn, default);
        var selector = Assert.Single(advanced.Advanced);
        Assert.Equal("mgmt", selector.Name);
        Assert.Equal(3, selector.FieldSelectors.Count);
        Assert.Equal(new[] { "Management" }, selector.FieldSelectors[0].EqualsTo);
        Assert.Equal(new[] { "kms.amazonaws.com" }, selector.FieldSelectors[2].NotEquals);
        Assert.True(selector.FieldSelectors[2].Matches("bedrock.amazonaws.com"));
        Assert.False(selector.FieldSelectors[2].Matches("kms.amazonaws.com"));
        Assert.False(selector.FieldSelectors[2].Matches("xray.amazonaws.com"));
    }

    [Theory]
    [InlineData("{\"__type\":\"TrailNotFoundException\",\"message\":\"Unknown trail: x for the user: 1\"}", null, "TrailNotFoundException", 400)]
    [InlineData("{\"__type\":\"com.amazonaws.cloudtrail.v20131101#AccessDeniedException\",\"Message\":\"User: u is not authorized\"}", null, "AccessDeniedException", 403)]
    [InlineData("{\"message\":\"denied\"}", "AccessDeniedException:http://internal.amazon.com/", "AccessDeniedException", 403)]
    public async Task Json_1_1_errors_carry_the_type_from_the_body_or_header(string body, string? header, string code, int status)
    {
        var http = new FakeHttp().Then(_ => Json11(status, body, header));
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(http).GetTrailStatusAsync("x", default));
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("CloudTrail", ex.Service);
        Assert.Equal("GetTrailStatus", ex.Operation);
        Assert.Equal("ct-" + status, ex.RequestId);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Throttling_is_retried_and_every_attempt_carries_the_target()
    {
        var http = new FakeHttp()
            .Then(_ => Json11(400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}"))
            .Then(_ => Json11(200, "{\"trailList\":[]}"));
        await Client(http).DescribeTrailsAsync(true, default);
        Assert.Equal(2, http.Requests.Count);
        Assert.All(http.Requests, r => Assert.Single(r.Request.Headers.GetValues("X-Amz-Target")));
    }

    [Theory]
    [InlineData("{\"trailList\":{}}", "'trailList' is an object; expected an array")]
    [InlineData("{\"trailList\":[{\"Name\":\"t\",\"HomeRegion\":\"us-east-1\"}]}", "'trailList[0].TrailARN' is missing")]
    [InlineData("{\"trailList\":[{\"Name\":\"t\",\"HomeRegion\":\"us-east-1\",\"TrailARN\":\"a\",\"IsMultiRegionTrail\":\"yes\"}]}", "'trailList[0].IsMultiRegionTrail' is a string; expected true or false")]
    [InlineData("{\"trailList\":[1]}", "'trailList[0]' is not an object")]
    [InlineData("[]", "not an object")]
    [InlineData("{\"trailList\":[", "not valid JSON")]
    public async Task DescribeTrails_answers_of_the_wrong_shape_name_the_member(string json, string expected)
    {
        var http = new FakeHttp().Then(_ => Json11(200, json));
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() => Client(http).DescribeTrailsAsync(true, default));
        Assert.Contains(expected, ex.Message);
        Assert.Contains("DescribeTrails", ex.Message);
    }

    [Theory]
    [InlineData("{\"IsLogging\":\"true\"}", "'IsLogging' is a string")]
    [InlineData("{\"IsLogging\":true,\"StartLoggingTime\":\"2026-01-01T00:00:00Z\"}", "'StartLoggingTime' is not a number")]
    [InlineData("{\"IsLogging\":true,\"StartLoggingTime\":1e300}", "'StartLoggingTime' is out of range")]
    public async Task GetTrailStatus_answers_of_the_wrong_shape_name_the_member(string json, string expected)
    {
        var http = new FakeHttp().Then(_ => Json11(200, json));
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() => Client(http).GetTrailStatusAsync(Arn, default));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public async Task An_advanced_selector_without_field_selectors_is_a_shape_error()
    {
        var http = new FakeHttp().Then(_ => Json11(200, "{\"AdvancedEventSelectors\":[{\"Name\":\"x\"}]}"));
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() => Client(http).GetEventSelectorsAsync(Arn, default));
        Assert.Contains("'AdvancedEventSelectors[0].FieldSelectors' is missing", ex.Message);
    }

    [Fact]
    public async Task An_empty_trail_name_is_refused_before_any_call()
    {
        var http = new FakeHttp();
        await Assert.ThrowsAsync<ArgumentException>(() => Client(http).GetEventSelectorsAsync(" ", default));
        Assert.Empty(http.Requests);
    }
}
