using System.Net.Http;
using System.Text.Json;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// The Bedrock control-plane reads behind the 2026 privacy checks (restJson1, SigV4 'bedrock' or the bearer token):
/// data retention, projects, enforced guardrails, guardrails and inference profiles (bedrock-privacy-2026.md §1.4, §2, §3.2, §5.3).
/// </summary>
internal sealed class BedrockPrivacyClient(AwsHttpSender sender)
{
    /// <summary>GET /data-retention. The SDK says updatedAt; the user guide prints updated_at, so both are read.</summary>
    public async Task<DataRetentionSetting> GetAccountDataRetentionAsync(CancellationToken ct)
    {
        const string op = "GetAccountDataRetention";
        var response = await Get(op, "/data-retention", ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.Bedrock, op, response, root => DataRetentionSetting.From(JsonShape.String(root, "mode", ""),
            JsonShape.OptionalTimestamp(root, "updatedAt", "") ?? JsonShape.OptionalTimestamp(root, "updated_at", "")));
    }

    /// <summary>GET /projects (every page), active projects only: an archived project takes no inference.</summary>
    public Task<IReadOnlyList<RetentionProject>> ListProjectsAsync(CancellationToken ct) =>
        Pages("ListProjects", "/projects?maxResults=100&statusFilter=active", "projectSummaries",
            (p, path) => RetentionProject.Read(p, path, "dataRetention").Project, ct);

    /// <summary>GET /enforcedGuardrailsConfiguration: account-level configurations only (organisation ones are not listed).</summary>
    public Task<IReadOnlyList<EnforcedGuardrailConfiguration>> ListEnforcedGuardrailsConfigurationAsync(CancellationToken ct) =>
        Pages("ListEnforcedGuardrailsConfiguration", "/enforcedGuardrailsConfiguration", "guardrailsConfig", (c, path) =>
        {
            var guarding = JsonShape.OptionalObject(c, "selectiveContentGuarding", path);
            var scope = JsonShape.OptionalObject(c, "modelEnforcement", path);
            return new EnforcedGuardrailConfiguration(
                ConfigId: JsonShape.OptionalString(c, "configId", path), GuardrailArn: JsonShape.OptionalString(c, "guardrailArn", path),
                GuardrailId: JsonShape.OptionalString(c, "guardrailId", path), GuardrailVersion: JsonShape.OptionalString(c, "guardrailVersion", path),
                SystemGuarding: guarding is { } g ? JsonShape.OptionalString(g, "system", path + "selectiveContentGuarding.") : null,
                MessagesGuarding: guarding is { } g2 ? JsonShape.OptionalString(g2, "messages", path + "selectiveContentGuarding.") : null,
                InputTags: JsonShape.OptionalString(c, "inputTags", path),
                IncludedModels: scope is { } s ? JsonShape.StringArray(s, "includedModels", path + "modelEnforcement.") : null,
                ExcludedModels: scope is { } s2 ? JsonShape.StringArray(s2, "excludedModels", path + "modelEnforcement.") : Array.Empty<string>(),
                Owner: JsonShape.OptionalString(c, "owner", path));
        }, ct, required: true);

    /// <summary>GET /guardrails (every page): each guardrail's DRAFT entry as the API lists it.</summary>
    public Task<IReadOnlyList<GuardrailSummary>> ListGuardrailsAsync(CancellationToken ct) =>
        Pages("ListGuardrails", "/guardrails?maxResults=1000", "guardrails", (g, path) => new GuardrailSummary(JsonShape.String(g, "id", path),
            JsonShape.OptionalString(g, "arn", path), JsonShape.OptionalString(g, "name", path), JsonShape.OptionalString(g, "version", path),
            JsonShape.OptionalString(g, "status", path)), ct, required: true);

    /// <summary>GET /guardrails/{id}?guardrailVersion= (null version: DRAFT).</summary>
    public async Task<GuardrailDetail> GetGuardrailAsync(string guardrailIdentifier, string? version, CancellationToken ct)
    {
        const string op = "GetGuardrail";
        string path = "/guardrails/" + Uri.EscapeDataString(guardrailIdentifier) + (version != null ? "?guardrailVersion=" + Uri.EscapeDataString(version) : "");
        var response = await Get(op, path, ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.Bedrock, op, response, root =>
        {
            var content = JsonShape.OptionalObject(root, "contentPolicy", "");
            var sensitive = JsonShape.OptionalObject(root, "sensitiveInformationPolicy", "");
            return new GuardrailDetail(JsonShape.String(root, "guardrailId", ""), JsonShape.OptionalString(root, "guardrailArn", ""),
                JsonShape.OptionalString(root, "name", ""), JsonShape.OptionalString(root, "version", ""), JsonShape.OptionalString(root, "status", ""),
                ContentFilters: content is { } c
                    ? JsonShape.Objects(c, "filters", "contentPolicy.", (f, p) => new GuardrailContentFilter(JsonShape.String(f, "type", p),
                        JsonShape.OptionalString(f, "inputStrength", p), JsonShape.OptionalString(f, "outputStrength", p), JsonShape.OptionalBool(f, "inputEnabled", p)), required: false)
                    : new List<GuardrailContentFilter>(),
                HasSensitiveInformationPolicy: sensitive != null,
                PiiEntities: sensitive is { } s
                    ? JsonShape.Objects(s, "piiEntities", "sensitiveInformationPolicy.", (e, p) => JsonShape.String(e, "type", p), required: false)
                    : new List<string>(),
                Regexes: sensitive is { } s2
                    ? JsonShape.Objects(s2, "regexes", "sensitiveInformationPolicy.", (e, p) => JsonShape.OptionalString(e, "name", p) ?? "(unnamed)", required: false)
                    : new List<string>());
        });
    }

    /// <summary>GET /inference-profiles?type= (every page); summaries carry models[] with the destination ARNs.</summary>
    public Task<IReadOnlyList<InferenceProfile>> ListInferenceProfilesAsync(string? type, CancellationToken ct) =>
        Pages("ListInferenceProfiles", "/inference-profiles?maxResults=1000" + (type != null ? "&type=" + Uri.EscapeDataString(type) : ""),
            "inferenceProfileSummaries", ReadProfile, ct);

    /// <summary>GET /inference-profiles/{id}.</summary>
    public async Task<InferenceProfile> GetInferenceProfileAsync(string identifier, CancellationToken ct)
    {
        const string op = "GetInferenceProfile";
        var response = await Get(op, "/inference-profiles/" + Uri.EscapeDataString(identifier), ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.Bedrock, op, response, root => ReadProfile(root, ""));
    }

    static InferenceProfile ReadProfile(JsonElement p, string path) => new InferenceProfile(Id: JsonShape.String(p, "inferenceProfileId", path),
        Arn: JsonShape.OptionalString(p, "inferenceProfileArn", path), Name: JsonShape.OptionalString(p, "inferenceProfileName", path),
        Type: JsonShape.OptionalString(p, "type", path), Status: JsonShape.OptionalString(p, "status", path),
        ModelArns: JsonShape.Objects(p, "models", path, (m, mp) => JsonShape.String(m, "modelArn", mp), required: false));

    Task<AwsResponse> Get(string op, string path, CancellationToken ct) =>
        sender.SendAsync(AwsService.Bedrock, op, HttpMethod.Get, path, null, null, ct);

    /// <summary>Every page of a listing that follows nextToken.</summary>
    async Task<IReadOnlyList<T>> Pages<T>(string op, string path, string member, Func<JsonElement, string, T> read, CancellationToken ct, bool required = false)
    {
        var items = new List<T>();
        await AwsPaging.FollowAsync(AwsService.Bedrock, op, "nextToken", async token =>
        {
            string url = token == null ? path : path + (path.Contains("?") ? "&" : "?") + "nextToken=" + Uri.EscapeDataString(token);
            var response = await Get(op, url, ct).ConfigureAwait(false);
            return (JsonShape.ParseResponse(AwsService.Bedrock, op, response, root =>
            {
                items.AddRange(JsonShape.Objects(root, member, "", read, required));
                return JsonShape.OptionalString(root, "nextToken", "");
            }), response.RequestId);
        }).ConfigureAwait(false);
        return items;
    }
}
