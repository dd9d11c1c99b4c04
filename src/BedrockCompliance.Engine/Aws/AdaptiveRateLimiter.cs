namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// The AWS SDKs' adaptive retry mode's client-side rate limiter (AWS_RETRY_MODE=adaptive): off until the first
/// throttling answer; from then on every attempt takes a token from a bucket whose fill rate follows CUBIC — cut to
/// 0.7 × the measured sending rate on a throttle, then growing back along a cubic curve, never above twice the
/// measured rate and never below 0.5 calls/s. Constants as in the SDKs (botocore, AWS SDK for .NET, Java v2).
/// </summary>
internal sealed class AdaptiveRateLimiter
{
    const double Beta = 0.7, ScaleConstant = 0.4, Smoothing = 0.8, MinFillRate = 0.5, MinCapacity = 1, MaxRateScale = 2;
    const double MeasureBucketSeconds = 0.5;

    readonly object _lock = new object();
    readonly TimeProvider _time;
    bool _enabled;
    double _fillRate, _capacity = MinCapacity, _tokens;
    long _lastRefill;
    // CUBIC state: the rate when the last throttle came, the time to regain it, when it came.
    double _lastMaxRate, _k;
    long _lastThrottle;
    // Measured sending rate: answers per half-second window, smoothed.
    double _measuredRate, _windowCount;
    long _window;

    public AdaptiveRateLimiter(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _lastRefill = _lastThrottle = _time.GetTimestamp();
        _window = WindowOf(_lastRefill);
    }

    /// <summary>True once a throttle has been seen: attempts then wait for tokens.</summary>
    public bool IsEnabled { get { lock (_lock) return _enabled; } }

    /// <summary>Calls per second the bucket currently allows (0 until enabled).</summary>
    public double FillRate { get { lock (_lock) return _enabled ? _fillRate : 0; } }

    /// <summary>Before an attempt: waits for a token when enabled; returns at once otherwise.</summary>
    public Task AcquireAsync(CancellationToken ct)
    {
        TimeSpan wait;
        lock (_lock)
        {
            if (!_enabled) return Task.CompletedTask;
            Refill(_time.GetTimestamp());
            // A reservation: the bucket may go into debt, each waiter's turn is its own, and the debt drains at
            // whatever the rate becomes.
            _tokens -= 1;
            if (_tokens >= 0) return Task.CompletedTask;
            wait = TimeSpan.FromSeconds(-_tokens / _fillRate);
        }
        return _time.Delay(wait, ct);
    }

    /// <summary>After every answer (success or error): adjusts the rate; <paramref name="throttled"/> for a throttling error.</summary>
    public void OnResponse(bool throttled)
    {
        lock (_lock)
        {
            long now = _time.GetTimestamp();
            double measured = Measure(now);
            double newRate;
            if (throttled)
            {
                double rateToUse = _enabled ? Math.Min(measured, _fillRate) : measured;
                _lastMaxRate = rateToUse;
                _k = Math.Pow(_lastMaxRate * (1 - Beta) / ScaleConstant, 1.0 / 3);
                _lastThrottle = now;
                newRate = rateToUse * Beta;
                _enabled = true;
            }
            else
            {
                double t = Seconds(now - _lastThrottle);
                newRate = ScaleConstant * Math.Pow(t - _k, 3) + _lastMaxRate;
            }
            if (!_enabled) return;
            Refill(now);
            _fillRate = Math.Max(MinFillRate, Math.Min(newRate, MaxRateScale * measured));
            _capacity = Math.Max(MinCapacity, _fillRate);
            _tokens = Math.Min(_tokens, _capacity); // a debt stays: reserved turns keep their order
        }
    }

    void Refill(long now)
    {
        if (_fillRate > 0) _tokens = Math.Min(_capacity, _tokens + Seconds(now - _lastRefill) * _fillRate);
        _lastRefill = now;
    }

    double Measure(long now)
    {
        long window = WindowOf(now);
        _windowCount++;
        if (window > _window)
        {
            double current = _windowCount / ((window - _window) * MeasureBucketSeconds);
            _measuredRate = current * Smoothing + _measuredRate * (1 - Smoothing);
            _windowCount = 0;
            _window = window;
        }
        return _measuredRate;
    }

    long WindowOf(long timestamp) => (long)Math.Floor(Seconds(timestamp) / MeasureBucketSeconds);

    double Seconds(long ticks) => ticks / (double)_time.TimestampFrequency;
}
