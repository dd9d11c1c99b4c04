namespace BedrockCompliance.Emulator.Faults;

/// <summary>Classic token bucket: <c>rate</c> tokens per second, burst of one second's worth.</summary>
public sealed class TokenBucket(double ratePerSecond, long startTimestamp)
{
    readonly object _gate = new();
    readonly double _capacity = Math.Max(1, ratePerSecond);
    double _tokens = Math.Max(1, ratePerSecond);
    long _last = startTimestamp;

    public double Rate { get; } = ratePerSecond;

    public bool TryTake(long nowTimestamp, long timestampFrequency)
    {
        lock (_gate)
        {
            var elapsed = (double)(nowTimestamp - _last) / timestampFrequency;
            if (elapsed > 0)
            {
                _tokens = Math.Min(_capacity, _tokens + elapsed * Rate);
                _last = nowTimestamp;
            }
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }
}
