using BedrockCompliance.Emulator.Privacy;

namespace BedrockCompliance.Emulator.Services;

/// <summary>
/// The account data retention and project operations that the control plane (§3.2) and mantle (§3.1) both serve
/// over the shared <see cref="ProjectStore"/>. Each service keeps its own retention setting, names the member that
/// carries a project's mode, and renders in its own dialect; listing projects differs (paging) and stays with each.
/// </summary>
/// <param name="retentionMember">The body member that carries a project's retention (<c>dataRetention</c> or <c>data_retention</c>).</param>
/// <param name="updateTakesExactlyOne">UpdateProject takes exactly one of name and mode (control plane), not either or both (mantle).</param>
/// <param name="setting">The service's own account retention setting in a Region; called under the account's lock.</param>
/// <param name="store">Replaces that setting; called under the account's lock.</param>
/// <param name="renderRetention">The service's JSON for a retention setting.</param>
/// <param name="renderProject">The service's JSON for a project.</param>
internal sealed class RetentionProjectOperations(
    string retentionMember,
    bool updateTakesExactlyOne,
    Func<RegionState, RetentionSetting> setting,
    Action<RegionState, RetentionSetting> store,
    Func<RetentionSetting, JsonObject> renderRetention,
    Func<CallContext, ProjectRecord, JsonObject> renderProject)
{
    /// <summary>The answer to a shared operation; null for an operation that is the service's own.</summary>
    public AwsResponse? Handle(CallContext call) => call.Route.Operation switch
    {
        "GetAccountDataRetention" => GetRetention(call),
        "PutAccountDataRetention" => PutRetention(call),
        "CreateProject" => Project(call, r =>
        {
            var body = call.JsonBody();
            return ProjectStore.Create(call.Account, r, JsonMembers.String(body, "name"), ModeOf(body), call.Now);
        }),
        "GetProject" => Project(call, r => ProjectStore.Find(r, call.Route.Label!)),
        "UpdateProject" => Project(call, r =>
        {
            var body = call.JsonBody();
            return ProjectStore.Update(r, call.Route.Label!, JsonMembers.String(body, "name"), ModeOf(body), call.Now,
                exactlyOne: updateTakesExactlyOne);
        }),
        "ArchiveProject" => Project(call, r => ProjectStore.Archive(r, call.Route.Label!, call.Now)),
        _ => null,
    };

    AwsResponse GetRetention(CallContext call)
    {
        RetentionSetting current;
        lock (call.Account.Gate) current = setting(call.RegionLocked());
        return AwsResponse.Json(200, renderRetention(current));
    }

    AwsResponse PutRetention(CallContext call)
    {
        var mode = JsonMembers.String(call.JsonBody(), "mode");
        RetentionPolicy.RequireMode(mode, "mode");
        var updated = new RetentionSetting(mode!, call.Now);
        lock (call.Account.Gate) store(call.RegionLocked(), updated);
        return AwsResponse.Json(200, renderRetention(updated));
    }

    AwsResponse Project(CallContext call, Func<RegionState, ProjectRecord> action)
    {
        ProjectRecord project;
        lock (call.Account.Gate) project = action(call.RegionLocked());
        return AwsResponse.Json(200, renderProject(call, project));
    }

    string? ModeOf(JsonObject body) =>
        JsonMembers.Object(body, retentionMember) is { } r ? JsonMembers.String(r, "mode") ?? throw Validation.Error("ValidationException",
            Validation.Constraint(null, retentionMember + ".mode", "Member must not be null")) : null;
}
