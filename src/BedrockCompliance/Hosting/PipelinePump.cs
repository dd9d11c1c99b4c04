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
    readonly BlockingCollection<Action> _queue = new BlockingCollection<Action>();

    public PipelinePump(Cmdlet cmdlet) => _cmdlet = cmdlet;

    public void WriteObject(object value) => _queue.Add(() => _cmdlet.WriteObject(value));
    public void WriteError(ErrorRecord record) => _queue.Add(() => _cmdlet.WriteError(record));
    public void WriteVerbose(string text) => _queue.Add(() => _cmdlet.WriteVerbose(text));
    public void WriteDebug(string text) => _queue.Add(() => _cmdlet.WriteDebug(text));
    public void WriteWarning(string text) => _queue.Add(() => _cmdlet.WriteWarning(text));
    public void WriteProgress(ProgressRecord record) => _queue.Add(() => _cmdlet.WriteProgress(record));

    /// <summary>Runs <paramref name="func"/> on the pipeline thread (ShouldProcess, prompts) and returns its result.</summary>
    public Task<T> Invoke<T>(Func<T> func)
    {
        var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(() =>
        {
            try { tcs.SetResult(func()); }
            catch (Exception ex) { tcs.SetException(ex); }
        });
        return tcs.Task;
    }

    /// <summary>Runs what workers posted so far, without waiting (between pipeline inputs).</summary>
    public void Drain()
    {
        while (_queue.TryTake(out var action)) action();
    }

    /// <summary>Pumps until <paramref name="task"/> completes; rethrows its failure on the pipeline thread.</summary>
    public void WaitFor(Task task, CancellationTokenSource cancellation)
    {
        task.ContinueWith(_ => _queue.Add(Wake), TaskScheduler.Default);
        try
        {
            while (true)
            {
                _queue.Take()();
                if (task.IsCompleted && _queue.Count == 0) break;
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
