using System.Text.Json.Nodes;
using BedrockCompliance.Emulator.Privacy;
using BedrockCompliance.Emulator.Protocols;
using BedrockCompliance.Emulator.State;
using static BedrockCompliance.Emulator.State.StateSnapshot;

namespace BedrockCompliance.Emulator.Services;

/// <summary>The control plane's 2026 privacy operations: account data retention and projects
/// (bedrock-privacy-2026.md §1.4, §3.2); guardrails and inference profiles are in their own handlers.</summary>
public sealed class BedrockPrivacyApi(GuardrailApi guardrails, ProfileApi profiles) : IServiceHandler
{
    public AwsResponse Handle(CallContext call) => call.Route.Operation switch
    {
        "GetAccountDataRetention" => GetRetention(call),
        "PutAccountDataRetention" => PutRetention(call),
        "ListProjects" => ListProjects(call),
        "CreateProject" => WithRegion(call, r => ProjectStore.Create(call.Account, r, JsonMembers.String(call.JsonBody(), "name"),
            ModeOf(call.JsonBody()), call.Now)),
        "GetProject" => WithRegion(call, r => ProjectStore.Find(r, call.Route.Label!)),
        "UpdateProject" => WithRegion(call, r => ProjectStore.Update(r, call.Route.Label!, JsonMembers.String(call.JsonBody(), "name"),
            ModeOf(call.JsonBody()), call.Now, exactlyOne: true)),
        "ArchiveProject" => WithRegion(call, r => ProjectStore.Archive(r, call.Route.Label!, call.Now)),
        "ListGuardrails" or "GetGuardrail" or "ListEnforcedGuardrailsConfiguration" or "PutEnforcedGuardrailConfiguration"
            or "DeleteEnforcedGuardrailConfiguration" => guardrails.Handle(call),
        "ListInferenceProfiles" or "GetInferenceProfile" => profiles.Handle(call),
        _ => throw new InvalidOperationException($"No handler for {call.Route.Operation}."),
    };

    AwsResponse GetRetention(CallContext call)
    {
        RetentionSetting setting;
        lock (call.Account.Gate) setting = call.Account.RegionLocked(call.Region, call.Now).ControlRetention;
        return AwsResponse.Json(200, Retention(setting));
    }

    AwsResponse PutRetention(CallContext call)
    {
        var mode = JsonMembers.String(call.JsonBody(), "mode");
        RetentionPolicy.RequireMode(mode, "mode");
        var setting = new RetentionSetting(mode!, call.Now);
        lock (call.Account.Gate) call.Account.RegionLocked(call.Region, call.Now).ControlRetention = setting;
        return AwsResponse.Json(200, Retention(setting));
    }

    /// <summary><c>updatedAt</c> (ISO-8601) is optional in the SDK model and omitted while the mode was never set.</summary>
    static JsonObject Retention(RetentionSetting s)
    {
        var o = new JsonObject { ["mode"] = s.Mode };
        if (s.UpdatedAt is { } t) o["updatedAt"] = Time(t);
        return o;
    }

    AwsResponse ListProjects(CallContext call)
    {
        var filter = call.Request.Query("statusFilter");
        if (filter is not null and not ("active" or "archived"))
            throw Validation.Error("ValidationException", Validation.Constraint(filter, "statusFilter", "Member must satisfy enum value set: [active, archived]"));
        List<JsonObject> all;
        lock (call.Account.Gate)
            all = ProjectStore.All(call.Account.RegionLocked(call.Region, call.Now))
                .Where(p => filter is null || p.Status == filter)
                .Select(p => Summary(call, p)).ToList();
        var (page, next) = JsonMembers.Page(all, call.Request.Query("maxResults"), call.Request.Query("nextToken"), 20, 100);
        var body = new JsonObject { ["projectSummaries"] = new JsonArray(page.Select(p => (JsonNode)p).ToArray()) };
        if (next is not null) body["nextToken"] = next;
        return AwsResponse.Json(200, body);
    }

    AwsResponse WithRegion(CallContext call, Func<RegionState, ProjectRecord> action)
    {
        ProjectRecord project;
        lock (call.Account.Gate) project = action(call.Account.RegionLocked(call.Region, call.Now));
        return AwsResponse.Json(200, Summary(call, project));
    }

    static string? ModeOf(JsonObject body) =>
        JsonMembers.Object(body, "dataRetention") is { } r ? JsonMembers.String(r, "mode") ?? throw Validation.Error("ValidationException",
            Validation.Constraint(null, "dataRetention.mode", "Member must not be null")) : null;

    static JsonObject Summary(CallContext call, ProjectRecord p)
    {
        var o = new JsonObject
        {
            ["arn"] = p.Arn(call.Region, call.Account.AccountId),
            ["createdAt"] = Time(p.CreatedAt),
            ["dataRetention"] = new JsonObject { ["mode"] = p.Retention.Mode },
            ["id"] = p.Id,
            ["name"] = p.Name,
            ["status"] = p.Status,
        };
        if (p.ArchivedAt is { } a) o["archivedAt"] = Time(a);
        return o;
    }
}
