namespace BedrockCompliance.Engine.Accounts;

/// <summary>
/// Runs a command's work per account and region: input is grouped by where it goes (an account context, or a region
/// of the caller's own connection), each target is resolved once, batches for one target run one after another,
/// different targets run at once, and every connection shares one gate of <c>throttleLimit</c> AWS calls in flight.
/// A failing target is reported and costs only itself. Knows nothing of PowerShell: the caller resolves targets
/// (on the thread that calls <see cref="Enqueue"/> and <see cref="Dispatch"/>) and turns failures into its errors.
/// </summary>
internal sealed class AccountWorkScheduler
{
    /// <summary>The work for the items filed for one target.</summary>
    public delegate Task BatchWork(AccountTarget target, IReadOnlyList<object?> items, CancellationToken ct);

    /// <summary>Resolves a batch's target; null when it cannot be used (the resolver has reported why).</summary>
    public delegate AccountTarget? TargetResolver(BedrockAccountContext? context, string? region);

    /// <summary>A target's failure: <paramref name="credentials"/> when its role could not be assumed (later batches are skipped).</summary>
    public delegate void FailureSink(AccountTarget target, Exception error, bool credentials);

    readonly Dictionary<string, PendingBatch> _pending = new Dictionary<string, PendingBatch>(StringComparer.Ordinal);
    readonly Dictionary<string, TargetSlot?> _slots = new Dictionary<string, TargetSlot?>(StringComparer.Ordinal);
    readonly List<Task> _running = new List<Task>();
    readonly TargetResolver _resolve;
    readonly FailureSink _onFailure;
    readonly CancellationToken _ct;
    // Targets at work at once. A paced account keeps about one call in flight, so a few times -ThrottleLimit of them
    // keep the gate full; every target beyond that would only wait in its limiter while holding its listing, tasks and
    // results in memory (issue 18: peak memory grew with the accounts of a run, not with the calls in flight).
    readonly SemaphoreSlim _active;
    int _done, _failed, _dispatched, _targetCount;

    /// <summary>Targets that may run at once, for a given -ThrottleLimit.</summary>
    public static int ActiveTargetsFor(int throttleLimit) => Math.Max(MinActiveTargets, 2 * throttleLimit);
    const int MinActiveTargets = 32;

    public AccountWorkScheduler(int throttleLimit, TargetResolver resolve, FailureSink onFailure, CancellationToken ct)
    {
        if (throttleLimit < 1) throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "At least one call must be allowed in flight.");
        Gate = new SemaphoreSlim(throttleLimit, throttleLimit);
        int active = ActiveTargetsFor(throttleLimit);
        _active = new SemaphoreSlim(active, active);
        _resolve = resolve;
        _onFailure = onFailure;
        _ct = ct;
    }

    /// <summary>The gate every target's connection shares: at most throttleLimit AWS calls in flight across accounts.</summary>
    public SemaphoreSlim Gate { get; }

    /// <summary>No AWS call for credentials (-WhatIf): roles are not assumed before the work runs.</summary>
    public bool SkipCredentialCheck { get; set; }

    /// <summary>Called after every batch when there is more than one target: (done, dispatched, failed).</summary>
    public Action<int, int, int>? Progress { get; set; }

    /// <summary>Nothing filed and nothing started yet.</summary>
    public bool IsEmpty => _pending.Count == 0 && _slots.Count == 0;

    /// <summary>More than one account/region target: per-target progress would only flicker.</summary>
    public bool HasManyTargets => _pending.Count + Volatile.Read(ref _targetCount) > 1;

    public int Done => Volatile.Read(ref _done);
    public int Failed => Volatile.Read(ref _failed);
    public int Dispatched => Volatile.Read(ref _dispatched);

    /// <summary>Files <paramref name="item"/> (null: "the whole target") for a context, or without one for a region (null: the default).</summary>
    public void Enqueue(BedrockAccountContext? context, string? region, object? item)
    {
        string key = context != null ? "ctx:" + context : "region:" + region;
        if (!_pending.TryGetValue(key, out var batch))
            _pending[key] = batch = new PendingBatch(key, context, context?.Region ?? region);
        batch.Items.Add(item);
    }

    /// <summary>Starts <paramref name="work"/> for everything filed so far, without waiting; targets are resolved here.</summary>
    public void Dispatch(BatchWork work)
    {
        // Resolve every target first, then start: progress knows how many targets there are from the first batch on.
        var ready = new List<(TargetSlot Slot, List<object?> Items)>();
        foreach (var batch in _pending.Values.ToList())
        {
            _pending.Remove(batch.Key);
            var slot = SlotFor(batch);
            if (slot != null) ready.Add((slot, batch.Items));
        }
        Interlocked.Add(ref _dispatched, ready.Count);
        foreach (var (slot, items) in ready) _running.Add(RunAsync(slot, items, work));
    }

    /// <summary>Everything started so far.</summary>
    public Task WhenAll() => Task.WhenAll(_running);

    TargetSlot? SlotFor(PendingBatch batch)
    {
        if (_slots.TryGetValue(batch.Key, out var known)) return known;
        // Every connection shares the one gate, so -ThrottleLimit bounds calls across all accounts.
        var target = _resolve(batch.Context, batch.Region)?.WithConcurrencyGate(Gate);
        var slot = target == null ? null : new TargetSlot(target);
        _slots[batch.Key] = slot;
        if (slot != null) Interlocked.Increment(ref _targetCount);
        return slot;
    }

    async Task RunAsync(TargetSlot slot, IReadOnlyList<object?> items, BatchWork work)
    {
        await slot.Serial.WaitAsync(_ct).ConfigureAwait(false);
        bool admitted = false;
        try
        {
            // The slot may be handed over by a batch that stopped because of Ctrl+C: cancelled work never starts.
            _ct.ThrowIfCancellationRequested();
            if (slot.Unreachable) return; // its error was reported once already
            await _active.WaitAsync(_ct).ConfigureAwait(false);
            admitted = true;
            if (!await RunTargetAsync(slot, items, work).ConfigureAwait(false))
                Interlocked.Increment(ref _failed);
        }
        finally
        {
            if (admitted) _active.Release();
            slot.Serial.Release();
            int done = Interlocked.Increment(ref _done);
            if (Volatile.Read(ref _targetCount) > 1) Progress?.Invoke(done, Dispatched, Failed);
        }
    }

    async Task<bool> RunTargetAsync(TargetSlot slot, IReadOnlyList<object?> items, BatchWork work)
    {
        var target = slot.Target;
        try
        {
            if (!SkipCredentialCheck) await target.EnsureCredentialsAsync(_ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && _ct.IsCancellationRequested))
        {
            slot.Unreachable = true;
            _onFailure(target, ex, credentials: true);
            return false;
        }
        try
        {
            await work(target, items, _ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && _ct.IsCancellationRequested))
        {
            _onFailure(target, ex, credentials: false);
            return false;
        }
    }

    /// <summary>Items filed for one target and not yet started.</summary>
    sealed class PendingBatch
    {
        public PendingBatch(string key, BedrockAccountContext? context, string? region) { Key = key; Context = context; Region = region; }
        public readonly string Key;
        public readonly BedrockAccountContext? Context;
        public readonly string? Region;
        public readonly List<object?> Items = new List<object?>();
    }

    /// <summary>A resolved target and the lock that runs its batches one after another.</summary>
    sealed class TargetSlot
    {
        public TargetSlot(AccountTarget target) => Target = target;
        public readonly AccountTarget Target;
        public readonly SemaphoreSlim Serial = new SemaphoreSlim(1, 1);
        /// <summary>Credentials could not be obtained (role not assumable): later batches are skipped.</summary>
        public bool Unreachable;
    }
}
