namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// The AWS SDKs' "standard" retry mode: up to MaxAttempts (AWS_MAX_ATTEMPTS, default 3), full-jitter
/// exponential backoff min(rand·2^i s, 20 s); throttling, 5xx and transient network errors retry;
/// validation and access errors never do.
/// </summary>
internal sealed class AwsRetryPolicy
{
    public const int DefaultMaxAttempts = 3;
    static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    readonly Func<double> _random;

    /// <param name="time">The clock backoff waits on; <see cref="TimeProvider.System"/> by default.</param>
    public AwsRetryPolicy(int maxAttempts = DefaultMaxAttempts, TimeSpan? baseDelay = null, Func<double>? random = null, TimeProvider? time = null)
    {
        if (maxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, "At least one attempt is needed.");
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay ?? TimeSpan.FromSeconds(1);
        var rng = new Random();
        _random = random ?? (() => { lock (rng) return rng.NextDouble(); });
        Time = time ?? TimeProvider.System;
    }

    public int MaxAttempts { get; }
    public TimeSpan BaseDelay { get; }
    public TimeProvider Time { get; }

    /// <summary>Reads AWS_MAX_ATTEMPTS; a bad value is an error that names it.</summary>
    public static AwsRetryPolicy FromEnvironment(Func<string, string?> getEnv)
    {
        string? raw = getEnv("AWS_MAX_ATTEMPTS");
        if (string.IsNullOrWhiteSpace(raw)) return new AwsRetryPolicy();
        if (!int.TryParse(raw, out int n) || n < 1 || n > 20)
            throw new AwsConfigurationException("InvalidMaxAttempts", $"AWS_MAX_ATTEMPTS is '{raw}'; expected a whole number from 1 to 20.");
        return new AwsRetryPolicy(n);
    }

    public static bool IsRetryable(Exception ex) => ex switch
    {
        AwsServiceException s => s.IsThrottling || s.StatusCode >= 500 || AwsErrorCodes.IsTransientServer(s.ErrorCode),
        AwsTransportException => true,
        _ => false,
    };

    public TimeSpan BackoffFor(int retryIndex)
    {
        double seconds = _random() * Math.Pow(2, retryIndex) * BaseDelay.TotalSeconds;
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxBackoff.TotalSeconds));
    }

    /// <summary>Waits a backoff already computed (so the one traced is the one waited).</summary>
    public Task WaitAsync(TimeSpan backoff, CancellationToken ct) =>
        backoff <= TimeSpan.Zero ? Task.CompletedTask : Time.Delay(backoff, ct);
}
