using BedrockCompliance.Emulator.Privacy;
using static BedrockCompliance.Emulator.State.StateSnapshot;

namespace BedrockCompliance.Emulator.Services;

/// <summary>The control plane's 2026 privacy operations: account data retention and projects
/// (bedrock-privacy-2026.md §1.4, §3.2); guardrails and inference profiles are in their own handlers.</summary>
public sealed class BedrockPrivacyApi(GuardrailApi guardrails, ProfileApi profiles) : IServiceHandler
{
    readonly RetentionProjectOperations _shared = new("dataRetention", updateTakesExactlyOne: true,
        r => r.ControlRetention, (r, s) => r.ControlRetention = s, Retention, Summary);

    public AwsResponse Handle(CallContext call) => _shared.Handle(call) ?? call.Route.Operation switch
    {
        "ListProjects" => ListProjects(call),
        "ListGuardrails" or "GetGuardrail" or "ListEnforcedGuardrailsConfiguration" or "PutEnforcedGuardrailConfiguration"
            or "DeleteEnforcedGuardrailConfiguration" => guardrails.Handle(call),
        "ListInferenceProfiles" or "GetInferenceProfile" => profiles.Handle(call),
        _ => throw new InvalidOperationException($"No handler for {call.Route.Operation}."),
    };

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
            all = ProjectStore.All(call.RegionLocked())
                .Where(p => filter is null || p.Status == filter)
                .Select(p => Summary(call, p)).ToList();
        return JsonMembers.PagedList(call, "projectSummaries", all, 20, 100);
    }

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
