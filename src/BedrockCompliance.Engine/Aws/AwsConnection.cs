using Amazon.Runtime;
using BedrockCompliance.Engine.Accounts;
// One service's endpoint and where it came from; a regional default follows the region when a connection is derived.
using ResolvedEndpoint = (System.Uri Uri, string Source, bool IsRegionalDefault);

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// Everything needed to call AWS for one account and region, with where each part came from. Immutable:
/// the limiter, the -ThrottleLimit gate and the attempt timeout are set through the With… methods, which copy.
/// </summary>
internal sealed class AwsConnection(string region, ProvenanceEntry regionSource, AWSCredentials? credentials, string? bearerToken,
    IReadOnlyList<ProvenanceEntry> authSources, IReadOnlyDictionary<AwsService, ResolvedEndpoint> endpoints, AwsRetryPolicy retry,
    string? profileName, TimeSpan attemptTimeout, AccountRateLimiter? rateLimiter, SemaphoreSlim? concurrencyGate)
{
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(60);

    readonly ProvenanceEntry _regionSource = regionSource;
    readonly IReadOnlyList<ProvenanceEntry> _authSources = authSources;
    readonly IReadOnlyDictionary<AwsService, ResolvedEndpoint> _endpoints = endpoints;

    /// <summary>A connection with endpoints given outright (tests, tools); its provenance names the caller.</summary>
    public AwsConnection(string region, AWSCredentials? credentials, string? bearerToken,
        IReadOnlyDictionary<AwsService, Uri> endpoints, AwsRetryPolicy retry, string? profileName = null)
        : this(region, new ProvenanceEntry(ProvenanceEntry.RegionPart, "the caller", region), credentials, bearerToken,
            Array.Empty<ProvenanceEntry>(), endpoints.ToDictionary(e => e.Key, e => (e.Value, "the caller", false)),
            retry, profileName, DefaultAttemptTimeout, null, null)
    {
    }

    public string Region { get; } = region;
    /// <summary>Null only when a Bedrock bearer token is used and no SigV4 credentials were found.</summary>
    public AWSCredentials? Credentials { get; } = credentials;
    public string? BearerToken { get; } = bearerToken;
    public IReadOnlyDictionary<AwsService, Uri> Endpoints { get; } = endpoints.ToDictionary(e => e.Key, e => e.Value.Uri);
    public AwsRetryPolicy Retry { get; } = retry;
    public string? ProfileName { get; } = profileName;
    public TimeSpan AttemptTimeout { get; } = attemptTimeout;
    /// <summary>Client-side rate limit for the account this connection reaches (null: none).</summary>
    public AccountRateLimiter? RateLimiter { get; } = rateLimiter;
    /// <summary>Bounds AWS calls in flight across every connection of one command (-ThrottleLimit); null: unbounded.</summary>
    public SemaphoreSlim? ConcurrencyGate { get; } = concurrencyGate;

    /// <summary>Where region, credentials and endpoints came from (the Bedrock, Runtime and STS endpoints always; others when not the regional default).</summary>
    public IReadOnlyList<ProvenanceEntry> Provenance =>
        new[] { _regionSource }.Concat(_authSources)
            .Concat(_endpoints.Where(e => e.Key == AwsService.Bedrock || e.Key == AwsService.BedrockRuntime || e.Key == AwsService.Sts || !e.Value.IsRegionalDefault)
                .Select(e => new ProvenanceEntry($"{e.Key.DisplayName} endpoint", e.Value.Source, e.Value.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/'))))
            .ToList();

    /// <summary>The provenance as -Verbose lines; no secrets.</summary>
    public IEnumerable<string> RenderProvenance() => Provenance.Select(p => p.ToString());

    public Uri EndpointFor(AwsService service) => Endpoints[service];

    internal IReadOnlyDictionary<AwsService, ResolvedEndpoint> EndpointSources => _endpoints;
    internal IReadOnlyList<ProvenanceEntry> AuthSources => _authSources;

    /// <summary>A copy for another account's temporary credentials (assumed role), same region and endpoints; no bearer token.</summary>
    public AwsConnection WithCredentials(AWSCredentials credentials, string description) =>
        new AwsConnection(Region, _regionSource, credentials, null,
            _authSources.Where(p => p.Part != ProvenanceEntry.BearerPart).Concat(new[] { new ProvenanceEntry(ProvenanceEntry.CredentialsPart, description, null) }).ToList(),
            _endpoints, Retry, ProfileName, AttemptTimeout, RateLimiter, ConcurrencyGate);

    public AwsConnection WithRateLimiter(AccountRateLimiter? rateLimiter) =>
        new AwsConnection(Region, _regionSource, Credentials, BearerToken, _authSources, _endpoints, Retry, ProfileName, AttemptTimeout, rateLimiter, ConcurrencyGate);

    public AwsConnection WithConcurrencyGate(SemaphoreSlim? gate) =>
        new AwsConnection(Region, _regionSource, Credentials, BearerToken, _authSources, _endpoints, Retry, ProfileName, AttemptTimeout, RateLimiter, gate);

    public AwsConnection WithAttemptTimeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The attempt timeout must be above zero.");
        return new AwsConnection(Region, _regionSource, Credentials, BearerToken, _authSources, _endpoints, Retry, ProfileName, timeout, RateLimiter, ConcurrencyGate);
    }

    /// <summary>The same credentials and endpoint settings in another region (see <see cref="ConnectionResolver.ForRegion"/>).</summary>
    internal AwsConnection ForRegion(string region, ProvenanceEntry regionSource, IReadOnlyDictionary<AwsService, ResolvedEndpoint> endpoints) =>
        new AwsConnection(region, regionSource, Credentials, BearerToken, _authSources, endpoints, Retry, ProfileName, AttemptTimeout, RateLimiter, ConcurrencyGate);
}
