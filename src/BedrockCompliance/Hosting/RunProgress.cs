using System.Collections.Concurrent;
using System.Diagnostics;

namespace BedrockCompliance.Commands.Hosting;

/// <summary>
/// The progress bar of a bulk run (activity 0): items done of items known (the models of the run) and account batches
/// done of dispatched, with an ETA from the rate so far. Written when the run starts, whenever the percentage moves (at
/// most about a hundred records) or a second has passed, and completed at the end. Counts arrive from worker threads:
/// items filed by the cmdlet, items finished by its per-model loop, totals a target discovers (a listing's model count)
/// and account batches from the scheduler's Progress callback; records are written through the pipeline pump.
/// </summary>
internal sealed class RunProgress
{
    const long MinIntervalMs = 1000;
    readonly object _gate = new object();
    readonly PipelinePump _pump;
    readonly string _activity;
    readonly string _itemNoun;
    readonly Stopwatch _clock = new Stopwatch();
    // Each target's latest discovered counts; their sums are kept as running totals, because a count arrives with every
    // finished item and summing every target's counts each time was O(targets) work per item (issue 18).
    readonly ConcurrentDictionary<object, Counts> _discovered = new ConcurrentDictionary<object, Counts>();
    int _filed, _done, _discoveredDone, _discoveredTotal, _batchesDone, _batchesDispatched, _accountsFailed;
    long _lastWrittenMs = -MinIntervalMs;
    int _lastPercent = -1;
    bool _completed;

    sealed class Counts
    {
        public int Done, Total;
    }

    public RunProgress(PipelinePump pump, string activity, string itemNoun)
    {
        _pump = pump;
        _activity = activity;
        _itemNoun = itemNoun;
    }

    /// <summary>Items filed for work (pipeline thread).</summary>
    public void Filed(int count) => Interlocked.Add(ref _filed, count);

    /// <summary>Filed items finished (any thread).</summary>
    public void Done(int count)
    {
        if (count <= 0) return;
        Interlocked.Add(ref _done, count);
        Write(force: false);
    }

    /// <summary>Items a target found for itself (e.g. the models of a listing), keyed by the target.</summary>
    public void Discovered(object key, int done, int total)
    {
        var counts = _discovered.GetOrAdd(key, _ => new Counts());
        lock (counts)
        {
            Interlocked.Add(ref _discoveredDone, done - counts.Done);
            Interlocked.Add(ref _discoveredTotal, total - counts.Total);
            counts.Done = done;
            counts.Total = total;
        }
        Write(force: false);
    }

    /// <summary>The scheduler's account-batch counts.</summary>
    public void Batches(int done, int dispatched, int failed)
    {
        Volatile.Write(ref _batchesDone, done);
        Volatile.Write(ref _batchesDispatched, dispatched);
        Volatile.Write(ref _accountsFailed, failed);
        Write(force: false);
    }

    /// <summary>The first record, as soon as work is filed (so the bar is there from the first second).</summary>
    public void Start()
    {
        if (_clock.IsRunning) return;
        _clock.Start();
        Write(force: true);
    }

    /// <summary>Removes the bar (pipeline thread, once, at the end of the run).</summary>
    public ProgressRecord? Complete()
    {
        lock (_gate)
        {
            if (!_clock.IsRunning || _completed) return null;
            _completed = true;
        }
        var record = Render();
        record.PercentComplete = 100;
        record.SecondsRemaining = 0;
        record.RecordType = ProgressRecordType.Completed;
        return record;
    }

    void Write(bool force)
    {
        // A record when the percentage moves, or at least every second for the status text (the host throttles drawing).
        // Checked without the lock and without rendering first: this runs for every finished item on every worker.
        if (!force && !Due()) return;
        lock (_gate)
        {
            if (!_clock.IsRunning || _completed) return;
            if (!force && !Due()) return;
            var record = Render();
            long now = _clock.ElapsedMilliseconds;
            Volatile.Write(ref _lastPercent, record.PercentComplete);
            Volatile.Write(ref _lastWrittenMs, now);
            _pump.WriteProgress(record);
        }
    }

    /// <summary>Whether a record is due: the percentage moved, or a second has passed since the last one.</summary>
    bool Due() =>
        PercentOf(Share(out _, out _, out _, out _)) != Volatile.Read(ref _lastPercent)
        || _clock.ElapsedMilliseconds - Volatile.Read(ref _lastWrittenMs) >= MinIntervalMs;

    static int PercentOf(double share) => (int)Math.Min(99, share * 100);

    /// <summary>Share of the work done: by items when they are known, else by account batches.</summary>
    double Share(out int done, out int total, out int batchesDone, out int dispatched)
    {
        total = Volatile.Read(ref _filed) + Volatile.Read(ref _discoveredTotal);
        done = Math.Min(total, Volatile.Read(ref _done) + Volatile.Read(ref _discoveredDone));
        batchesDone = Volatile.Read(ref _batchesDone);
        dispatched = Volatile.Read(ref _batchesDispatched);
        return total > 0 ? (double)done / total : dispatched > 0 ? (double)batchesDone / dispatched : 0;
    }

    internal ProgressRecord Render()
    {
        double share = Share(out int done, out int total, out int batchesDone, out int dispatched);
        int failed = Volatile.Read(ref _accountsFailed);
        var parts = new List<string>();
        if (total > 0) parts.Add($"{done} of {total} {_itemNoun}");
        if (dispatched > 1) parts.Add($"{batchesDone} of {dispatched} account batches" + (failed > 0 ? $" ({failed} accounts failed)" : ""));
        if (parts.Count == 0) parts.Add("starting");
        var record = new ProgressRecord(0, _activity, string.Join(", ", parts)) { PercentComplete = PercentOf(share) };
        double elapsed = _clock.Elapsed.TotalSeconds;
        if (share > 0 && share < 1) record.SecondsRemaining = (int)Math.Ceiling(elapsed * (1 - share) / share);
        return record;
    }
}
