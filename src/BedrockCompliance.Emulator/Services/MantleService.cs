using BedrockCompliance.Emulator.Catalog;
using BedrockCompliance.Emulator.Privacy;

namespace BedrockCompliance.Emulator.Services;

/// <summary>
/// bedrock-mantle (OpenAI-compatible, <c>bedrock-mantle.{region}.api.aws</c>): account data retention,
/// models with their retention status, and projects (bedrock-privacy-2026.md §1.5, §3.1). snake_case,
/// epoch-second timestamps, OpenAI list envelopes. The mantle account mode is its own setting; projects are
/// shared with the control plane. A request picks its project with the <c>OpenAI-Project</c> header
/// (default: the default project).
/// </summary>
public sealed class MantleService(ModelCatalog catalog, RetentionPolicy policy) : IServiceHandler
{
    /// <summary>Model <c>created</c> value of the doc example; the real per-model value is not known.</summary>
    const long ModelCreated = 1733443200;

    readonly RetentionProjectOperations _shared = new("data_retention", updateTakesExactlyOne: false,
        r => r.MantleRetention, (r, s) => r.MantleRetention = s, Retention, (_, p) => Project(p));

    public AwsResponse Handle(CallContext call) => _shared.Handle(call) ?? call.Route.Operation switch
    {
        "ListModels" => ListModels(call),
        "GetModel" => GetModel(call),
        "ListProjects" => ListProjects(call),
        _ => throw new InvalidOperationException($"No handler for {call.Route.Operation}."),
    };

    static JsonObject Retention(RetentionSetting s) => new()
    {
        ["mode"] = s.Mode,
        ["updated_at"] = s.UpdatedAt?.ToUnixTimeSeconds(),
    };

    AwsResponse ListModels(CallContext call)
    {
        JsonArray data;
        lock (call.Account.Gate)
        {
            var (region, project) = Scope(call);
            // The Region's models, as ListFoundationModels lists them there.
            data = new JsonArray(catalog.InRegion(call.Region).Select(m => (JsonNode)Model(call, region, m.ModelId, project)).ToArray());
        }
        return AwsResponse.Json(200, new JsonObject { ["object"] = "list", ["data"] = data });
    }

    AwsResponse GetModel(CallContext call)
    {
        var model = catalog.Find(call.Route.Label!)
            ?? throw AwsException.Of("ResourceNotFoundException", 404, $"The model '{call.Route.Label}' does not exist.");
        JsonObject body;
        lock (call.Account.Gate)
        {
            var (region, project) = Scope(call);
            body = Model(call, region, model.ModelId, project);
        }
        return AwsResponse.Json(200, body);
    }

    /// <summary>The Region and the project the request names (<c>OpenAI-Project</c>). Caller holds the lock.</summary>
    static (RegionState Region, string? Project) Scope(CallContext call)
    {
        var region = call.RegionLocked();
        var project = call.Request.Header("OpenAI-Project");
        if (project is not null) ProjectStore.Find(region, project);
        return (region, project);
    }

    JsonObject Model(CallContext call, RegionState region, string modelId, string? project)
    {
        var status = policy.Status(call.Account, region, modelId, project, mantle: true);
        var o = new JsonObject
        {
            ["id"] = modelId,
            ["object"] = "model",
            ["created"] = ModelCreated,
            ["owned_by"] = "system",
            ["status"] = status.Available ? "available" : "unavailable",
        };
        if (status.Reason is { } reason) o["status_reason"] = reason;
        o["data_retention"] = new JsonObject
        {
            ["mode"] = status.Mode,
            ["source"] = status.Source,
            ["allowed_modes"] = new JsonArray(status.AllowedModes.Select(m => (JsonNode)m).ToArray()),
        };
        return o;
    }

    /// <summary>OpenAI-style cursor paging: <c>limit</c> (1-100, default 20) and <c>after</c> (a project ID).</summary>
    AwsResponse ListProjects(CallContext call)
    {
        var limitText = call.Request.Query("limit");
        var limit = 20;
        if (limitText is not null && (!int.TryParse(limitText, out limit) || limit is < 1 or > 100))
            throw Validation.Error("ValidationException", Validation.Constraint(limitText, "limit", "Member must have value between 1 and 100"));
        var after = call.Request.Query("after");
        var includeArchived = call.Request.Query("include_archived") == "true";
        List<JsonObject> all;
        lock (call.Account.Gate)
            all = ProjectStore.All(call.RegionLocked())
                .Where(p => includeArchived || p.ArchivedAt is null).Select(Project).ToList();
        var start = after is null ? 0 : all.FindIndex(p => (string)p["id"]! == after) + 1;
        if (after is not null && start == 0)
            throw Validation.Error("ValidationException", $"Unknown cursor '{after}'.");
        var page = all.Skip(start).Take(limit).ToList();
        return AwsResponse.Json(200, new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(page.Select(p => (JsonNode)p).ToArray()),
            ["first_id"] = page.Count > 0 ? (string?)page[0]["id"] : null,
            ["last_id"] = page.Count > 0 ? (string?)page[^1]["id"] : null,
            ["has_more"] = start + page.Count < all.Count,
        });
    }

    static JsonObject Project(ProjectRecord p) => new()
    {
        ["id"] = p.Id,
        ["object"] = "organization.project",
        ["name"] = p.Name,
        ["created_at"] = p.CreatedAt.ToUnixTimeSeconds(),
        ["archived_at"] = p.ArchivedAt?.ToUnixTimeSeconds(),
        ["status"] = p.Status,
        ["data_retention"] = new JsonObject { ["mode"] = p.Retention.Mode },
    };
}
