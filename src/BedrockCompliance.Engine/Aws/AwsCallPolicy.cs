using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Amazon.Runtime;
using BedrockCompliance.Engine.Accounts;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// The one attempt loop every AWS call goes through, whatever client sends it (our signed sender or the SDK's
/// STS client): the session's limiter of the account × Region × service (static rate, adaptive rate), the retry quota,
/// the command's -ThrottleLimit gate (held for one attempt only, never during backoff), the retry decision with
/// backoff, the overall call timeout, and cancellation at every wait.
/// </summary>
internal static class AwsCallPolicy
{
    // Retry quotas per command (its -ThrottleLimit gate; else the connection's credentials) and account × Region ×
    // service: a command is what AWS Tools for PowerShell gives its own SDK client, so one command that spends its
    // quota on a failing service does not stop the retries of the next.
    static readonly ConditionalWeakTable<object, ConcurrentDictionary<ServiceRateLimiter, RetryQuota>> Quotas =
        new ConditionalWeakTable<object, ConcurrentDictionary<ServiceRateLimiter, RetryQuota>>();

    /// <param name="attempt">One attempt, given its number (1-based); throws the service's or transport's error.</param>
    /// <param name="trace">Diagnostics for -Debug (a retry and its backoff); never secrets.</param>
    public static Task<T> RunAsync<T>(AwsConnection connection, string service, string operation,
        Func<int, CancellationToken, Task<T>> attempt, Action<string>? trace, CancellationToken ct) =>
        RunAsync(connection, service, operation, LimitsFor(connection, service), attempt, static (a, n, c) => a(n, c), trace, ct);

    /// <summary>
    /// The same loop with the limits looked up once (<see cref="LimitsFor"/>) and the attempt's state passed in, so a
    /// sender's call allocates no closure (issue 18: this runs for every AWS call).
    /// </summary>
    public static async Task<T> RunAsync<TState, T>(AwsConnection connection, string service, string operation, CallLimits callLimits,
        TState state, Func<TState, int, CancellationToken, Task<T>> attempt, Action<string>? trace, CancellationToken ct)
    {
        var retry = connection.Retry;
        var limits = callLimits.Limiter;
        var quota = callLimits.Quota;
        bool adaptive = retry.Mode == AwsRetryMode.Adaptive;
        // The overall timeout starts with the first attempt: waiting for the first slot is the command's queue, not the call.
        using var call = CancellationTokenSource.CreateLinkedTokenSource(ct);
        int lastRetryCost = 0;
        for (int n = 1; ; n++)
        {
            ExceptionDispatchInfo failure;
            try
            {
                call.Token.ThrowIfCancellationRequested();
                await limits.BeforeGateAsync(adaptive, call.Token).ConfigureAwait(false);
                var gate = connection.ConcurrencyGate;
                if (gate != null) await gate.WaitAsync(call.Token).ConfigureAwait(false);
                try
                {
                    await limits.BeforeSendAsync(call.Token).ConfigureAwait(false);
                    if (n == 1) call.CancelAfter(retry.CallTimeout);
                    var result = await attempt(state, n, call.Token).ConfigureAwait(false);
                    quota.OnSuccess(lastRetryCost);
                    if (adaptive) limits.Adaptive.OnResponse(throttled: false);
                    return result;
                }
                finally
                {
                    gate?.Release();
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && call.IsCancellationRequested)
            {
                throw CallTimedOut(connection, service, operation, n, retry.CallTimeout, ex);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && !(ex is OperationCanceledException))
            {
                if (adaptive) limits.Adaptive.OnResponse(throttled: ex is AwsServiceException { IsThrottling: true });
                if (n >= retry.MaxAttempts || !AwsRetryPolicy.IsRetryable(ex)) throw;
                if (!quota.TryAcquire(AwsRetryPolicy.IsTimeout(ex), out lastRetryCost))
                {
                    trace?.Invoke($"{service} {operation}: attempt {n} failed ({Short(ex)}); no retry: the retry quota of {connection.Region} {service} is spent ({quota.Available} tokens left).");
                    throw;
                }
                failure = ExceptionDispatchInfo.Capture(ex);
            }
            var backoff = retry.BackoffFor(n - 1);
            trace?.Invoke($"{service} {operation}: attempt {n} of {retry.MaxAttempts} failed ({Short(failure.SourceException)}); retrying in {backoff.TotalMilliseconds:0} ms.");
            try
            {
                await retry.WaitAsync(backoff, call.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
            {
                throw CallTimedOut(connection, service, operation, n, retry.CallTimeout, ex);
            }
        }
    }

    /// <summary>
    /// A call through an official AWSSDK client (S3, STS; their own retries off) on this loop: <paramref name="serviceError"/>
    /// turns the SDK's failure into the service's error where it is one, and what is left of the network is a transport error.
    /// </summary>
    public static Task<T> RunSdkAsync<T>(AwsConnection connection, AwsService service, string operation, Func<CancellationToken, Task<T>> call,
        Func<Exception, AwsServiceException?> serviceError, Action<string>? trace, CancellationToken ct) =>
        RunAsync(connection, service.DisplayName, operation, async (attempt, c) =>
        {
            try
            {
                return await call(c).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (c.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (serviceError(ex) is { } error)
            {
                throw error;
            }
            catch (AmazonServiceException ex) when (ex.InnerException is System.Net.Http.HttpRequestException || ex.InnerException is IOException)
            {
                throw new AwsTransportException(service.DisplayName, operation, connection.EndpointFor(service), attempt, ex.InnerException);
            }
            catch (Exception ex) when (ex is System.Net.Http.HttpRequestException || ex is IOException || ex is OperationCanceledException)
            {
                // An OperationCanceledException without our token cancelled is the SDK's per-attempt timeout.
                throw new AwsTransportException(service.DisplayName, operation, connection.EndpointFor(service), attempt,
                    AwsTransportException.AttemptTimedOut(ex, connection.AttemptTimeout));
            }
        }, trace, ct);

    /// <summary>
    /// The session's limiter of the connection's account × Region × <paramref name="service"/> and the retry quota drawn
    /// from: the same for every call of one connection and service, as every registry behind them only ever adds.
    /// </summary>
    public static CallLimits LimitsFor(AwsConnection connection, string service)
    {
        var limits = (connection.RateLimiter ?? AccountRateLimiter.ForCaller(connection)).For(connection.Region, service);
        return new CallLimits(limits, QuotaFor(connection, limits));
    }

    /// <summary>The retry quota a call on this connection draws from (see <see cref="Quotas"/>).</summary>
    public static RetryQuota QuotaFor(AwsConnection connection, ServiceRateLimiter limits) =>
        Quotas.GetValue((object?)connection.ConcurrencyGate ?? (object?)connection.Credentials ?? connection,
            _ => new ConcurrentDictionary<ServiceRateLimiter, RetryQuota>()).GetOrAdd(limits, _ => new RetryQuota());

    static AwsTransportException CallTimedOut(AwsConnection connection, string service, string operation, int attempts, TimeSpan timeout, Exception last)
    {
        var endpoint = connection.Endpoints.FirstOrDefault(e => e.Key.DisplayName == service).Value ?? new Uri("https://" + service.Replace(' ', '-').ToLowerInvariant());
        string why = last is OperationCanceledException ? "" : $"; the last attempt failed with {Short(last)}";
        return new AwsTransportException(service, operation, endpoint, attempts,
            new TimeoutException($"no answer within the call timeout of {timeout.TotalSeconds:0.#} s ({AwsRetryPolicy.CallTimeoutVariable}){why}", last));
    }

    static string Short(Exception ex) => ex is AwsServiceException s ? $"{s.ErrorCode}, HTTP {s.StatusCode}" : ex.InnerException?.Message ?? ex.Message;
}

/// <summary>What <see cref="AwsCallPolicy.LimitsFor"/> found for one connection and service.</summary>
internal sealed record CallLimits(ServiceRateLimiter Limiter, RetryQuota Quota);
