using System.Net.Http;
using System.Text.Json;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// The bedrock-mantle endpoint's privacy reads (OpenAI-style snake_case JSON, epoch-second timestamps; SigV4
/// 'bedrock-mantle' or the bearer token): account retention, projects, models (bedrock-privacy-2026.md §1.5, §3.1).
/// </summary>
internal sealed class MantleClient(AwsHttpSender sender)
{
    static readonly AwsRequestOptions Protocol = new AwsRequestOptions { ErrorParser = ParseError };

    /// <summary>GET /v1/data_retention → {"mode","updated_at": epoch seconds}.</summary>
    public async Task<DataRetentionSetting> GetAccountDataRetentionAsync(CancellationToken ct)
    {
        const string op = "GetAccountDataRetention";
        var response = await Get(op, "/v1/data_retention", ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.BedrockMantle, op, response, root =>
        {
            long? at = JsonShape.OptionalLong(root, "updated_at", "");
            return DataRetentionSetting.From(JsonShape.String(root, "mode", ""), at is { } s ? DateTimeOffset.FromUnixTimeSeconds(s) : (DateTimeOffset?)null);
        });
    }

    /// <summary>
    /// GET /v1/organization/projects (pages by after/has_more). A project listed without data_retention is read
    /// with GET /v1/organization/projects/{id}, so every project's own mode is known.
    /// </summary>
    public async Task<IReadOnlyList<RetentionProject>> ListProjectsAsync(CancellationToken ct)
    {
        const string op = "ListProjects";
        var projects = new List<(RetentionProject Project, bool HasRetention)>();
        // The cursor is the last project of a page; a page that repeats it would never end.
        await AwsPaging.FollowAsync(AwsService.BedrockMantle, op, "after cursor (its last project)", async after =>
        {
            string path = "/v1/organization/projects?limit=100" + (after != null ? "&after=" + Uri.EscapeDataString(after) : "");
            var response = await Get(op, path, ct).ConfigureAwait(false);
            bool more = JsonShape.ParseResponse(AwsService.BedrockMantle, op, response, root =>
            {
                projects.AddRange(JsonShape.Objects(root, "data", "", ReadProject));
                return JsonShape.OptionalBool(root, "has_more", "") == true;
            });
            return (more && projects.Count > 0 ? projects[projects.Count - 1].Project.Id : null, response.RequestId);
        }).ConfigureAwait(false);
        var result = new List<RetentionProject>();
        foreach (var (project, hasRetention) in projects)
            result.Add(hasRetention ? project : await GetProjectAsync(project.Id, ct).ConfigureAwait(false));
        return result;
    }

    public async Task<RetentionProject> GetProjectAsync(string projectId, CancellationToken ct)
    {
        const string op = "GetProject";
        var response = await Get(op, "/v1/organization/projects/" + Uri.EscapeDataString(projectId), ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.BedrockMantle, op, response, root => ReadProject(root, "").Project);
    }

    /// <summary>GET /v1/models: each model's status under the effective mode, its allowed_modes and the deciding scope.</summary>
    public async Task<IReadOnlyList<MantleModel>> ListModelsAsync(CancellationToken ct)
    {
        const string op = "ListModels";
        var response = await Get(op, "/v1/models", ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.BedrockMantle, op, response, root =>
            JsonShape.Objects(root, "data", "", (e, p) =>
            {
                var retention = JsonShape.OptionalObject(e, "data_retention", p);
                string rp = p + "data_retention.";
                return new MantleModel(Id: JsonShape.String(e, "id", p),
                    Status: JsonShape.OptionalString(e, "status", p), StatusReason: JsonShape.OptionalString(e, "status_reason", p),
                    RetentionMode: retention is { } r ? JsonShape.OptionalString(r, "mode", rp) : null,
                    RetentionSource: retention is { } r2 ? JsonShape.OptionalString(r2, "source", rp) : null,
                    AllowedModes: retention is { } r3 ? JsonShape.StringArray(r3, "allowed_modes", rp) : Array.Empty<string>());
            }));
    }

    static (RetentionProject Project, bool HasRetention) ReadProject(JsonElement p, string path) => RetentionProject.Read(p, path, "data_retention");

    Task<AwsResponse> Get(string op, string path, CancellationToken ct) =>
        sender.SendAsync(AwsService.BedrockMantle, op, HttpMethod.Get, path, null, null, Protocol, ct);

    /// <summary>
    /// AWS-style errors (x-amzn-ErrorType, __type) as elsewhere; otherwise the OpenAI shape {"error":{"code","type","message"}}.
    /// A 403 whose code names no AWS error is a denial (AccessDeniedException), so it classifies as one.
    /// </summary>
    public static AwsServiceException ParseError(AwsService service, string operation, AwsResponse response)
    {
        var aws = AwsHttpSender.ParseRestJsonError(service, operation, response);
        if (!aws.ErrorCode.StartsWith("Http", StringComparison.Ordinal)) return aws;
        string? code = null, message = aws.ServiceMessage;
        try
        {
            using var doc = JsonDocument.Parse(response.Body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                code = Text(e, "code") ?? Text(e, "type");
                message = Text(e, "message") ?? message;
            }
        }
        catch (JsonException) { }
        if (response.StatusCode == 403 && !AwsErrorCodes.IsAccessDenied(code)) code = "AccessDeniedException";
        return code == null ? aws
            : new AwsServiceException(service.DisplayName, operation, AwsErrorCodes.Sanitize(code), message, response.StatusCode, response.RequestId);
    }

    static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
