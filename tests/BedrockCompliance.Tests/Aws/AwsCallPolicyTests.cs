using Amazon.Runtime;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Tests.Aws;

/// <summary>STS goes through the same attempt policy as every other call: retry, cancellation, gate, limiter.</summary>
public class AwsCallPolicyTests
{
    const string Ns = "https://sts.amazonaws.com/doc/2011-06-15/";
    const string Throttled = "<ErrorResponse xmlns=\"" + Ns + "\"><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>req-t</RequestId></ErrorResponse>";
    const string Denied = "<ErrorResponse xmlns=\"" + Ns + "\"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error><RequestId>req-d</RequestId></ErrorResponse>";
    const string Identity = "<GetCallerIdentityResponse xmlns=\"" + Ns + "\"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn>" +
        "<UserId>AIDAEXAMPLE</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>";
    const string Role = "<AssumeRoleResponse xmlns=\"" + Ns + "\"><AssumeRoleResult><Credentials><AccessKeyId>ASIAEXAMPLE000000000</AccessKeyId>" +
        "<SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>" +
        "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/R/s</Arn><AssumedRoleId>AROAEXAMPLE:s</AssumedRoleId></AssumedRoleUser>" +
        "</AssumeRoleResult><ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata></AssumeRoleResponse>";

    // GetCallerIdentity is cached per access key: a key of its own per test.
    static AWSCredentials UniqueKey() => new BasicAWSCredentials("AKIA" + Guid.NewGuid().ToString("N").Substring(0, 16).ToUpperInvariant(), "secret");

    /// <param name="backoff">Every backoff waits exactly this long on the system clock (zero: retries at once).</param>
    static AwsConnection Connection(int maxAttempts = 3, TimeSpan? backoff = null) =>
        new AwsConnection("us-east-1", UniqueKey(), null,
            new Dictionary<AwsService, Uri> { [AwsService.Sts] = new Uri("http://127.0.0.1:4566") },
            new AwsRetryPolicy(maxAttempts, baseDelay: backoff ?? TimeSpan.Zero, random: () => 1.0));

    [Fact]
    public async Task Sts_throttling_is_retried_until_it_succeeds()
    {
        var http = new FakeHttp().ThenXml(400, Throttled).ThenXml(400, Throttled).ThenXml(200, Identity);
        var traces = new List<string>();
        var sts = new StsClient(Connection(), http) { Trace = traces.Add };
        var identity = await sts.GetCallerIdentityAsync(default);
        Assert.Equal("123456789012", identity.Account);
        Assert.Equal(3, http.Requests.Count);
        Assert.Equal(2, traces.Count);
        Assert.Contains("STS GetCallerIdentity: attempt 1 of 3 failed (Throttling, HTTP 400)", traces[0]);
    }

    [Fact]
    public async Task Sts_throttling_uses_every_attempt_then_fails_with_the_service_error()
    {
        var http = new FakeHttp().ThenXml(400, Throttled).ThenXml(400, Throttled);
        var sts = new StsClient(Connection(maxAttempts: 2), http);
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => sts.AssumeRoleAsync("arn:aws:iam::123456789012:role/R", "s", null, null, default));
        Assert.Equal("Throttling", ex.ErrorCode);
        Assert.Equal(2, http.Requests.Count);
    }

    [Fact]
    public async Task Sts_access_denied_is_never_retried()
    {
        var http = new FakeHttp().ThenXml(403, Denied);
        var sts = new StsClient(Connection(), http);
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => sts.AssumeRoleAsync("arn:aws:iam::123456789012:role/R", "s", null, null, default));
        Assert.Equal("AccessDenied", ex.ErrorCode);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Sts_backoff_is_cancelled_with_the_callers_token()
    {
        var http = new FakeHttp().ThenXml(400, Throttled).ThenXml(200, Role);
        var sts = new StsClient(Connection(backoff: TimeSpan.FromSeconds(15)), http);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var call = sts.AssumeRoleAsync("arn:aws:iam::123456789012:role/R", "s", null, null, cts.Token);
        Assert.Same(call, await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10))));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task Sts_waits_for_the_throttle_gate_and_releases_it()
    {
        var http = new FakeHttp().ThenXml(200, Role);
        var gate = new SemaphoreSlim(1);
        var sts = new StsClient(Connection().WithConcurrencyGate(gate), http);
        await gate.WaitAsync();
        var call = sts.AssumeRoleAsync("arn:aws:iam::123456789012:role/R", "s", null, null, default);
        await Task.Delay(200);
        Assert.False(call.IsCompleted);
        Assert.Empty(http.Requests);
        gate.Release();
        var role = await call;
        Assert.Equal("ASIAEXAMPLE000000000", role.AccessKeyId);
        Assert.Single(http.Requests);
        Assert.Equal(1, gate.CurrentCount);
    }

    [Fact]
    public async Task A_cancelled_wait_for_the_gate_sends_nothing()
    {
        var http = new FakeHttp().ThenXml(200, Identity);
        var gate = new SemaphoreSlim(0);
        var sts = new StsClient(Connection().WithConcurrencyGate(gate), http);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sts.GetCallerIdentityAsync(cts.Token));
        Assert.Empty(http.Requests);
    }

    [Fact]
    public async Task The_gate_is_not_held_during_backoff()
    {
        var gate = new SemaphoreSlim(1);
        var connection = Connection(maxAttempts: 2, backoff: TimeSpan.FromMilliseconds(600)).WithConcurrencyGate(gate);
        var firstFailed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int attempts = 0;
        var call = AwsCallPolicy.RunAsync(connection, "Test", "Op", (n, _) =>
        {
            Interlocked.Increment(ref attempts);
            Assert.Equal(0, gate.CurrentCount);
            if (n == 1)
            {
                firstFailed.SetResult();
                throw new AwsServiceException("Test", "Op", "ThrottlingException", "slow down", 400, "r");
            }
            return Task.FromResult(n);
        }, null, default);
        await firstFailed.Task;
        await Task.Delay(150);
        Assert.Equal(1, Volatile.Read(ref attempts)); // still backing off ...
        Assert.Equal(1, gate.CurrentCount);           // ... without holding the gate
        Assert.Equal(2, await call);
        Assert.Equal(1, gate.CurrentCount);
    }

    [Fact]
    public async Task The_account_rate_limiter_is_waited_for_before_each_attempt()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var sent = new List<long>();
        var http = new FakeHttp()
            .Then(_ => { sent.Add(watch.ElapsedMilliseconds); return FakeHttp.Xml(400, Throttled); })
            .Then(_ => { sent.Add(watch.ElapsedMilliseconds); return FakeHttp.Xml(200, Role); });
        var limiter = new BedrockCompliance.Engine.Accounts.AccountRateLimiter(ratePerSecond: 2, burst: 1);
        var sts = new StsClient(Connection().WithRateLimiter(limiter), http);
        await sts.AssumeRoleAsync("arn:aws:iam::123456789012:role/R", "s", null, null, default);
        // One token at start; the retry (no backoff here) waits for the next token, half a second later.
        Assert.Equal(2, sent.Count);
        Assert.InRange(sent[1] - sent[0], 400, 5000);
    }
}
