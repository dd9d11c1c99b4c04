using System.Collections.Concurrent;

namespace BedrockCompliance.Emulator.Faults;

/// <summary>Fault settings that can change at runtime (control API). Read as one immutable snapshot.</summary>
public sealed record FaultSettings(int LatencyMs, double ThrottleRate, double ErrorRate, double RateLimit, int AgreementDelayMs)
{
    public static FaultSettings From(EmulatorOptions o) => new(o.LatencyMs, o.ThrottleRate, o.ErrorRate, o.RateLimit, o.AgreementDelayMs);

    /// <summary>The settings the command line sets, with the names <c>POST /_emulator/faults</c> takes: the start of
    /// <c>GET /_emulator/faults</c> (then the after-commit fault) and of the state snapshot's settings (then the other options).</summary>
    public JsonObject ToJson() => new()
    {
        ["latencyMs"] = LatencyMs,
        ["throttleRate"] = ThrottleRate,
        ["errorRate"] = ErrorRate,
        ["rateLimit"] = RateLimit,
        ["agreementDelayMs"] = AgreementDelayMs,
    };

    /// <summary>Share of successful <see cref="AfterCommitOperation"/> calls whose answer is lost after the change committed.</summary>
    public double AfterCommitRate { get; init; }

    /// <summary>The operation the after-commit fault hits (a write whose lost answer a client must reconcile).</summary>
    public string AfterCommitOperation { get; init; } = "CreateFoundationModelAgreement";

    /// <summary>How the answer is lost: <c>error</c> (HTTP 500 InternalServerException) or <c>drop</c> (connection aborted, no answer).</summary>
    public string AfterCommitMode { get; init; } = AfterCommitModes.Error;
}

/// <summary>The forms of an after-commit fault.</summary>
public static class AfterCommitModes
{
    public const string Error = "error";
    public const string Drop = "drop";

    public static bool IsValid(string? mode) => mode is Error or Drop;
}

/// <summary>The fault chosen for one request, if any.</summary>
public readonly record struct InjectedFault(CommonError Error, string? Message, bool IsThrottle);

/// <summary>
/// Latency, random throttling/errors from a seeded generator (so a run is reproducible for a given
/// request order) and a per-account token bucket. Never applied to <c>/_emulator/*</c>.
/// </summary>
public sealed class FaultInjector
{
    readonly EmulatorOptions _options;
    readonly TimeProvider _time;
    readonly object _rngGate = new();
    Random _random;
    ConcurrentDictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);
    volatile FaultSettings _settings;

    public FaultInjector(EmulatorOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
        _settings = FaultSettings.From(options);
        _random = new Random(options.Seed);
    }

    public FaultSettings Settings
    {
        get => _settings;
        set
        {
            if (value.RateLimit != _settings.RateLimit) _buckets = new(StringComparer.Ordinal);
            _settings = value;
        }
    }

    public void Reset()
    {
        lock (_rngGate) _random = new Random(_options.Seed);
        _buckets = new(StringComparer.Ordinal);
        _settings = FaultSettings.From(_options);
    }

    /// <summary>Awaited, never blocking a thread, so hundreds of concurrent slow calls are cheap.</summary>
    public Task DelayAsync(CancellationToken cancellation)
    {
        var ms = _settings.LatencyMs;
        return ms > 0 ? Task.Delay(TimeSpan.FromMilliseconds(ms), _time, cancellation) : Task.CompletedTask;
    }

    /// <summary>
    /// After a handler committed <paramref name="operation"/>: whether its answer is to be lost (the fault-after-commit
    /// mode: the change stands, the client sees a 5xx or a dropped connection). Null when the answer goes out.
    /// </summary>
    public string? DecideAfterCommit(string operation)
    {
        var s = _settings;
        if (s.AfterCommitRate <= 0 || !string.Equals(operation, s.AfterCommitOperation, StringComparison.Ordinal)) return null;
        double draw;
        lock (_rngGate) draw = _random.NextDouble();
        return draw < s.AfterCommitRate ? s.AfterCommitMode : null;
    }

    /// <param name="rateLimited">Whether the per-account rate limit applies: it models Bedrock's per-account API
    /// quotas (a few calls per second), so it applies to the Bedrock services only. STS, CloudTrail and EC2 have far
    /// higher quotas in AWS (STS: hundreds of requests per second per account); random faults still hit them.</param>
    /// <param name="quotaScope">What the bucket is per besides the account ("region|service": AWS's API quotas are per
    /// account, Region and API); null: one bucket for the account.</param>
    public InjectedFault? Decide(string accountId, bool rateLimited = true, string? quotaScope = null)
    {
        var s = _settings;
        if (s.RateLimit > 0 && rateLimited)
        {
            var bucket = _buckets.GetOrAdd(quotaScope == null ? accountId : accountId + "|" + quotaScope, _ => new TokenBucket(s.RateLimit, _time.GetTimestamp()));
            if (!bucket.TryTake(_time.GetTimestamp(), _time.TimestampFrequency))
                return new InjectedFault(CommonError.Throttling, CommonErrors.RateExceededMessage, IsThrottle: true);
        }
        if (s.ThrottleRate <= 0 && s.ErrorRate <= 0) return null;

        double throttleDraw, errorDraw, kindDraw;
        lock (_rngGate)
        {
            throttleDraw = _random.NextDouble();
            errorDraw = _random.NextDouble();
            kindDraw = _random.NextDouble();
        }
        if (throttleDraw < s.ThrottleRate)
            return new InjectedFault(CommonError.Throttling, null, IsThrottle: true);
        if (errorDraw < s.ErrorRate)
            return new InjectedFault(kindDraw < 0.5 ? CommonError.InternalError : CommonError.ServiceUnavailable, null, IsThrottle: false);
        return null;
    }
}
