using System.Net;
using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Tests.Emulator;

namespace BedrockCompliance.Tests.Scale;

/// <summary>One limiter per account × Region × service for the session; the adaptive mode's CUBIC rate; the emulator's buckets.</summary>
public class SessionRateLimiterTests
{
    /// <summary>Timestamps that move only when told (timers stay real).</summary>
    sealed class SteppedClock : TimeProvider
    {
        long _ticks = 1_000_000;
        public override long TimestampFrequency => 1_000_000;
        public override long GetTimestamp() => _ticks;
        public void Advance(double seconds) => _ticks += (long)(seconds * TimestampFrequency);
    }

    [Fact]
    public void Every_command_gets_the_same_limiter_for_an_account_Region_and_service()
    {
        string account = "3" + Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var first = AccountRateLimiter.For(account, 10).For("us-east-1", AwsService.Bedrock.DisplayName);
        var again = AccountRateLimiter.For(account, 10).For("us-east-1", AwsService.Bedrock.DisplayName);
        Assert.Same(first, again);
        Assert.NotSame(first, AccountRateLimiter.For(account, 10).For("us-east-1", AwsService.BedrockRuntime.DisplayName));
        Assert.NotSame(first, AccountRateLimiter.For(account, 10).For("us-west-2", AwsService.Bedrock.DisplayName));
        Assert.Equal(10, first.RatePerSecond);
    }

    [Fact]
    public async Task The_limiter_paces_one_service_and_leaves_another_alone()
    {
        var clock = new SteppedClock();
        var account = new AccountRateLimiter(ratePerSecond: 2, burst: 1, time: clock);
        var bedrock = account.For("us-east-1", "Bedrock");
        await bedrock.BeforeGateAsync(adaptive: false, default);          // the burst
        var paced = bedrock.BeforeGateAsync(adaptive: false, default);     // due in 0.5 s (the clock does not move)
        Assert.False(paced.IsCompleted);
        // The runtime has its own bucket: not held up by the control plane's.
        Assert.True(account.For("us-east-1", "Bedrock Runtime").BeforeGateAsync(adaptive: false, default).IsCompleted);
        await paced.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Sends_after_the_gate_conform_to_the_rate_even_when_paced_calls_arrive_together()
    {
        var clock = new SteppedClock();
        var limiter = new AccountRateLimiter(ratePerSecond: 2, burst: 1, time: clock).For("us-east-1", "Bedrock");
        // Two calls paced 0.5 s apart that a busy gate then releases at the same moment.
        await limiter.BeforeGateAsync(false, default);
        clock.Advance(0.5);
        await limiter.BeforeGateAsync(false, default);
        clock.Advance(2); // the gate held both; the send bucket refilled its one token only
        Assert.True(limiter.BeforeSendAsync(default).IsCompleted);
        var second = limiter.BeforeSendAsync(default);
        Assert.False(second.IsCompleted);
        await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Adaptive_mode_is_off_until_the_first_throttle_then_slows_below_the_measured_rate()
    {
        var clock = new SteppedClock();
        var adaptive = new AdaptiveRateLimiter(clock);
        Assert.False(adaptive.IsEnabled);
        // 20 calls a second for two seconds, all succeeding: no limit.
        for (int i = 0; i < 40; i++) { Assert.True(adaptive.AcquireAsync(default).IsCompleted); adaptive.OnResponse(false); clock.Advance(0.05); }
        Assert.False(adaptive.IsEnabled);
        adaptive.OnResponse(throttled: true);
        Assert.True(adaptive.IsEnabled);
        double afterThrottle = adaptive.FillRate;
        Assert.InRange(afterThrottle, 0.5, 20 * 0.7 + 0.01); // beta 0.7 of the measured rate
        adaptive.OnResponse(throttled: true);
        Assert.True(adaptive.FillRate <= afterThrottle);
        // Successes at the old pace grow the rate back along the cubic curve (never above twice the measured rate).
        double before = adaptive.FillRate;
        for (int i = 0; i < 100; i++) { clock.Advance(0.05); adaptive.OnResponse(false); }
        Assert.True(adaptive.FillRate > before, $"{adaptive.FillRate} after {before}");
        await Task.CompletedTask;
    }

    [Fact]
    public void Adaptive_rate_never_falls_below_the_sdk_minimum()
    {
        var clock = new SteppedClock();
        var adaptive = new AdaptiveRateLimiter(clock);
        for (int i = 0; i < 50; i++) { adaptive.OnResponse(throttled: true); clock.Advance(0.6); }
        Assert.Equal(0.5, adaptive.FillRate, 3);
    }

    [Fact]
    public async Task Adaptive_mode_waits_for_a_token_once_enabled()
    {
        var clock = new SteppedClock();
        var adaptive = new AdaptiveRateLimiter(clock);
        adaptive.OnResponse(throttled: true); // measured rate ~0: the floor of 0.5 calls/s, one token of capacity
        var waiting = adaptive.AcquireAsync(default);
        Assert.False(waiting.IsCompleted);
        using var cts = new CancellationTokenSource();
        var cancelled = adaptive.AcquireAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
    }

    [Fact]
    public async Task Emulator_rate_limit_is_per_account_Region_and_service()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.RateLimit = 2);
        var burst = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => emu.GetAsync("/foundation-models")));
        Assert.Contains(burst, r => r.StatusCode == HttpStatusCode.TooManyRequests);
        // The same account's bucket in another Region is untouched.
        Assert.Equal(HttpStatusCode.OK, (await emu.GetAsync("/foundation-models", region: "us-west-2")).StatusCode);
    }
}
