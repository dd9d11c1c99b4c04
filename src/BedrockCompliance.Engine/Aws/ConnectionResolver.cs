using System.Net;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using ResolvedEndpoint = (System.Uri Uri, string Source, bool IsRegionalDefault);

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// Resolves region, credentials and endpoints the way the AWS SDKs and CLI do, on AWSSDK.Core's own
/// credential chain and profile store (SSO, assume-role, credential_process); nothing is parsed by hand.
/// </summary>
internal static class ConnectionResolver
{
    public const string BearerTokenVariable = "AWS_BEARER_TOKEN_BEDROCK";

    public static AwsConnection Resolve(ConnectionRequest request, Func<string, string?>? getEnv = null)
    {
        getEnv ??= Environment.GetEnvironmentVariable;
        var auth = new List<ProvenanceEntry>();

        string profileName = !string.IsNullOrWhiteSpace(request.ProfileName) ? request.ProfileName!
            : NonEmpty(getEnv("AWS_PROFILE")) ?? SharedCredentialsFile.DefaultProfileName;
        var store = new CredentialProfileStoreChain();
        CredentialProfile? profile = null;
        bool profileFound = store.TryGetProfile(profileName, out profile);
        if (!string.IsNullOrWhiteSpace(request.ProfileName) && !profileFound)
            throw new AwsConfigurationException("ProfileNotFound",
                $"The AWS profile '{request.ProfileName}' was not found in the shared config or credentials file ({DescribeFiles(getEnv)}). Expected a [profile {request.ProfileName}] section in the config file or [{request.ProfileName}] in the credentials file.");

        var (region, regionSource) = ResolveRegion(request, getEnv, profileFound ? profile : null, profileName);
        var retry = AwsRetryPolicy.FromEnvironment(getEnv);

        string? bearer = NonEmpty(getEnv(BearerTokenVariable));
        AWSCredentials? credentials = CredentialResolver.Resolve(request, getEnv, store, profileName, profileFound, bearer != null, auth);
        // SigV4 is then not used for the Bedrock services.
        if (bearer != null) auth.Add(new ProvenanceEntry(ProvenanceEntry.BearerPart, BearerTokenVariable, "bearer token"));

        var endpoints = new Dictionary<AwsService, ResolvedEndpoint>();
        foreach (var service in AwsService.All)
            endpoints[service] = ResolveEndpoint(service, region, request.EndpointUrl, getEnv, profileFound ? profile : null);

        return new AwsConnection(region, regionSource, credentials, bearer, auth, endpoints, retry, profileFound ? profileName : request.ProfileName,
            AwsConnection.DefaultAttemptTimeout, null, null);
    }

    /// <summary>
    /// The same credentials, retry and endpoint settings in another region, without reading the environment or
    /// the profile store again: explicit endpoints are kept, regional defaults follow the region. Throws UnknownRegion.
    /// </summary>
    public static AwsConnection ForRegion(AwsConnection source, string region, string regionSource)
    {
        region = region.Trim();
        ValidateRegion(region, regionSource);
        var endpoints = source.EndpointSources.ToDictionary(e => e.Key, e => e.Value.IsRegionalDefault ? RegionalDefault(e.Key, region) : e.Value);
        return source.ForRegion(region, new ProvenanceEntry(ProvenanceEntry.RegionPart, regionSource, region), endpoints);
    }

    /// <summary>The region the caller would get without -Region (environment, then profile); throws NoRegion.</summary>
    public static string DefaultRegion(string? profileName, Func<string, string?>? getEnv = null, string? storedRegion = null)
    {
        getEnv ??= Environment.GetEnvironmentVariable;
        string name = !string.IsNullOrWhiteSpace(profileName) ? profileName! : NonEmpty(getEnv("AWS_PROFILE")) ?? SharedCredentialsFile.DefaultProfileName;
        var found = new CredentialProfileStoreChain().TryGetProfile(name, out var profile);
        return ResolveRegion(new ConnectionRequest { StoredRegion = storedRegion }, getEnv, found ? profile : null, name).Region;
    }

    static (string Region, ProvenanceEntry Source) ResolveRegion(ConnectionRequest request, Func<string, string?> getEnv, CredentialProfile? profile, string profileName)
    {
        string? region; string source;
        if (NonEmpty(request.Region) is { } r) { region = r; source = "the -Region parameter"; }
        else if (NonEmpty(request.StoredRegion) is { } stored) { region = stored; source = "$StoredAWSRegion (Set-DefaultAWSRegion)"; }
        else if (NonEmpty(getEnv("AWS_REGION")) is { } e1) { region = e1; source = "AWS_REGION"; }
        else if (NonEmpty(getEnv("AWS_DEFAULT_REGION")) is { } e2) { region = e2; source = "AWS_DEFAULT_REGION"; }
        else if (profile?.Region != null) { region = profile.Region.SystemName; source = $"profile '{profileName}'"; }
        else
            throw new AwsConfigurationException("NoRegion",
                $"No AWS region: pass -Region (e.g. -Region us-east-1), run Set-DefaultAWSRegion, set AWS_REGION or AWS_DEFAULT_REGION, or set 'region' in profile '{profileName}'.");

        region = region.Trim();
        ValidateRegion(region, source);
        return (region, new ProvenanceEntry(ProvenanceEntry.RegionPart, source, region));
    }

    /// <summary>Throws UnknownRegion for a name AWSSDK.Core does not know.</summary>
    public static void ValidateRegion(string region, string source = "the -Region parameter")
    {
        if (!AwsRegions.IsKnown(region))
        {
            string hint = AwsRegions.IsRegionName(region) ? "it is not a region AWS has" : "a region name looks like 'us-east-1'";
            throw new AwsConfigurationException("UnknownRegion",
                $"'{region}' (from {source}) is not a known AWS region: {hint}. Known regions include us-east-1, us-west-2, eu-central-1, eu-west-1, ap-northeast-1, ap-southeast-2.");
        }
    }

    static ResolvedEndpoint ResolveEndpoint(AwsService service, string region, string? explicitUrl, Func<string, string?> getEnv, CredentialProfile? profile)
    {
        string? url; string source;
        bool ignoreConfigured = string.Equals(getEnv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase)
            || profile?.IgnoreConfiguredEndpointUrls == true;
        if (explicitUrl != null && NonEmpty(explicitUrl) == null)
            throw new AwsConfigurationException("InvalidEndpoint", "-EndpointUrl is blank. Expected an absolute http(s) URL such as https://bedrock.us-east-1.amazonaws.com or http://127.0.0.1:4566, or leave the parameter out.");
        if (NonEmpty(explicitUrl) is { } e) { url = e; source = "the -EndpointUrl parameter"; }
        else if (!ignoreConfigured && NonEmpty(getEnv("AWS_ENDPOINT_URL_" + service.EndpointEnvSuffix)) is { } s) { url = s; source = "AWS_ENDPOINT_URL_" + service.EndpointEnvSuffix; }
        else if (!ignoreConfigured && NonEmpty(getEnv("AWS_ENDPOINT_URL")) is { } g) { url = g; source = "AWS_ENDPOINT_URL"; }
        else if (!ignoreConfigured && NonEmpty(profile?.EndpointUrl) is { } p) { url = p; source = $"endpoint_url of profile '{profile!.Name}'"; }
        else return RegionalDefault(service, region);
        return (ValidateEndpoint(url!, source), source, false);
    }

    static ResolvedEndpoint RegionalDefault(AwsService service, string region) =>
        (new Uri(service.DefaultUrl(region)), "the regional default", true);

    /// <summary>https anywhere; plain http only on loopback, so credentials and evidence never cross a network in clear text.</summary>
    public static Uri ValidateEndpoint(string url, string source = "the -EndpointUrl parameter")
    {
        string shown = MaskEndpoint(url);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            throw new AwsConfigurationException("InvalidEndpoint", $"The endpoint '{shown}' (from {source}) is not an absolute http(s) URL. Expected e.g. https://bedrock.us-east-1.amazonaws.com or http://127.0.0.1:4566.");
        // A password in the URL would reach -Verbose, errors and the context object; AWS endpoints take none.
        if (!string.IsNullOrEmpty(uri.UserInfo))
            throw new AwsConfigurationException("InvalidEndpoint", $"The endpoint '{shown}' (from {source}) contains user information (user:password@). AWS endpoints take none: remove it.");
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            throw new AwsConfigurationException("InvalidEndpoint", $"The endpoint '{shown}' (from {source}) has a query or fragment; expected scheme, host, optional port and base path only.");
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
            throw new AwsConfigurationException("InsecureEndpoint",
                $"The endpoint '{shown}' (from {source}) uses plain http on a non-loopback host '{uri.Host}'. Plain http is allowed only for loopback addresses (127.0.0.0/8, ::1, localhost); use https.");
        return uri;
    }

    /// <summary>The URL with any user information replaced by '***' (for messages and error targets).</summary>
    public static string MaskEndpoint(string url) =>
        System.Text.RegularExpressions.Regex.Replace(url, "(?<=^[^:/?#]*:?//)[^/?#]*@", "***@", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    static bool IsLoopback(Uri uri)
    {
        if (uri.IsLoopback) return true;
        string host = uri.Host.Trim('[', ']');
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    /// <summary>Shows enough of an access key id to tell keys apart, never the whole of it.</summary>
    public static string MaskKeyId(string keyId) => keyId.Length <= 8 ? "****" : keyId.Substring(0, 4) + "…" + keyId.Substring(keyId.Length - 4);

    static string DescribeFiles(Func<string, string?> getEnv) =>
        $"config: {NonEmpty(getEnv(SharedCredentialsFile.SharedConfigFileEnvVar)) ?? "~/.aws/config"}, credentials: {NonEmpty(getEnv(SharedCredentialsFile.SharedCredentialsFileEnvVar)) ?? "~/.aws/credentials"}";

    static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s!.Trim();
}
