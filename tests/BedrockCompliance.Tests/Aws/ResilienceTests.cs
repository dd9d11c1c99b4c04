using System.Net;
using System.Text;
using BedrockCompliance.Commands.Hosting;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Tests.Aws;

/// <summary>Errors, retries and bad answers.</summary>
public class ResilienceTests
{
    const string Id = "meta.llama3-1-70b-instruct-v1:0";
    const string Ok = "{\"modelId\":\"meta.llama3-1-70b-instruct-v1:0\",\"agreementAvailability\":{\"status\":\"NOT_AVAILABLE\"},\"authorizationStatus\":\"AUTHORIZED\",\"entitlementAvailability\":\"AVAILABLE\",\"regionAvailability\":\"AVAILABLE\"}";

    [Theory]
    [InlineData("ValidationException", 400, System.Management.Automation.ErrorCategory.InvalidArgument)]
    [InlineData("ConflictException", 400, System.Management.Automation.ErrorCategory.ResourceExists)]
    [InlineData("ServiceQuotaExceededException", 400, System.Management.Automation.ErrorCategory.QuotaExceeded)]
    [InlineData("ResourceInUseException", 400, System.Management.Automation.ErrorCategory.ResourceExists)]
    [InlineData("TooManyTagsException", 400, System.Management.Automation.ErrorCategory.QuotaExceeded)]
    [InlineData("AccessDeniedException", 403, System.Management.Automation.ErrorCategory.PermissionDenied)]
    [InlineData("ResourceNotFoundException", 404, System.Management.Automation.ErrorCategory.ObjectNotFound)]
    [InlineData("ThrottlingException", 429, System.Management.Automation.ErrorCategory.LimitsExceeded)]
    [InlineData("InternalServerException", 500, System.Management.Automation.ErrorCategory.ResourceUnavailable)]
    [InlineData("ServiceUnavailableException", 503, System.Management.Automation.ErrorCategory.ResourceUnavailable)]
    [InlineData("ModelTimeoutException", 408, System.Management.Automation.ErrorCategory.OperationTimeout)]
    [InlineData("ModelErrorException", 424, System.Management.Automation.ErrorCategory.InvalidResult)]
    [InlineData("ModelNotReadyException", 429, System.Management.Automation.ErrorCategory.ResourceUnavailable)]
    [InlineData("ModelStreamErrorException", 424, System.Management.Automation.ErrorCategory.InvalidResult)]
    [InlineData("InvalidSignatureException", 403, System.Management.Automation.ErrorCategory.PermissionDenied)]
    [InlineData("UnrecognizedClientException", 403, System.Management.Automation.ErrorCategory.PermissionDenied)]
    public async Task Every_spec_error_maps_to_a_stable_id_and_category_with_the_request_id(string type, int status, System.Management.Automation.ErrorCategory category)
    {
        var http = new FakeHttp();
        for (int i = 0; i < 3; i++) http.ThenJson(status, "{\"message\":\"boom\"}", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => http.Client().GetFoundationModelAvailabilityAsync(Id, default));
        Assert.Equal(type, ex.ErrorCode);
        Assert.Contains("req-" + status, ex.Message);
        Assert.Contains("boom", ex.Message);
        var record = ErrorRecordFactory.From(ex, Id);
        Assert.Equal(type, record.FullyQualifiedErrorId);
        Assert.Equal(category, record.CategoryInfo.Category);
    }

    [Theory]
    [InlineData(null, "{\"code\":\"AccessDeniedException\",\"message\":\"m\"}", "AccessDeniedException")]
    [InlineData(null, "{\"Code\":\"ValidationException\",\"Message\":\"m\"}", "ValidationException")]
    [InlineData(null, "{\"__type\":\"com.amazonaws.bedrock#ResourceNotFoundException\",\"message\":\"m\"}", "ResourceNotFoundException")]
    [InlineData("ThrottlingException", "{\"__type\":\"ValidationException\"}", "ThrottlingException")]
    [InlineData(null, "not json", "Http403")]
    public void Error_type_comes_from_header_then_code_then_type(string? header, string body, string expected)
    {
        var response = new AwsResponse(403, Encoding.UTF8.GetBytes(body), "r1", header, "application/json");
        Assert.Equal(expected, AwsHttpSender.ParseRestJsonError(AwsService.Bedrock, "Op", response).ErrorCode);
    }

    [Fact]
    public async Task Throttling_is_retried_until_it_succeeds()
    {
        var http = new FakeHttp().ThenJson(429, "{\"message\":\"Rate exceeded\"}", "ThrottlingException").ThenJson(429, "{}", "ThrottlingException").ThenJson(200, Ok);
        var a = await http.Client().GetFoundationModelAvailabilityAsync(Id, default);
        Assert.Equal(3, http.Requests.Count);
        Assert.Equal("NOT_AVAILABLE", a.AgreementStatus);
        // Each attempt is signed afresh (a new date and signature may be needed after a back-off).
        Assert.All(http.Requests, r => Assert.True(r.Request.Headers.Contains("Authorization")));
    }

    [Theory]
    [InlineData(500, "InternalServerException")]
    [InlineData(503, "ServiceUnavailableException")]
    [InlineData(429, "ThrottlingException")]
    public async Task Server_errors_use_all_attempts_then_fail(int status, string type)
    {
        var http = new FakeHttp();
        for (int i = 0; i < 5; i++) http.ThenJson(status, "{}", type);
        await Assert.ThrowsAsync<AwsServiceException>(() => http.Client(maxAttempts: 5).GetFoundationModelAvailabilityAsync(Id, default));
        Assert.Equal(5, http.Requests.Count);
    }

    [Theory]
    [InlineData(400, "ValidationException")]
    [InlineData(403, "AccessDeniedException")]
    [InlineData(404, "ResourceNotFoundException")]
    [InlineData(400, "ConflictException")]
    public async Task Client_errors_are_never_retried(int status, string type)
    {
        var http = new FakeHttp().ThenJson(status, "{}", type);
        await Assert.ThrowsAsync<AwsServiceException>(() => http.Client().GetFoundationModelAvailabilityAsync(Id, default));
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Transient_network_errors_are_retried_and_then_named()
    {
        var http = new FakeHttp().ThenThrow(new HttpRequestException("Connection refused")).ThenThrow(new HttpRequestException("Connection refused")).ThenThrow(new HttpRequestException("Connection refused"));
        var ex = await Assert.ThrowsAsync<AwsTransportException>(() => http.Client().GetFoundationModelAvailabilityAsync(Id, default));
        Assert.Equal(3, http.Requests.Count);
        Assert.Contains("127.0.0.1:4566", ex.Message);
        Assert.Equal("EndpointUnreachable", ErrorRecordFactory.From(ex, null).FullyQualifiedErrorId);
    }

    [Fact]
    public void Backoff_is_full_jitter_exponential_capped_at_20_seconds()
    {
        var policy = new AwsRetryPolicy(5, random: () => 1.0);
        Assert.Equal(TimeSpan.FromSeconds(1), policy.BackoffFor(0));
        Assert.Equal(TimeSpan.FromSeconds(4), policy.BackoffFor(2));
        Assert.Equal(TimeSpan.FromSeconds(20), policy.BackoffFor(10));
        Assert.Equal(TimeSpan.Zero, new AwsRetryPolicy(5, random: () => 0.0).BackoffFor(3));
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData("1", 1)]
    [InlineData(null, 3)]
    public void Max_attempts_comes_from_AWS_MAX_ATTEMPTS(string? value, int expected) =>
        Assert.Equal(expected, AwsRetryPolicy.FromEnvironment(n => n == "AWS_MAX_ATTEMPTS" ? value : null).MaxAttempts);

    [Theory]
    [InlineData("zero")]
    [InlineData("0")]
    [InlineData("100")]
    public void A_bad_AWS_MAX_ATTEMPTS_is_named(string value)
    {
        var ex = Assert.Throws<AwsConfigurationException>(() => AwsRetryPolicy.FromEnvironment(n => n == "AWS_MAX_ATTEMPTS" ? value : null));
        Assert.Contains($"'{value}'", ex.Message);
    }

    [Fact]
    public async Task Cancellation_stops_an_in_flight_call_without_retrying()
    {
        using var cts = new CancellationTokenSource();
        var http = new FakeHttp().Then(_ => { cts.Cancel(); throw new TaskCanceledException(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.Client().GetFoundationModelAvailabilityAsync(Id, cts.Token));
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task A_hung_endpoint_times_out_per_attempt()
    {
        var http = new FakeHttp();
        for (int i = 0; i < 2; i++) http.Then(_ => { Thread.Sleep(300); throw new TaskCanceledException(); });
        var connection = FakeHttp.Connection(maxAttempts: 2).WithAttemptTimeout(TimeSpan.FromMilliseconds(100));
        var client = new BedrockClient(new AwsHttpSender(connection, new HttpClient(http)));
        var ex = await Assert.ThrowsAsync<AwsTransportException>(() => client.GetFoundationModelAvailabilityAsync(Id, default));
        Assert.True(ex.IsTimeout);
        Assert.Equal("Timeout", ErrorRecordFactory.From(ex, null).FullyQualifiedErrorId);
    }

    public static TheoryData<string, string?, string> BadAnswers => new()
    {
        { "<html>gateway</html>", "text/html", "'text/html', not JSON" },
        { "{\"modelId\":\"meta.llama3-1-70b", "application/json", "not valid JSON" },
        { "[1,2]", "application/json", "JSON Array, not an object" },
        { "{\"modelId\":\"x\"}", "application/json", "'agreementAvailability' is missing" },
        { "{\"modelId\":\"x\",\"agreementAvailability\":{\"status\":7},\"authorizationStatus\":\"AUTHORIZED\",\"entitlementAvailability\":\"AVAILABLE\",\"regionAvailability\":\"AVAILABLE\"}", "application/json", "'agreementAvailability.status' is a number; expected a string" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Bad_answers_are_clear_errors_not_half_filled_objects(string body, string? contentType, string expected)
    {
        var http = new FakeHttp().Then(_ =>
        {
            var r = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
            if (contentType != null) r.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
            return r;
        });
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() => http.Client().GetFoundationModelAvailabilityAsync(Id, default));
        Assert.Contains(expected, ex.Message);
        Assert.Contains("GetFoundationModelAvailability", ex.Message);
    }

    [Fact]
    public async Task A_very_large_answer_is_refused()
    {
        var http = new FakeHttp().Then(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[AwsHttpSender.MaxResponseBytes + 10]) });
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() => http.Client().ListFoundationModelsAsync(null, default));
        Assert.Contains("at most", ex.Message);
    }
}
