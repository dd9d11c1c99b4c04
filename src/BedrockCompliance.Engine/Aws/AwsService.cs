namespace BedrockCompliance.Engine.Aws;

/// <summary>The services the module calls, with the names AWS uses for environment variables and signing.</summary>
internal sealed class AwsService
{
    AwsService(string displayName, string endpointEnvSuffix, string hostPrefix, string signingName,
        bool acceptsBearerToken = false, string dnsSuffix = "amazonaws.com", bool global = false, bool globalHostHasRegion = false)
    {
        _globalHostHasRegion = globalHostHasRegion;
        DisplayName = displayName;
        EndpointEnvSuffix = endpointEnvSuffix;
        HostPrefix = hostPrefix;
        SigningName = signingName;
        AcceptsBearerToken = acceptsBearerToken;
        DnsSuffix = dnsSuffix;
        IsGlobal = global;
        Ordinal = _created++;
    }

    static int _created;

    /// <summary>How many services there are: <see cref="Ordinal"/> is below it.</summary>
    public static int Count => _created;

    /// <summary>0, 1, 2…: the order of creation, so per-service state can live in an array instead of a map.</summary>
    public int Ordinal { get; }

    // Organizations' one endpoint names its home region (organizations.us-east-1.amazonaws.com); IAM's does not.
    readonly bool _globalHostHasRegion;

    public string DisplayName { get; }
    /// <summary>serviceId upper-cased with '_' (AWS_ENDPOINT_URL_&lt;suffix&gt;).</summary>
    public string EndpointEnvSuffix { get; }
    public string HostPrefix { get; }
    /// <summary>SigV4 service name: 'bedrock' for both Bedrock services.</summary>
    public string SigningName { get; }
    /// <summary>A Bedrock API key (Authorization: Bearer) is accepted instead of SigV4.</summary>
    public bool AcceptsBearerToken { get; }
    /// <summary>The commercial-partition DNS suffix of the regional host (mantle lives under api.aws).</summary>
    public string DnsSuffix { get; }
    /// <summary>One endpoint for the partition (IAM), signed for the partition's home region.</summary>
    public bool IsGlobal { get; }

    /// <summary>The endpoint AWS publishes for the region when nothing overrides it (partition facts from AwsRegions).</summary>
    public string DefaultUrl(string region)
    {
        string suffix = AwsRegions.DnsSuffixOf(region);
        if (IsGlobal)
            return SigningRegion(region) == "us-east-1" && !_globalHostHasRegion ? $"https://{HostPrefix}.{suffix}" : $"https://{HostPrefix}.{SigningRegion(region)}.{suffix}";
        return $"https://{HostPrefix}.{region}.{(suffix == "amazonaws.com" ? DnsSuffix : suffix)}";
    }

    /// <summary>The SigV4 region: the caller's, or the partition's home region for a global service.</summary>
    public string SigningRegion(string region) => !IsGlobal ? region : AwsRegions.PartitionOf(region) switch
    {
        "aws-cn" => "cn-north-1",
        "aws-us-gov" => "us-gov-west-1",
        _ => "us-east-1",
    };

    public static readonly AwsService Bedrock = new AwsService("Bedrock", "BEDROCK", "bedrock", "bedrock", acceptsBearerToken: true);
    public static readonly AwsService BedrockRuntime = new AwsService("Bedrock Runtime", "BEDROCK_RUNTIME", "bedrock-runtime", "bedrock", acceptsBearerToken: true);
    /// <summary>The OpenAI-compatible endpoint (bedrock-mantle.{region}.api.aws); signing name per the reference [L].</summary>
    public static readonly AwsService BedrockMantle = new AwsService("Bedrock Mantle", "BEDROCK_MANTLE", "bedrock-mantle", "bedrock-mantle", acceptsBearerToken: true, dnsSuffix: "api.aws");
    public static readonly AwsService Sts = new AwsService("STS", "STS", "sts", "sts");
    public static readonly AwsService CloudTrail = new AwsService("CloudTrail", "CLOUDTRAIL", "cloudtrail", "cloudtrail");
    public static readonly AwsService Ec2 = new AwsService("EC2", "EC2", "ec2", "ec2");
    public static readonly AwsService Iam = new AwsService("IAM", "IAM", "iam", "iam", global: true);
    public static readonly AwsService S3 = new AwsService("S3", "S3", "s3", "s3");
    public static readonly AwsService CloudWatchLogs = new AwsService("CloudWatch Logs", "CLOUDWATCH_LOGS", "logs", "logs");
    public static readonly AwsService Organizations = new AwsService("Organizations", "ORGANIZATIONS", "organizations", "organizations", global: true, globalHostHasRegion: true);

    /// <summary>Every service a connection resolves an endpoint for.</summary>
    public static readonly AwsService[] All = { Bedrock, BedrockRuntime, BedrockMantle, Sts, CloudTrail, Ec2, Iam, S3, CloudWatchLogs, Organizations };

    public override string ToString() => DisplayName;
}
