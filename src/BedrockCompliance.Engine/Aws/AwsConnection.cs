using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace BedrockCompliance.Engine.Aws
{
    /// <summary>Everything needed to call AWS for one account and region, with where each part came from.</summary>
    public sealed class AwsConnection
    {
        public AwsConnection(string region, AWSCredentials? credentials, string? bearerToken,
            IReadOnlyDictionary<AwsService, Uri> endpoints, AwsRetryPolicy retry, IReadOnlyList<string> provenance, string? profileName)
        {
            Region = region;
            Credentials = credentials;
            BearerToken = bearerToken;
            Endpoints = endpoints;
            Retry = retry;
            Provenance = provenance;
            ProfileName = profileName;
        }

        public string Region { get; }
        /// <summary>Null only when a Bedrock bearer token is used and no SigV4 credentials were found.</summary>
        public AWSCredentials? Credentials { get; }
        public string? BearerToken { get; }
        public IReadOnlyDictionary<AwsService, Uri> Endpoints { get; }
        public AwsRetryPolicy Retry { get; }
        /// <summary>Human-readable lines for -Verbose: where region, credentials and endpoints came from. No secrets.</summary>
        public IReadOnlyList<string> Provenance { get; }
        public string? ProfileName { get; }
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);
        /// <summary>Client-side rate limit for the account this connection reaches (null: none).</summary>
        public Accounts.AccountRateLimiter? RateLimiter { get; set; }
        /// <summary>Bounds AWS calls in flight across every connection of one command (-ThrottleLimit); null: unbounded.</summary>
        public System.Threading.SemaphoreSlim? ConcurrencyGate { get; set; }

        public Uri EndpointFor(AwsService service) => Endpoints[service];

        /// <summary>A copy for another account's temporary credentials (assumed role), same region and endpoints.</summary>
        public AwsConnection WithCredentials(AWSCredentials credentials, string description) =>
            new AwsConnection(Region, credentials, null, Endpoints, Retry,
                new List<string>(Provenance) { $"Credentials: {description}" }, ProfileName) { AttemptTimeout = AttemptTimeout, RateLimiter = RateLimiter, ConcurrencyGate = ConcurrencyGate };
    }
}
