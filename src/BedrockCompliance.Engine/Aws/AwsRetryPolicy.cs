namespace BedrockCompliance.Engine.Aws;

/// <summary>The AWS SDKs' retry modes (AWS_RETRY_MODE); 'legacy' is read as standard.</summary>
internal enum AwsRetryMode
{
    /// <summary>Backoff with jitter and the retry quota.</summary>
    Standard,
    /// <summary>Standard plus a client-side rate that slows down on throttling (<see cref="AdaptiveRateLimiter"/>).</summary>
    Adaptive,
}

/// <summary>
/// The AWS SDKs' retry modes: up to MaxAttempts (AWS_MAX_ATTEMPTS, default 3), full-jitter exponential backoff
/// min(rand·2^i s, 20 s); throttling, HTTP 500/502/503/504, the transient error codes and network errors retry
/// (501 Not Implemented and 505 HTTP Version Not Supported do not: repeating the request cannot help); validation
/// and access errors never do. Each call has an overall timeout (BEDROCK_COMPLIANCE_CALL_TIMEOUT seconds, default
/// 300) over all its attempts and backoffs.
/// </summary>
internal sealed class AwsRetryPolicy
{
    public const int DefaultMaxAttempts = 3;
    public const string ModeVariable = "AWS_RETRY_MODE", MaxAttemptsVariable = "AWS_MAX_ATTEMPTS", CallTimeoutVariable = "BEDROCK_COMPLIANCE_CALL_TIMEOUT";
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(300);
    static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(20);

    readonly Func<double> _random;

    /// <param name="time">The clock backoff waits on; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="callTimeout">Overall time for one call, every attempt and backoff included; default 300 s.</param>
    public AwsRetryPolicy(int maxAttempts = DefaultMaxAttempts, TimeSpan? baseDelay = null, Func<double>? random = null, TimeProvider? time = null,
        AwsRetryMode mode = AwsRetryMode.Standard, TimeSpan? callTimeout = null)
    {
        if (maxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(maxAttempts), maxAttempts, "At least one attempt is needed.");
        if (callTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(callTimeout), callTimeout, "The call timeout must be above zero.");
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay ?? TimeSpan.FromSeconds(1);
        var rng = new Random();
        _random = random ?? (() => { lock (rng) return rng.NextDouble(); });
        Time = time ?? TimeProvider.System;
        Mode = mode;
        CallTimeout = callTimeout ?? DefaultCallTimeout;
    }

    public int MaxAttempts { get; }
    public TimeSpan BaseDelay { get; }
    public TimeProvider Time { get; }
    public AwsRetryMode Mode { get; }
    /// <summary>From the first attempt to the end of the last, backoff and waits included.</summary>
    public TimeSpan CallTimeout { get; }

    /// <summary>Reads AWS_MAX_ATTEMPTS, AWS_RETRY_MODE and BEDROCK_COMPLIANCE_CALL_TIMEOUT; a bad value is an error that names it.</summary>
    public static AwsRetryPolicy FromEnvironment(Func<string, string?> getEnv)
    {
        int attempts = DefaultMaxAttempts;
        string? raw = getEnv(MaxAttemptsVariable);
        if (!string.IsNullOrWhiteSpace(raw) && (!int.TryParse(raw!.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out attempts) || attempts < 1 || attempts > 20))
            throw new AwsConfigurationException("InvalidMaxAttempts", $"{MaxAttemptsVariable} is '{raw}'; expected a whole number from 1 to 20.");

        var mode = AwsRetryMode.Standard;
        string? rawMode = getEnv(ModeVariable);
        if (!string.IsNullOrWhiteSpace(rawMode))
        {
            mode = rawMode!.Trim().ToLowerInvariant() switch
            {
                "standard" or "legacy" => AwsRetryMode.Standard,
                "adaptive" => AwsRetryMode.Adaptive,
                _ => throw new AwsConfigurationException("InvalidRetryMode", $"{ModeVariable} is '{rawMode}'; expected 'standard' or 'adaptive' ('legacy' is read as standard)."),
            };
        }

        TimeSpan? timeout = null;
        string? rawTimeout = getEnv(CallTimeoutVariable);
        if (!string.IsNullOrWhiteSpace(rawTimeout))
        {
            if (!double.TryParse(rawTimeout!.Trim(), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out double seconds)
                || seconds < 1 || seconds > 86400)
                throw new AwsConfigurationException("InvalidCallTimeout", $"{CallTimeoutVariable} is '{rawTimeout}'; expected seconds from 1 to 86400 (default {DefaultCallTimeout.TotalSeconds:0}).");
            timeout = TimeSpan.FromSeconds(seconds);
        }
        return new AwsRetryPolicy(attempts, mode: mode, callTimeout: timeout);
    }

    public static bool IsRetryable(Exception ex) => ex switch
    {
        AwsServiceException s => s.IsThrottling || s.StatusCode is 500 or 502 or 503 or 504
            || (s.StatusCode < 500 && AwsErrorCodes.IsTransientServer(s.ErrorCode)),
        AwsTransportException => true,
        _ => false,
    };

    /// <summary>An attempt that timed out: its retry costs the quota more (as in the SDKs).</summary>
    public static bool IsTimeout(Exception ex) => ex is AwsTransportException t && t.IsTimeout;

    public TimeSpan BackoffFor(int retryIndex)
    {
        double seconds = _random() * Math.Pow(2, retryIndex) * BaseDelay.TotalSeconds;
        return TimeSpan.FromSeconds(Math.Min(seconds, MaxBackoff.TotalSeconds));
    }

    /// <summary>Waits a backoff already computed (so the one traced is the one waited).</summary>
    public Task WaitAsync(TimeSpan backoff, CancellationToken ct) =>
        backoff <= TimeSpan.Zero ? Task.CompletedTask : Time.Delay(backoff, ct);
}
