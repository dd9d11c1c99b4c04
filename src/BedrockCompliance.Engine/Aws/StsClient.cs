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
        return new CallerIdentity(response.Account, response.Arn);
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
        return new AssumedRole(c.AccessKeyId, c.SecretAccessKey, c.SessionToken, (c.Expiration ?? DateTime.UtcNow.AddMinutes(15)).ToUniversalTime(),
            response.AssumedRoleUser?.Arn ?? "", string.IsNullOrEmpty(response.SourceIdentity) ? null : response.SourceIdentity);
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
        AwsCallPolicy.RunSdkAsync(_connection, AwsService.Sts, operation, call, ex => ServiceError(operation, ex), Trace, ct);

    static AwsServiceException? ServiceError(string operation, Exception ex) => ex switch
    {
        _ when RedirectOf(ex) is { } redirect => new AwsServiceException("STS", operation, redirect.ErrorCode, redirect.ServiceMessage, redirect.StatusCode, redirect.RequestId, ex),
        AmazonServiceException a when (int)a.StatusCode is >= 300 and < 400 => RedirectGuard.Refused("STS", operation, (int)a.StatusCode, null, a.RequestId),
        AmazonServiceException a when a.StatusCode != 0 && !string.IsNullOrEmpty(a.ErrorCode) =>
            new AwsServiceException("STS", operation, AwsErrorCodes.Sanitize(a.ErrorCode), a.Message, (int)a.StatusCode, a.RequestId, a),
        _ => null,
    };

    /// <summary>The redirect refusal, thrown by <see cref="RedirectGuard"/> inside the SDK (which may wrap it).</summary>
    static AwsServiceException? RedirectOf(Exception? ex)
    {
        for (; ex != null; ex = ex.InnerException)
            if (ex is AwsServiceException { ErrorCode: RedirectGuard.ErrorCode } s) return s;
        return null;
    }
}
