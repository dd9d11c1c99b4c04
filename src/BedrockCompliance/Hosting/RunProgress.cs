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
    readonly ConcurrentDictionary<object, (int Done, int Total)> _discovered = new ConcurrentDictionary<object, (int Done, int Total)>();
    int _filed, _done, _batchesDone, _batchesDispatched, _accountsFailed;
    long _lastWrittenMs = -MinIntervalMs;
    int _lastPercent = -1;
    bool _completed;

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
        _discovered[key] = (done, total);
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
        lock (_gate)
        {
            if (!_clock.IsRunning || _completed) return;
            var record = Render();
            long now = _clock.ElapsedMilliseconds;
            if (!force && record.PercentComplete == _lastPercent && now - _lastWrittenMs < MinIntervalMs) return;
            _lastPercent = record.PercentComplete;
            _lastWrittenMs = now;
            _pump.WriteProgress(record);
        }
    }

    internal ProgressRecord Render()
    {
        var found = _discovered.Values.ToList();
        int total = Volatile.Read(ref _filed) + found.Sum(f => f.Total);
        int done = Math.Min(total, Volatile.Read(ref _done) + found.Sum(f => f.Done));
        int batchesDone = Volatile.Read(ref _batchesDone), dispatched = Volatile.Read(ref _batchesDispatched), failed = Volatile.Read(ref _accountsFailed);
        var parts = new List<string>();
        if (total > 0) parts.Add($"{done} of {total} {_itemNoun}");
        if (dispatched > 1) parts.Add($"{batchesDone} of {dispatched} account batches" + (failed > 0 ? $" ({failed} accounts failed)" : ""));
        if (parts.Count == 0) parts.Add("starting");
        // Share of the work done: by items when they are known, else by account batches.
        double share = total > 0 ? (double)done / total : dispatched > 0 ? (double)batchesDone / dispatched : 0;
        var record = new ProgressRecord(0, _activity, string.Join(", ", parts)) { PercentComplete = (int)Math.Min(99, share * 100) };
        double elapsed = _clock.Elapsed.TotalSeconds;
        if (share > 0 && share < 1) record.SecondsRemaining = (int)Math.Ceiling(elapsed * (1 - share) / share);
        return record;
    }
}
