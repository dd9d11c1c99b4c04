using System.Collections.Concurrent;

namespace BedrockCompliance.Engine.Accounts;

/// <summary>
/// A token bucket per account, shared by every call this process makes into that account, so a fan-out
/// stays under the account's API rate instead of leaning on throttling and retries.
/// </summary>
internal sealed class AccountRateLimiter
{
    static readonly ConcurrentDictionary<string, AccountRateLimiter> PerAccount = new ConcurrentDictionary<string, AccountRateLimiter>();
    readonly double _ratePerSecond;
    readonly double _burst;
    readonly object _lock = new object();
    readonly TimeProvider _time;
    double _tokens;
    long _lastTicks;

    public AccountRateLimiter(double ratePerSecond, double? burst = null, TimeProvider? time = null)
    {
        if (ratePerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The rate must be above zero.");
        _ratePerSecond = ratePerSecond;
        _time = time ?? TimeProvider.System;
        _lastTicks = _time.GetTimestamp();
        // Half a second's worth of burst: the service's bucket (typically a second's worth) then never runs dry
        // because of our timing jitter, so steady work is not throttled.
        _burst = Math.Max(1, burst ?? ratePerSecond / 2);
        _tokens = _burst;
    }

    public double RatePerSecond => _ratePerSecond;

    /// <summary>The limiter for an account at a rate; a different rate for the same account replaces it.</summary>
    public static AccountRateLimiter For(string accountKey, double ratePerSecond) =>
        PerAccount.AddOrUpdate(accountKey, _ => new AccountRateLimiter(ratePerSecond),
            (_, existing) => existing._ratePerSecond == ratePerSecond ? existing : new AccountRateLimiter(ratePerSecond));

    public async Task WaitAsync(CancellationToken ct)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                long now = _time.GetTimestamp();
                _tokens = Math.Min(_burst, _tokens + (now - _lastTicks) / (double)_time.TimestampFrequency * _ratePerSecond);
                _lastTicks = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }
                wait = TimeSpan.FromSeconds((1 - _tokens) / _ratePerSecond);
            }
            await _time.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, ct).ConfigureAwait(false);
        }
    }
}
