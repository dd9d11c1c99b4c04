using System.Runtime.ExceptionServices;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// The one attempt loop every AWS call goes through, whatever client sends it (our signed sender or the SDK's
/// STS client): the account's rate limiter, the command's -ThrottleLimit gate (held for one attempt only, never
/// during backoff), the standard retry decision with backoff, and cancellation at every wait.
/// </summary>
internal static class AwsCallPolicy
{
    /// <param name="attempt">One attempt, given its number (1-based); throws the service's or transport's error.</param>
    /// <param name="trace">Diagnostics for -Debug (a retry and its backoff); never secrets.</param>
    public static async Task<T> RunAsync<T>(AwsConnection connection, string service, string operation,
        Func<int, CancellationToken, Task<T>> attempt, Action<string>? trace, CancellationToken ct)
    {
        var retry = connection.Retry;
        for (int n = 1; ; n++)
        {
            ct.ThrowIfCancellationRequested();
            if (connection.RateLimiter != null)
                await connection.RateLimiter.WaitAsync(ct).ConfigureAwait(false);
            var gate = connection.ConcurrencyGate;
            if (gate != null) await gate.WaitAsync(ct).ConfigureAwait(false);
            ExceptionDispatchInfo failure;
            try
            {
                return await attempt(n, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (n < retry.MaxAttempts && AwsRetryPolicy.IsRetryable(ex) && !ct.IsCancellationRequested)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                gate?.Release();
            }
            var backoff = retry.BackoffFor(n - 1);
            trace?.Invoke($"{service} {operation}: attempt {n} of {retry.MaxAttempts} failed ({Short(failure.SourceException)}); retrying in {backoff.TotalMilliseconds:0} ms.");
            await retry.WaitAsync(backoff, ct).ConfigureAwait(false);
        }
    }

    static string Short(Exception ex) => ex is AwsServiceException s ? $"{s.ErrorCode}, HTTP {s.StatusCode}" : ex.InnerException?.Message ?? ex.Message;
}
