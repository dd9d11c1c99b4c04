namespace BedrockCompliance.Engine.Aws;

/// <summary>Waiting on a shared task that must not itself be cancelled (a cached lookup, a credential refresh).</summary>
internal static class TaskExtensions
{
    /// <summary>Completes with <paramref name="task"/>, or throws OperationCanceledException when <paramref name="ct"/> fires first; the task runs on.</summary>
    public static async Task<T> WaitAsync<T>(this Task<T> task, CancellationToken ct)
    {
        await ((Task)task).WaitAsync(ct).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    /// <inheritdoc cref="WaitAsync{T}(Task{T}, CancellationToken)"/>
    public static async Task WaitAsync(this Task task, CancellationToken ct)
    {
        if (ct.CanBeCanceled && !task.IsCompleted)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (ct.Register(() => cancelled.TrySetResult(true)))
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task) throw new OperationCanceledException(ct);
        }
        await task.ConfigureAwait(false);
    }
}
