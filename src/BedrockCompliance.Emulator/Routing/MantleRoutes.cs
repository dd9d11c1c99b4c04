namespace BedrockCompliance.Emulator.Routing;

/// <summary>bedrock-mantle routes (<c>bedrock-mantle.{region}.api.aws</c>, bedrock-privacy-2026.md §1.5, §3.1).
/// Operation names are the IAM action names (<c>bedrock-mantle:*</c>), which are also the CloudTrail event names.</summary>
public static class MantleRoutes
{
    /// <summary><paramref name="segments"/> is the split path with <c>segments[1] == "v1"</c>.</summary>
    public static RouteMatch? Match(string method, string[] segments)
    {
        var rest = segments[2..];
        return (method, rest) switch
        {
            ("GET", ["data_retention"]) => new(AwsService.BedrockMantle, "GetAccountDataRetention"),
            ("PUT", ["data_retention"]) => new(AwsService.BedrockMantle, "PutAccountDataRetention"),
            ("GET", ["models"]) => new(AwsService.BedrockMantle, "ListModels"),
            ("GET", ["models", var model]) => new(AwsService.BedrockMantle, "GetModel", Router.Label(model)),
            ("GET", ["organization", "projects"]) => new(AwsService.BedrockMantle, "ListProjects"),
            ("POST", ["organization", "projects"]) => new(AwsService.BedrockMantle, "CreateProject"),
            ("GET", ["organization", "projects", var id]) => new(AwsService.BedrockMantle, "GetProject", Router.Label(id)),
            ("POST", ["organization", "projects", var id]) => new(AwsService.BedrockMantle, "UpdateProject", Router.Label(id)),
            ("POST", ["organization", "projects", var id, "archive"]) => new(AwsService.BedrockMantle, "ArchiveProject", Router.Label(id)),
            _ => null,
        };
    }
}
