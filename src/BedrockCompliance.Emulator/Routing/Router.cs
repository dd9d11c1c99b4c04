using BedrockCompliance.Emulator.Protocols;

namespace BedrockCompliance.Emulator.Routing;

/// <summary>Which service and operation a request addresses, and the decoded path label if any.</summary>
public sealed record RouteMatch(AwsService Service, string Operation, string? Label = null);

/// <summary>
/// Maps a request to a service operation. Bedrock routes are matched on the raw path so that
/// <c>%3A</c>/<c>%2F</c> inside a label are decoded here, once. <c>POST /</c> is shared: CloudTrail is
/// chosen by <c>X-Amz-Target</c>, STS and EC2 by the query-protocol <c>Action</c> and <c>Version</c>.
/// </summary>
public static class Router
{
    public const string CloudTrailTargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    public const string StsVersion = "2011-06-15";
    public const string Ec2Version = "2016-11-15";

    static readonly HashSet<string> Ec2Actions = new(StringComparer.Ordinal) { "DescribeVpcEndpoints" };

    /// <summary>Returns null when nothing matches; the caller answers as the Bedrock control plane would.</summary>
    public static RouteMatch? Match(AwsRequest request)
    {
        var path = request.RawPath.Length > 1 ? request.RawPath.TrimEnd('/') : request.RawPath;
        if (path is "/" or "")
            return MatchRoot(request);

        var method = request.Method;
        var segments = path.Split('/');
        // segments[0] is "" (leading slash).
        switch (segments[1])
        {
            case "foundation-models" when method == "GET" && segments.Length == 2:
                return new(AwsService.Bedrock, "ListFoundationModels");
            case "foundation-models" when method == "GET" && segments.Length == 3:
                return new(AwsService.Bedrock, "GetFoundationModel", Label(segments[2]));
            case "foundation-model-availability" when method == "GET" && segments.Length == 3:
                return new(AwsService.Bedrock, "GetFoundationModelAvailability", Label(segments[2]));
            case "list-foundation-model-agreement-offers" when method == "GET" && segments.Length == 3:
                return new(AwsService.Bedrock, "ListFoundationModelAgreementOffers", Label(segments[2]));
            case "create-foundation-model-agreement" when method == "POST" && segments.Length == 2:
                return new(AwsService.Bedrock, "CreateFoundationModelAgreement");
            case "delete-foundation-model-agreement" when method == "POST" && segments.Length == 2:
                return new(AwsService.Bedrock, "DeleteFoundationModelAgreement");
            case "use-case-for-model-access" when segments.Length == 2 && method == "POST":
                return new(AwsService.Bedrock, "PutUseCaseForModelAccess");
            case "use-case-for-model-access" when segments.Length == 2 && method == "GET":
                return new(AwsService.Bedrock, "GetUseCaseForModelAccess");
            case "logging" when segments.Length == 3 && segments[2] == "modelinvocations":
                return method switch
                {
                    "GET" => new(AwsService.Bedrock, "GetModelInvocationLoggingConfiguration"),
                    "PUT" => new(AwsService.Bedrock, "PutModelInvocationLoggingConfiguration"),
                    "DELETE" => new(AwsService.Bedrock, "DeleteModelInvocationLoggingConfiguration"),
                    _ => null,
                };
            case "model" when method == "POST" && segments.Length >= 4 && segments[^1] == "converse":
                // Everything between /model/ and /converse is the label, in case a client left a '/' unescaped.
                return new(AwsService.BedrockRuntime, "Converse", Label(string.Join('/', segments[2..^1])));
            default:
                return null;
        }
    }

    static RouteMatch? MatchRoot(AwsRequest request)
    {
        var target = request.Header("X-Amz-Target");
        if (target is not null)
        {
            return target.StartsWith(CloudTrailTargetPrefix, StringComparison.Ordinal) && request.Method == "POST"
                ? new(AwsService.CloudTrail, target[CloudTrailTargetPrefix.Length..])
                : null;
        }
        if (request.Method is not ("POST" or "GET")) return null;

        var p = request.Parameters;
        var action = p.GetValueOrDefault("Action") ?? "";
        var version = p.GetValueOrDefault("Version");
        var service = version switch
        {
            Ec2Version => AwsService.Ec2,
            StsVersion => AwsService.Sts,
            _ => Ec2Actions.Contains(action) ? AwsService.Ec2 : AwsService.Sts,
        };
        return new(service, action);
    }

    static string Label(string raw) => Uri.UnescapeDataString(raw);
}
