using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace BedrockCompliance.Engine.Aws
{
    /// <summary>STS through the official AWSSDK.SecurityToken client (loaded privately with the engine).</summary>
    public sealed class StsClient
    {
        static readonly ConcurrentDictionary<string, Task<CallerIdentity>> IdentityCache = new ConcurrentDictionary<string, Task<CallerIdentity>>();
        readonly AwsConnection _connection;

        public StsClient(AwsConnection connection) => _connection = connection;

        /// <summary>GetCallerIdentity, cached per access key and endpoint (it never changes for one credential).</summary>
        public async Task<CallerIdentity> GetCallerIdentityAsync(CancellationToken ct)
        {
            var credentials = RequireCredentials("GetCallerIdentity");
            var immutable = await credentials.GetCredentialsAsync().ConfigureAwait(false);
            string key = immutable.AccessKey + "|" + _connection.EndpointFor(AwsService.Sts);
            var task = IdentityCache.GetOrAdd(key, _ => LookupAsync(credentials, CancellationToken.None));
            try
            {
                return await WithCancellation(task, ct).ConfigureAwait(false);
            }
            catch (Exception) when (task.IsFaulted || task.IsCanceled)
            {
                IdentityCache.TryRemove(key, out _);
                throw;
            }
        }

        async Task<CallerIdentity> LookupAsync(AWSCredentials credentials, CancellationToken ct)
        {
            using var client = CreateClient(credentials);
            var response = await Call("GetCallerIdentity", () => client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct)).ConfigureAwait(false);
            if (string.IsNullOrEmpty(response.Account) || string.IsNullOrEmpty(response.Arn))
                throw new AwsResponseFormatException("STS", "GetCallerIdentity", "Account or Arn is missing", response.ResponseMetadata?.RequestId);
            return new CallerIdentity { Account = response.Account, Arn = response.Arn, UserId = response.UserId };
        }

        public async Task<AssumedRole> AssumeRoleAsync(string roleArn, string sessionName, string? externalId, int? durationSeconds, CancellationToken ct)
        {
            var credentials = RequireCredentials("AssumeRole");
            using var client = CreateClient(credentials);
            var request = new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = sessionName };
            if (!string.IsNullOrEmpty(externalId)) request.ExternalId = externalId;
            if (durationSeconds.HasValue) request.DurationSeconds = durationSeconds.Value;
            var response = await Call("AssumeRole", () => client.AssumeRoleAsync(request, ct)).ConfigureAwait(false);
            var c = response.Credentials ?? throw new AwsResponseFormatException("STS", "AssumeRole", "Credentials are missing", response.ResponseMetadata?.RequestId);
            return new AssumedRole
            {
                AccessKeyId = c.AccessKeyId,
                SecretAccessKey = c.SecretAccessKey,
                SessionToken = c.SessionToken,
                Expiration = (c.Expiration ?? DateTime.UtcNow.AddMinutes(15)).ToUniversalTime(),
                Arn = response.AssumedRoleUser?.Arn ?? "",
                AssumedRoleId = response.AssumedRoleUser?.AssumedRoleId,
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
                // Retries are ours (Call), so throttling waits with the same backoff and rate limit as every other call.
                MaxErrorRetry = 0,
                Timeout = _connection.AttemptTimeout,
            };
            return new AmazonSecurityTokenServiceClient(credentials, config);
        }

        async Task<T> Call<T>(string operation, Func<Task<T>> call)
        {
            var retry = _connection.Retry;
            for (int attempt = 1; ; attempt++)
            {
                if (_connection.RateLimiter != null) await _connection.RateLimiter.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    return await CallOnce(operation, call).ConfigureAwait(false);
                }
                catch (Exception ex) when (attempt < retry.MaxAttempts && AwsRetryPolicy.IsRetryable(ex))
                {
                    await retry.DelayAsync(attempt - 1, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }

        async Task<T> CallOnce<T>(string operation, Func<Task<T>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (AmazonServiceException ex) when (ex.StatusCode != 0 && !string.IsNullOrEmpty(ex.ErrorCode))
            {
                throw new AwsServiceException("STS", operation, AwsErrorCodes.Sanitize(ex.ErrorCode), ex.Message, (int)ex.StatusCode, ex.RequestId, ex);
            }
            catch (AmazonServiceException ex) when (ex.InnerException is HttpRequestException || ex.InnerException is System.IO.IOException)
            {
                throw new AwsTransportException("STS", operation, _connection.EndpointFor(AwsService.Sts), _connection.Retry.MaxAttempts, ex.InnerException);
            }
            catch (HttpRequestException ex)
            {
                throw new AwsTransportException("STS", operation, _connection.EndpointFor(AwsService.Sts), _connection.Retry.MaxAttempts, ex);
            }
        }

        static async Task<T> WithCancellation<T>(Task<T> task, CancellationToken ct)
        {
            if (!ct.CanBeCanceled) return await task.ConfigureAwait(false);
            var cancelled = new TaskCompletionSource<bool>();
            using (ct.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task) throw new OperationCanceledException(ct);
            }
            return await task.ConfigureAwait(false);
        }
    }
}
