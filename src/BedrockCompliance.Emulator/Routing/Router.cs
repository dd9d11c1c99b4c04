namespace BedrockCompliance.Emulator.Routing;

/// <summary>Which service and operation a request addresses, and the decoded path label(s) if any.</summary>
public sealed record RouteMatch(AwsService Service, string Operation, string? Label = null, string? Label2 = null);

/// <summary>
/// Maps a request to a service operation. Bedrock routes are matched on the raw path so that
/// <c>%3A</c>/<c>%2F</c> inside a label are decoded here, once. <c>POST /</c> is shared: CloudTrail and
/// CloudWatch Logs are chosen by <c>X-Amz-Target</c>, STS, EC2 and IAM by the query-protocol <c>Version</c>
/// (then <c>Action</c>). bedrock-mantle owns <c>/v1/…</c>; S3 is chosen by the SigV4 signing name.
/// </summary>
public static class Router
{
    public const string StsVersion = "2011-06-15";
    public const string Ec2Version = "2016-11-15";
    public const string IamVersion = "2010-05-08";

    /// <summary>The JSON 1.1 services by <c>X-Amz-Target</c> prefix, in the order tried. The JS SDK
    /// (client-cloudtrail) sends the short form of CloudTrail's target.</summary>
    static readonly (string Prefix, AwsService Service)[] TargetPrefixes =
    {
        ("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.", AwsService.CloudTrail),
        ("AWSOrganizationsV20161128.", AwsService.Organizations),
        ("CloudTrail_20131101.", AwsService.CloudTrail),
        ("Logs_20140328.", AwsService.Logs),
    };

    static readonly HashSet<string> Ec2Actions = new(StringComparer.Ordinal) { "DescribeVpcEndpoints" };

    /// <summary>Returns null when nothing matches; the caller answers as the Bedrock control plane would.</summary>
    public static RouteMatch? Match(AwsRequest request)
    {
        var path = request.RawPath.Length > 1 ? request.RawPath.TrimEnd('/') : request.RawPath;
        if (request.SigningService == "s3")
            return MatchS3(request, path);
        if (path is "/" or "")
            return MatchRoot(request);

        var method = request.Method;
        var segments = path.Split('/');
        // segments[0] is "" (leading slash).
        if (segments[1] == "v1")
            return MantleRoutes.Match(method, segments);
        return segments[1] switch
        {
            "foundation-models" when method == "GET" && segments.Length == 2 => new(AwsService.Bedrock, "ListFoundationModels"),
            "foundation-models" when method == "GET" && segments.Length == 3 => new(AwsService.Bedrock, "GetFoundationModel", Label(segments[2])),
            "foundation-model-availability" when method == "GET" && segments.Length == 3 =>
                new(AwsService.Bedrock, "GetFoundationModelAvailability", Label(segments[2])),
            "list-foundation-model-agreement-offers" when method == "GET" && segments.Length == 3 =>
                new(AwsService.Bedrock, "ListFoundationModelAgreementOffers", Label(segments[2])),
            "create-foundation-model-agreement" when method == "POST" && segments.Length == 2 => new(AwsService.Bedrock, "CreateFoundationModelAgreement"),
            "delete-foundation-model-agreement" when method == "POST" && segments.Length == 2 => new(AwsService.Bedrock, "DeleteFoundationModelAgreement"),
            "use-case-for-model-access" when segments.Length == 2 && method == "POST" => new(AwsService.Bedrock, "PutUseCaseForModelAccess"),
            "use-case-for-model-access" when segments.Length == 2 && method == "GET" => new(AwsService.Bedrock, "GetUseCaseForModelAccess"),
            "logging" when segments.Length == 3 && segments[2] == "modelinvocations" => method switch
            {
                "GET" => new(AwsService.Bedrock, "GetModelInvocationLoggingConfiguration"),
                "PUT" => new(AwsService.Bedrock, "PutModelInvocationLoggingConfiguration"),
                "DELETE" => new(AwsService.Bedrock, "DeleteModelInvocationLoggingConfiguration"),
                _ => null,
            },
            "data-retention" when segments.Length == 2 => method switch
            {
                "GET" => new(AwsService.Bedrock, "GetAccountDataRetention"),
                "PUT" => new(AwsService.Bedrock, "PutAccountDataRetention"),
                _ => null,
            },
            "projects" => (method, segments.Length) switch
            {
                ("GET", 2) => new(AwsService.Bedrock, "ListProjects"),
                ("POST", 2) => new(AwsService.Bedrock, "CreateProject"),
                ("GET", 3) => new(AwsService.Bedrock, "GetProject", Label(segments[2])),
                ("POST", 3) => new(AwsService.Bedrock, "UpdateProject", Label(segments[2])),
                ("POST", 4) when segments[3] == "archive" => new(AwsService.Bedrock, "ArchiveProject", Label(segments[2])),
                _ => null,
            },
            "guardrails" when method == "GET" && segments.Length == 2 => new(AwsService.Bedrock, "ListGuardrails"),
            "guardrails" when method == "GET" && segments.Length == 3 => new(AwsService.Bedrock, "GetGuardrail", Label(segments[2])),
            "enforcedGuardrailsConfiguration" => (method, segments.Length) switch
            {
                ("GET", 2) => new(AwsService.Bedrock, "ListEnforcedGuardrailsConfiguration"),
                ("PUT", 2) => new(AwsService.Bedrock, "PutEnforcedGuardrailConfiguration"),
                ("DELETE", 3) => new(AwsService.Bedrock, "DeleteEnforcedGuardrailConfiguration", Label(segments[2])),
                _ => null,
            },
            "inference-profiles" when method == "GET" && segments.Length == 2 => new(AwsService.Bedrock, "ListInferenceProfiles"),
            "inference-profiles" when method == "GET" && segments.Length == 3 => new(AwsService.Bedrock, "GetInferenceProfile", Label(segments[2])),
            // Everything between /model/ and /converse is the label, in case a client left a '/' unescaped.
            // IAM Identity Center: the portal (SSO) and OIDC, on their own REST paths.
            "federation" when method == "GET" && segments.Length == 3 && segments[2] == "credentials" => new(AwsService.Sso, "GetRoleCredentials"),
            "token" when method == "POST" && segments.Length == 2 => new(AwsService.SsoOidc, "CreateToken"),
            "model" when method == "POST" && segments.Length >= 4 && segments[^1] == "converse" =>
                new(AwsService.BedrockRuntime, "Converse", Label(string.Join('/', segments[2..^1]))),
            _ => null,
        };
    }

    /// <summary>
    /// S3, virtual-hosted (<c>bucket.s3.region.amazonaws.com</c>, <c>bucket.localhost</c>) or path-style
    /// (<c>/bucket/key</c>): Label is the bucket, Label2 the key, the operation follows from method and sub-resource.
    /// </summary>
    static RouteMatch? MatchS3(AwsRequest request, string path)
    {
        string? bucket = S3Routes.VirtualHostedBucket(request.Host);
        string rest = path.TrimStart('/');
        if (bucket is null && rest.Length > 0)
        {
            int slash = rest.IndexOf('/');
            bucket = Label(slash < 0 ? rest : rest[..slash]);
            rest = slash < 0 ? "" : rest[(slash + 1)..];
        }
        string? key = rest.Length > 0 ? Label(rest) : null;
        return S3Routes.Match(request, bucket, key);
    }

    static RouteMatch? MatchRoot(AwsRequest request)
    {
        var target = request.Header("X-Amz-Target");
        if (target is not null)
        {
            if (request.Method != "POST") return null;
            foreach (var t in TargetPrefixes)
                if (target.StartsWith(t.Prefix, StringComparison.Ordinal)) return new(t.Service, target[t.Prefix.Length..]);
            return null;
        }
        if (request.Method is not ("POST" or "GET")) return null;

        var p = request.Parameters;
        var action = p.GetValueOrDefault("Action") ?? "";
        var version = p.GetValueOrDefault("Version");
        var service = version switch
        {
            Ec2Version => AwsService.Ec2,
            StsVersion => AwsService.Sts,
            IamVersion => AwsService.Iam,
            _ => Ec2Actions.Contains(action) ? AwsService.Ec2 : request.SigningService == "iam" ? AwsService.Iam : AwsService.Sts,
        };
        return new(service, action);
    }

    internal static string Label(string raw) => Uri.UnescapeDataString(raw);
}
