using System.Collections.Concurrent;
using System.Net.Http;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace BedrockCompliance.Engine.Aws;

/// <summary>STS through the official AWSSDK.SecurityToken client (loaded privately with the engine).</summary>
internal sealed class StsClient
{
    static readonly ConcurrentDictionary<string, Task<CallerIdentity>> IdentityCache = new ConcurrentDictionary<string, Task<CallerIdentity>>();
    readonly AwsConnection _connection;
    readonly HttpMessageHandler? _handler;

    public StsClient(AwsConnection connection) => _connection = connection;

    /// <summary>For tests: the SDK client sends through <paramref name="handler"/>.</summary>
    internal StsClient(AwsConnection connection, HttpMessageHandler handler) : this(connection) => _handler = handler;

    /// <summary>Diagnostics for -Debug: retries and backoff. Never secrets.</summary>
    public Action<string>? Trace { get; set; }

    /// <summary>GetCallerIdentity, cached per access key and endpoint (it never changes for one credential).</summary>
    public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken ct)
    {
        var credentials = RequireCredentials("GetCallerIdentity");
        var immutable = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        string key = immutable.AccessKey + "|" + _connection.EndpointFor(AwsService.Sts);
        var task = IdentityCache.GetOrAdd(key, _ => LookupAsync(credentials, CancellationToken.None));
        try
        {
            return await task.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (Exception) when (task.IsFaulted || task.IsCanceled)
        {
            IdentityCache.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>Shared by every caller of one credential, so it is never cancelled by one of them (each waits with its own token).</summary>
    async Task<CallerIdentity> LookupAsync(AWSCredentials credentials, CancellationToken ct)
    {
        using var client = CreateClient(credentials);
        var response = await Call("GetCallerIdentity", c => client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), c), ct).ConfigureAwait(false);
        if (string.IsNullOrEmpty(response.Account) || string.IsNullOrEmpty(response.Arn))
            throw new AwsResponseFormatException("STS", "GetCallerIdentity", "Account or Arn is missing", response.ResponseMetadata?.RequestId);
        return new CallerIdentity { Account = response.Account, Arn = response.Arn };
    }

    public async Task<AssumedRole> AssumeRoleAsync(string roleArn, string sessionName, string? externalId, int? durationSeconds, CancellationToken ct)
    {
        var credentials = RequireCredentials("AssumeRole");
        using var client = CreateClient(credentials);
        var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName };
        if (!string.IsNullOrEmpty(externalId)) request.ExternalId = externalId;
        if (durationSeconds.HasValue) request.DurationSeconds = durationSeconds.Value;
        var response = await Call("AssumeRole", c => client.AssumeRoleAsync(request, c), ct).ConfigureAwait(false);
        var c = response.Credentials ?? throw new AwsResponseFormatException("STS", "AssumeRole", "Credentials are missing", response.ResponseMetadata?.RequestId);
        return new AssumedRole
        {
            AccessKeyId = c.AccessKeyId,
            SecretAccessKey = c.SecretAccessKey,
            SessionToken = c.SessionToken,
            Expiration = (c.Expiration ?? DateTime.UtcNow.AddMinutes(15)).ToUniversalTime(),
            Arn = response.AssumedRoleUser?.Arn ?? "",
            SourceIdentity = string.IsNullOrEmpty(response.SourceIdentity) ? null : response.SourceIdentity,
        };
    }

    AWSCredentials RequireCredentials(string operation) => _connection.Credentials
        ?? throw new AwsConfigurationException("NoCredentials", $"STS {operation} needs SigV4 credentials, and none were found.");

    AmazonSecurityTokenServiceClient CreateClient(AWSCredentials credentials)
    {
        var config = new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = _connection.EndpointFor(AwsService.Sts).ToString(),
            AuthenticationRegion = _connection.Region,
            // Retries are ours (AwsCallPolicy), so throttling waits with the same backoff, limiter and gate as every other call.
            MaxErrorRetry = 0,
            Timeout = _connection.AttemptTimeout,
            // Never follow a redirect (it would carry the session token to another host): a 3xx is an error.
            AllowAutoRedirect = false,
            HttpClientFactory = new HandlerHttpClientFactory(_handler),
        };
        return new AmazonSecurityTokenServiceClient(credentials, config);
    }

    Task<T> Call<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        AwsCallPolicy.RunAsync(_connection, "STS", operation, (attempt, c) => CallOnce(operation, attempt, call, c), Trace, ct);

    async Task<T> CallOnce<T>(string operation, int attempt, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (RedirectOf(ex) is { } redirect)
        {
            throw new AwsServiceException("STS", operation, redirect.ErrorCode, redirect.ServiceMessage, redirect.StatusCode, redirect.RequestId, ex);
        }
        catch (AmazonServiceException ex) when ((int)ex.StatusCode is >= 300 and < 400)
        {
            throw RedirectGuard.Refused("STS", operation, (int)ex.StatusCode, null, ex.RequestId);
        }
        catch (AmazonServiceException ex) when (ex.StatusCode != 0 && !string.IsNullOrEmpty(ex.ErrorCode))
        {
            throw new AwsServiceException("STS", operation, AwsErrorCodes.Sanitize(ex.ErrorCode), ex.Message, (int)ex.StatusCode, ex.RequestId, ex);
        }
        catch (AmazonServiceException ex) when (ex.InnerException is HttpRequestException || ex.InnerException is System.IO.IOException)
        {
            throw new AwsTransportException("STS", operation, _connection.EndpointFor(AwsService.Sts), attempt, ex.InnerException);
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is System.IO.IOException || ex is OperationCanceledException)
        {
            // An OperationCanceledException without our token cancelled is the SDK's per-attempt timeout.
            var inner = ex is OperationCanceledException ? new TimeoutException($"no answer within {_connection.AttemptTimeout.TotalSeconds:0.#} s", ex) : ex;
            throw new AwsTransportException("STS", operation, _connection.EndpointFor(AwsService.Sts), attempt, inner);
        }
    }

    /// <summary>The redirect refusal, thrown by <see cref="RedirectGuard"/> inside the SDK (which may wrap it).</summary>
    static AwsServiceException? RedirectOf(Exception? ex)
    {
        for (; ex != null; ex = ex.InnerException)
            if (ex is AwsServiceException { ErrorCode: RedirectGuard.ErrorCode } s) return s;
        return null;
    }
}
