using System.Collections.Concurrent;

namespace BedrockCompliance.Emulator.State;

/// <summary>Lock-free per-operation counters (hot path: one dictionary lookup and an Interlocked add).</summary>
public sealed class CallCounters
{
    public sealed class Counter
    {
        long _total, _successful;
        public long Total => Interlocked.Read(ref _total);
        public long Successful => Interlocked.Read(ref _successful);
        public void AddCall() => Interlocked.Increment(ref _total);
        public void AddSuccess() => Interlocked.Increment(ref _successful);
    }

    readonly ConcurrentDictionary<string, Counter> _byOperation = new(StringComparer.Ordinal);

    public Counter For(string operation) => _byOperation.GetOrAdd(operation, static _ => new Counter());

    public IEnumerable<KeyValuePair<string, Counter>> Snapshot() =>
        _byOperation.ToArray().OrderBy(kv => kv.Key, StringComparer.Ordinal);
}

/// <summary>Emulator-wide totals, including requests that never reached an account.</summary>
public sealed class GlobalCounters
{
    long _calls, _successful, _throttled, _injectedErrors, _authFailures;
    public long Calls => Interlocked.Read(ref _calls);
    public long Successful => Interlocked.Read(ref _successful);
    public long Throttled => Interlocked.Read(ref _throttled);
    public long InjectedErrors => Interlocked.Read(ref _injectedErrors);
    public long AuthFailures => Interlocked.Read(ref _authFailures);
    public void AddCall() => Interlocked.Increment(ref _calls);
    public void AddSuccess() => Interlocked.Increment(ref _successful);
    public void AddThrottled() => Interlocked.Increment(ref _throttled);
    public void AddInjectedError() => Interlocked.Increment(ref _injectedErrors);
    public void AddAuthFailure() => Interlocked.Increment(ref _authFailures);
}
