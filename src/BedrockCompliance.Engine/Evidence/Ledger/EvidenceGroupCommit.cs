using System.Collections.Concurrent;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// Group commit for one ledger file within one process: concurrent appends queue their (already validated) records;
/// one of them, the leader, takes everything queued, writes it under one cross-process lock with one fsync, and
/// completes every waiter of that batch; then it hands leadership to the first append that queued meanwhile. So a
/// record still returns only once it is on disk, but concurrent appenders share one fsync per batch instead of
/// paying one each. Other processes still serialise through the lock file, as before.
/// </summary>
/// <remarks>
/// Cancellation: a leader still waiting for the lock gives up its own records and passes the rest of the batch on;
/// an append queued behind a leader waits for that leader's write (a record handed to the writer is written, or its
/// caller gets the write's exception — never silently dropped).
/// </remarks>
internal sealed class EvidenceGroupCommit
{
    static readonly ConcurrentDictionary<string, EvidenceGroupCommit> ByPath = new ConcurrentDictionary<string, EvidenceGroupCommit>(
        EvidenceContext.IsWindows ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    readonly object _gate = new object();
    readonly List<Pending> _queue = new List<Pending>();
    bool _leaderActive;

    public static EvidenceGroupCommit For(string path) => ByPath.GetOrAdd(path, _ => new EvidenceGroupCommit());

    /// <summary>Writes the records of one batch; called with the cross-process lock held.</summary>
    internal delegate void WriteBatch(IReadOnlyList<EvidenceRecord> records);

    /// <summary>One caller's records. Gets exactly one signal: "lead the next batch" or "done" (by another leader).</summary>
    sealed class Pending
    {
        const int Waiting = 0, Leading = 1, Finished = 2;
        int _state;
        readonly ManualResetEventSlim? _event;
        readonly TaskCompletionSource<bool>? _task;

        public Pending(IReadOnlyList<EvidenceRecord> records, bool async)
        {
            Records = records;
            if (async) _task = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            else _event = new ManualResetEventSlim(false);
        }

        public IReadOnlyList<EvidenceRecord> Records { get; }
        public Exception? Error { get; private set; }
        public bool IsLeader => Volatile.Read(ref _state) == Leading;

        public void Lead() => Signal(Leading);

        public void Finish(Exception? error)
        {
            Error = error;
            if (IsLeader) Volatile.Write(ref _state, Finished); // the leader finishes itself: it is not waiting
            else Signal(Finished);
        }

        void Signal(int state)
        {
            Volatile.Write(ref _state, state);
            _event?.Set();
            _task?.TrySetResult(true);
        }

        public void Wait() => _event!.Wait();
        public Task WaitAsync() => _task!.Task;

        public void ThrowIfFailed()
        {
            // The event is not disposed: the signalling thread may still be inside Set(); it holds no kernel handle unless waited on long.
            if (Error != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(Error).Throw();
        }
    }

    public void Commit(IReadOnlyList<EvidenceRecord> records, Func<IDisposable> acquireLock, WriteBatch write)
    {
        var p = Enqueue(records, async: false);
        p.Wait();
        for (int round = 0; p.IsLeader || round > 0; round++)
        {
            var batch = TakeBatch();
            IDisposable? held = null;
            try { held = acquireLock(); }
            catch (Exception ex) { GiveUp(round == 0 ? p : null, batch, ex); }
            if (held != null) WriteAndFinish(batch, held, write);
            if (!KeepLeading(round, held != null)) break;
        }
        p.ThrowIfFailed();
    }

    public async Task CommitAsync(IReadOnlyList<EvidenceRecord> records, Func<Task<IDisposable>> acquireLock, WriteBatch write)
    {
        var p = Enqueue(records, async: true);
        await p.WaitAsync().ConfigureAwait(false);
        for (int round = 0; p.IsLeader || round > 0; round++)
        {
            var batch = TakeBatch();
            IDisposable? held = null;
            try { held = await acquireLock().ConfigureAwait(false); }
            catch (Exception ex) { GiveUp(round == 0 ? p : null, batch, ex); }
            if (held != null) WriteAndFinish(batch, held, write);
            if (!KeepLeading(round, held != null)) break;
        }
        p.ThrowIfFailed();
    }

    Pending Enqueue(IReadOnlyList<EvidenceRecord> records, bool async)
    {
        var p = new Pending(records, async);
        lock (_gate)
        {
            _queue.Add(p);
            if (!_leaderActive)
            {
                _leaderActive = true;
                p.Lead();
            }
        }
        return p;
    }

    List<Pending> TakeBatch()
    {
        lock (_gate)
        {
            var batch = new List<Pending>(_queue);
            _queue.Clear();
            return batch;
        }
    }

    /// <summary>Batches written by this process (all ledgers): lets tests see that concurrent appends share fsyncs.</summary>
    internal static long BatchesWritten;

    static void WriteAndFinish(List<Pending> batch, IDisposable heldLock, WriteBatch write)
    {
        Interlocked.Increment(ref BatchesWritten);
        Exception? error = null;
        using (heldLock)
        {
            var all = new List<EvidenceRecord>();
            foreach (var q in batch) all.AddRange(q.Records);
            try { write(all); }
            catch (Exception ex) { error = ex; }
        }
        foreach (var q in batch) q.Finish(error);
    }

    /// <summary>
    /// The leader could not take the lock. A cancelled leader fails only its own records and puts the others back
    /// (the next leader retries them); a timeout or I/O error would hit every waiter alike, so it fails the batch.
    /// </summary>
    /// <param name="leader">The leader's own pending in its first round; null in later rounds (its own records are written).</param>
    void GiveUp(Pending? leader, List<Pending> batch, Exception ex)
    {
        if (ex is OperationCanceledException)
        {
            lock (_gate) _queue.InsertRange(0, batch.Where(q => !ReferenceEquals(q, leader)));
            leader?.Finish(ex);
            return;
        }
        foreach (var q in batch) q.Finish(ex);
    }

    /// <summary>Most batches one leader writes before it hands over: saves a thread wake-up per batch, bounds its caller's wait.</summary>
    const int MaxRoundsPerLeader = 8;

    /// <summary>
    /// After a batch: true when this leader should write the next one too (records are queued, the lock was
    /// taken, and it has not led too long); else leadership passes to the first queued append, or lapses.
    /// </summary>
    bool KeepLeading(int round, bool wrote)
    {
        lock (_gate)
        {
            if (_queue.Count == 0) { _leaderActive = false; return false; }
            if (wrote && round + 1 < MaxRoundsPerLeader) return true;
            _queue[0].Lead();
            return false;
        }
    }
}
