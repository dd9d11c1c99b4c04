using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Accounts;

/// <summary>
/// What every call into one account × Region × service shares for the session: the static rate (-AccountRateLimit)
/// and the adaptive retry mode's rate (when AWS_RETRY_MODE=adaptive).
/// The static rate is checked twice: before the -ThrottleLimit gate (pacing, so a waiting call holds no slot) and
/// again when the gate lets the call go (sending), because a gate that frees many slots at once would otherwise
/// release a backlog of paced calls together, faster than the service's own bucket refills.
/// </summary>
internal sealed class ServiceRateLimiter
{
    readonly TokenBucket? _pace;
    readonly TokenBucket? _send;

    internal ServiceRateLimiter(double? ratePerSecond, double? burst, TimeProvider time)
    {
        if (ratePerSecond is { } rate)
        {
            // Half a second's worth of burst: the service's bucket (typically a second's worth) then never runs dry
            // because of our timing jitter, so steady work is not throttled.
            double b = Math.Max(1, burst ?? rate / 2);
            _pace = new TokenBucket(rate, b, time);
            _send = new TokenBucket(rate, b, time);
        }
        Adaptive = new AdaptiveRateLimiter(time);
    }

    public double? RatePerSecond => _pace?.Rate;

    /// <summary>The adaptive retry mode's client-side rate (used only in that mode).</summary>
    public AdaptiveRateLimiter Adaptive { get; }

    /// <summary>Before waiting for a -ThrottleLimit slot.</summary>
    public async Task BeforeGateAsync(bool adaptive, CancellationToken ct)
    {
        if (_pace != null) await _pace.WaitAsync(ct).ConfigureAwait(false);
        if (adaptive) await Adaptive.AcquireAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Holding the slot, right before sending: short unless the gate released a backlog at once.</summary>
    public Task BeforeSendAsync(CancellationToken ct) => _send == null ? Task.CompletedTask : _send.WaitAsync(ct);
}

/// <summary>A token bucket: <c>rate</c> tokens a second, at most <c>capacity</c> saved up.</summary>
sealed class TokenBucket
{
    readonly object _lock = new object();
    readonly TimeProvider _time;
    readonly double _capacity;
    double _tokens;
    long _last;

    public TokenBucket(double rate, double capacity, TimeProvider time)
    {
        Rate = rate;
        _capacity = capacity;
        _tokens = capacity;
        _time = time;
        _last = time.GetTimestamp();
    }

    public double Rate { get; }

    /// <summary>Reserves the next token and waits until it is due: each waiter gets its own time, so none wakes in vain.</summary>
    public Task WaitAsync(CancellationToken ct)
    {
        var wait = Reserve();
        return wait <= TimeSpan.Zero ? Task.CompletedTask : _time.Delay(wait, ct);
    }

    TimeSpan Reserve()
    {
        lock (_lock)
        {
            long now = _time.GetTimestamp();
            _tokens = Math.Min(_capacity, _tokens + (now - _last) / (double)_time.TimestampFrequency * Rate);
            _last = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / Rate);
        }
    }
}
