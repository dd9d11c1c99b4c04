using System.Collections.Concurrent;

namespace BedrockCompliance.Commands.Hosting;

/// <summary>
/// Lets async engine work on pool threads talk to PowerShell, whose Write*/ShouldProcess calls must run on
/// the pipeline thread: workers post, the pipeline thread runs what they post until the work is done.
/// </summary>
internal sealed class PipelinePump
{
    static readonly Action Wake = () => { };
    readonly Cmdlet _cmdlet;
    // Not a BlockingCollection: its Take spins (SpinWait, sched_yield) before it sleeps, and the pipeline thread waits
    // once per result in a bulk run, so the spinning was a tenth of that thread's CPU (issue 18). Here the pipeline
    // thread sleeps on a monitor at once, and a worker pulses it only when it is asleep.
    readonly ConcurrentQueue<Action> _queue = new ConcurrentQueue<Action>();
    readonly object _signal = new object();
    int _sleeping;

    public PipelinePump(Cmdlet cmdlet) => _cmdlet = cmdlet;

    public void WriteObject(object value) => Post(() => _cmdlet.WriteObject(value));
    public void WriteError(ErrorRecord record) => Post(() => _cmdlet.WriteError(record));
    public void WriteVerbose(string text) => Post(() => _cmdlet.WriteVerbose(text));
    public void WriteDebug(string text) => Post(() => _cmdlet.WriteDebug(text));
    public void WriteWarning(string text) => Post(() => _cmdlet.WriteWarning(text));
    public void WriteProgress(ProgressRecord record) => Post(() => _cmdlet.WriteProgress(record));

    void Post(Action action)
    {
        _queue.Enqueue(action); // a full fence: the read below cannot move before it
        if (Volatile.Read(ref _sleeping) == 0) return;
        lock (_signal) Monitor.Pulse(_signal);
    }

    /// <summary>The next posted action; sleeps (no spinning) while there is none.</summary>
    Action Take()
    {
        if (_queue.TryDequeue(out var action)) return action;
        lock (_signal)
        {
            while (true)
            {
                // Announce the sleep before the last look (Interlocked: a full fence), so a post either is seen here or pulses.
                Interlocked.Exchange(ref _sleeping, 1);
                if (_queue.TryDequeue(out action)) break;
                Monitor.Wait(_signal);
            }
            Volatile.Write(ref _sleeping, 0);
        }
        return action;
    }

    /// <summary>Runs <paramref name="func"/> on the pipeline thread (ShouldProcess, prompts) and returns its result.</summary>
    public Task<T> Invoke<T>(Func<T> func)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(() =>
        {
            try { tcs.SetResult(func()); }
            catch (Exception ex) { tcs.SetException(ex); }
        });
        return tcs.Task;
    }

    /// <summary>Runs what workers posted so far, without waiting (between pipeline inputs).</summary>
    public void Drain()
    {
        while (_queue.TryDequeue(out var action)) action();
    }

    /// <summary>Pumps until <paramref name="task"/> completes; rethrows its failure on the pipeline thread.</summary>
    public void WaitFor(Task task, CancellationTokenSource cancellation)
    {
        task.ContinueWith(_ => Post(Wake), TaskScheduler.Default);
        try
        {
            while (true)
            {
                Take()();
                if (task.IsCompleted && _queue.IsEmpty) break;
            }
        }
        catch (Exception)
        {
            // Downstream stopped (Select-Object -First) or Ctrl+C: stop in-flight calls, then let PowerShell unwind.
            cancellation.Cancel();
            try { task.Wait(TimeSpan.FromSeconds(10)); } catch (AggregateException) { }
            throw;
        }
        if (task.IsCanceled || (task.IsFaulted && task.Exception!.GetBaseException() is OperationCanceledException && cancellation.IsCancellationRequested))
            throw new PipelineStoppedException();
        task.GetAwaiter().GetResult();
    }
}
