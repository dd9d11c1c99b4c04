using Amazon.Runtime;
using BedrockCompliance.Commands.Hosting;
using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Tests.Aws;

namespace BedrockCompliance.Tests.Scale;

/// <summary>The standard mode's retryable set, its retry quota, the overall call timeout and the retry settings.</summary>
public class RetryModeTests
{
    const string Id = "meta.llama3-1-70b-instruct-v1:0";
    const string Ok = "{\"modelId\":\"meta.llama3-1-70b-instruct-v1:0\",\"agreementAvailability\":{\"status\":\"NOT_AVAILABLE\"},\"authorizationStatus\":\"AUTHORIZED\",\"entitlementAvailability\":\"AVAILABLE\",\"regionAvailability\":\"AVAILABLE\"}";

    static AwsConnection Connection(int maxAttempts = 3, TimeSpan? baseDelay = null, TimeSpan? callTimeout = null) =>
        new AwsConnection("us-east-1", new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), null,
            AwsService.All.ToDictionary(s => s, _ => new Uri("http://127.0.0.1:4566")),
            new AwsRetryPolicy(maxAttempts, baseDelay: baseDelay ?? TimeSpan.Zero, random: () => 1.0, callTimeout: callTimeout));

    static BedrockClient Client(FakeHttp http, AwsConnection connection) => new BedrockClient(new AwsHttpSender(connection, new HttpClient(http)));

    [Theory]
    [InlineData(501, "NotImplemented")]
    [InlineData(505, "HttpVersionNotSupported")]
    [InlineData(501, "InternalServerException")]
    public async Task Not_implemented_and_http_version_not_supported_are_not_retried(int status, string code)
    {
        var http = new FakeHttp().ThenJson(status, "{\"message\":\"no\"}", code).ThenJson(200, Ok);
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(http, Connection()).GetFoundationModelAvailabilityAsync(Id, default));
        Assert.Equal(status, ex.StatusCode);
        Assert.Single(http.Requests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task The_standard_transient_statuses_are_retried(int status)
    {
        var http = new FakeHttp().ThenJson(status, "{\"message\":\"later\"}", "SomethingTransient").ThenJson(200, Ok);
        var availability = await Client(http, Connection()).GetFoundationModelAvailabilityAsync(Id, default);
        Assert.Equal(Id, availability.ModelId);
        Assert.Equal(2, http.Requests.Count);
    }

    [Fact]
    public void The_retry_quota_pays_for_100_retries_then_refuses_and_refills_on_success()
    {
        var quota = new RetryQuota();
        for (int i = 0; i < 100; i++) Assert.True(quota.TryAcquire(afterTimeout: false, out _));
        Assert.False(quota.TryAcquire(afterTimeout: false, out int none));
        Assert.Equal(0, none);
        quota.OnSuccess(0);
        Assert.Equal(1, quota.Available);
        quota.OnSuccess(RetryQuota.RetryCost);
        Assert.Equal(6, quota.Available);
        Assert.True(quota.TryAcquire(afterTimeout: false, out int cost));
        Assert.Equal(5, cost);
        Assert.False(quota.TryAcquire(afterTimeout: true, out _)); // a timeout's retry costs 10
    }

    [Fact]
    public async Task A_spent_retry_quota_stops_retries_and_the_trace_says_why()
    {
        var connection = Connection();
        var quota = AwsCallPolicy.QuotaFor(connection, AccountRateLimiter.ForCaller(connection).For("us-east-1", AwsService.Bedrock.DisplayName));
        while (quota.TryAcquire(afterTimeout: false, out _)) { }
        var http = new FakeHttp().ThenJson(429, "{\"message\":\"slow\"}", "ThrottlingException").ThenJson(200, Ok);
        var traces = new List<string>();
        var client = new BedrockClient(new AwsHttpSender(connection, new HttpClient(http)) { Trace = traces.Add });
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => client.GetFoundationModelAvailabilityAsync(Id, default));
        Assert.Equal("ThrottlingException", ex.ErrorCode);
        Assert.Single(http.Requests);
        Assert.Contains(traces, t => t.Contains("retry quota", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Another_connection_has_its_own_quota()
    {
        var spent = Connection();
        var quota = AwsCallPolicy.QuotaFor(spent, AccountRateLimiter.ForCaller(spent).For("us-east-1", AwsService.Bedrock.DisplayName));
        while (quota.TryAcquire(afterTimeout: false, out _)) { }
        var http = new FakeHttp().ThenJson(429, "{\"message\":\"slow\"}", "ThrottlingException").ThenJson(200, Ok);
        await Client(http, Connection()).GetFoundationModelAvailabilityAsync(Id, default);
        Assert.Equal(2, http.Requests.Count);
    }

    [Fact]
    public async Task The_overall_call_timeout_ends_retries_with_a_timeout_error_naming_the_setting()
    {
        // Every attempt fails at once and the backoff would be 10 s: the 300 ms call timeout ends the call first.
        var http = new FakeHttp().ThenThrow(new HttpRequestException("reset")).ThenThrow(new HttpRequestException("reset")).ThenThrow(new HttpRequestException("reset"));
        var connection = Connection(maxAttempts: 3, baseDelay: TimeSpan.FromSeconds(10), callTimeout: TimeSpan.FromMilliseconds(300));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<AwsTransportException>(() => Client(http, connection).GetFoundationModelAvailabilityAsync(Id, default));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(8), $"took {watch.Elapsed}");
        Assert.True(ex.IsTimeout);
        Assert.Contains(AwsRetryPolicy.CallTimeoutVariable, ex.Message);
        Assert.Single(http.Requests);
        Assert.Equal("Timeout", ErrorRecordFactory.From(ex, Id).FullyQualifiedErrorId);
    }

    [Fact]
    public async Task The_callers_own_cancellation_stays_a_cancellation_not_a_timeout()
    {
        var http = new FakeHttp().ThenThrow(new HttpRequestException("reset")).ThenJson(200, Ok);
        var connection = Connection(baseDelay: TimeSpan.FromSeconds(10), callTimeout: TimeSpan.FromSeconds(60));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(http, connection).GetFoundationModelAvailabilityAsync(Id, cts.Token));
    }

    [Theory]
    [InlineData(null, "Standard")]
    [InlineData("standard", "Standard")]
    [InlineData("legacy", "Standard")]
    [InlineData(" Adaptive ", "Adaptive")]
    public void The_retry_mode_comes_from_AWS_RETRY_MODE(string? value, string expectedMode)
    {
        var expected = Enum.Parse<AwsRetryMode>(expectedMode);
        var policy = AwsRetryPolicy.FromEnvironment(n => n == "AWS_RETRY_MODE" ? value : null);
        Assert.Equal(expected, policy.Mode);
        Assert.Equal(AwsRetryPolicy.DefaultMaxAttempts, policy.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(300), policy.CallTimeout);
    }

    [Theory]
    [InlineData("AWS_RETRY_MODE", "fast", "InvalidRetryMode", "'fast'")]
    [InlineData("BEDROCK_COMPLIANCE_CALL_TIMEOUT", "0", "InvalidCallTimeout", "'0'")]
    [InlineData("BEDROCK_COMPLIANCE_CALL_TIMEOUT", "ten", "InvalidCallTimeout", "'ten'")]
    [InlineData("AWS_MAX_ATTEMPTS", "٣", "InvalidMaxAttempts", "'٣'")]
    public void A_bad_retry_setting_is_an_error_that_names_it(string variable, string value, string errorId, string quoted)
    {
        var ex = Assert.Throws<AwsConfigurationException>(() => AwsRetryPolicy.FromEnvironment(n => n == variable ? value : null));
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Contains(variable, ex.Message);
        Assert.Contains(quoted, ex.Message);
    }

    [Fact]
    public void The_call_timeout_is_read_in_seconds()
    {
        var policy = AwsRetryPolicy.FromEnvironment(n => n == "BEDROCK_COMPLIANCE_CALL_TIMEOUT" ? "42.5" : null);
        Assert.Equal(TimeSpan.FromSeconds(42.5), policy.CallTimeout);
    }
}
