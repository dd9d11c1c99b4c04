using static BedrockCompliance.Emulator.State.StateSnapshot;

namespace BedrockCompliance.Emulator.Services;

/// <summary>ListGuardrails / GetGuardrail over guardrails arranged through the control API, and the
/// account-level enforced guardrail configuration (bedrock-privacy-2026.md §2.2, §2.5). Organization-level
/// enforcement (Organizations BEDROCK_POLICY) is not modelled.</summary>
public sealed class GuardrailApi
{
    public const string Draft = "DRAFT";

    public AwsResponse Handle(CallContext call) => call.Route.Operation switch
    {
        "ListGuardrails" => List(call),
        "GetGuardrail" => Get(call),
        "ListEnforcedGuardrailsConfiguration" => ListEnforced(call),
        "PutEnforcedGuardrailConfiguration" => PutEnforced(call),
        "DeleteEnforcedGuardrailConfiguration" => DeleteEnforced(call),
        _ => throw new InvalidOperationException($"No handler for {call.Route.Operation}."),
    };

    public static string Arn(string region, string accountId, string id) => $"arn:aws:bedrock:{region}:{accountId}:guardrail/{id}";

    /// <summary>Without an identifier: every guardrail's DRAFT; with one: its DRAFT and its published version (AWS's listing rule).</summary>
    AwsResponse List(CallContext call)
    {
        var identifier = call.Request.Query("guardrailIdentifier");
        var summaries = new List<JsonObject>();
        lock (call.Account.Gate)
        {
            var region = call.RegionLocked();
            if (identifier is null)
                summaries.AddRange(region.Guardrails.Select(g => Summary(call, g, Draft)));
            else
            {
                var g = Find(region, identifier);
                summaries.Add(Summary(call, g, Draft));
                if (g.Version != Draft) summaries.Add(Summary(call, g, g.Version));
            }
        }
        return JsonMembers.PagedList(call, "guardrails", summaries, 20, 1000);
    }

    AwsResponse Get(CallContext call)
    {
        var version = call.Request.Query("guardrailVersion") ?? Draft;
        JsonObject body;
        lock (call.Account.Gate)
        {
            var g = Find(call.RegionLocked(), call.Route.Label!);
            if (version != Draft && version != g.Version)
                throw AwsException.Of("ResourceNotFoundException", 404, $"Guardrail {g.Id} has no version {version}.");
            body = (JsonObject)g.Body.DeepClone();
            body["guardrailId"] = g.Id;
            body["guardrailArn"] = Arn(call.Region, call.Account.AccountId, g.Id);
            body["version"] = version;
        }
        return AwsResponse.Json(200, body);
    }

    static JsonObject Summary(CallContext call, GuardrailRecord g, string version)
    {
        var o = new JsonObject
        {
            ["id"] = g.Id,
            ["arn"] = Arn(call.Region, call.Account.AccountId, g.Id),
            ["status"] = g.Body["status"]?.DeepClone(),
            ["name"] = g.Body["name"]?.DeepClone(),
            ["version"] = version,
            ["createdAt"] = g.Body["createdAt"]?.DeepClone(),
            ["updatedAt"] = g.Body["updatedAt"]?.DeepClone(),
        };
        if (g.Body["description"] is { } d) o["description"] = d.DeepClone();
        return o;
    }

    /// <summary>Accepts a guardrail ID or ARN. Caller holds the lock.</summary>
    public static GuardrailRecord Find(RegionState region, string identifier)
    {
        var id = Arns.ResourceId(identifier);
        return region.Guardrails.FirstOrDefault(g => g.Id == id)
            ?? throw AwsException.Of("ResourceNotFoundException", 404, $"The guardrail {identifier} was not found.");
    }

    AwsResponse ListEnforced(CallContext call)
    {
        JsonArray list;
        lock (call.Account.Gate)
            list = new JsonArray(call.RegionLocked().EnforcedGuardrails.Select(e => (JsonNode)Enforced(e)).ToArray());
        return AwsResponse.Json(200, new JsonObject { ["guardrailsConfig"] = list });
    }

    public static JsonObject Enforced(EnforcedGuardrailRecord e)
    {
        var o = new JsonObject
        {
            ["configId"] = e.ConfigId,
            ["guardrailArn"] = e.GuardrailArn,
            ["guardrailId"] = e.GuardrailId,
            ["guardrailVersion"] = e.GuardrailVersion,
            ["createdAt"] = Time(e.CreatedAt),
            ["createdBy"] = e.CreatedBy,
            ["updatedAt"] = Time(e.UpdatedAt),
            ["updatedBy"] = e.UpdatedBy,
            ["owner"] = "ACCOUNT",
        };
        if (e.InputTags is not null) o["inputTags"] = e.InputTags;
        if (e.SelectiveContentGuarding is not null) o["selectiveContentGuarding"] = e.SelectiveContentGuarding.DeepClone();
        if (e.ModelEnforcement is not null) o["modelEnforcement"] = e.ModelEnforcement.DeepClone();
        return o;
    }

    AwsResponse PutEnforced(CallContext call)
    {
        var body = call.JsonBody();
        var configId = JsonMembers.String(body, "configId");
        var config = JsonMembers.Object(body, "guardrailInferenceConfig")
            ?? throw Validation.Error("ValidationException", Validation.Constraint(null, "guardrailInferenceConfig", "Member must not be null"));
        EnforcedGuardrailRecord record;
        lock (call.Account.Gate)
        {
            var region = call.RegionLocked();
            var existing = configId is null ? null : region.EnforcedGuardrails.FirstOrDefault(e => e.ConfigId == configId)
                ?? throw AwsException.Of("ResourceNotFoundException", 404, $"Enforced guardrail configuration {configId} was not found.");
            // Validation first, then the one-per-Region conflict.
            record = Build(call.Account, region, config, existing?.ConfigId, existing?.CreatedAt, existing?.CreatedBy, call.Now, call.Principal.Arn);
            if (existing is null && region.EnforcedGuardrails.Count > 0)
                throw AwsException.Of("ConflictException", 400, "An enforced guardrail configuration already exists in this Region. Specify its configId to update it.");
            region.EnforcedGuardrails.RemoveAll(e => e.ConfigId == record.ConfigId);
            region.EnforcedGuardrails.Add(record);
        }
        return AwsResponse.Json(200, new JsonObject
        {
            ["configId"] = record.ConfigId,
            ["updatedAt"] = Time(record.UpdatedAt),
            ["updatedBy"] = record.UpdatedBy,
        });
    }

    /// <summary>Validates a guardrailInferenceConfig (§2.2) against the Region's guardrails. Caller holds the lock.</summary>
    public static EnforcedGuardrailRecord Build(AccountState account, RegionState region, JsonObject config, string? configId,
        DateTimeOffset? createdAt, string? createdBy, DateTimeOffset now, string by)
    {
        var identifier = JsonMembers.String(config, "guardrailIdentifier")
            ?? throw Validation.Error("ValidationException", Validation.Constraint(null, "guardrailInferenceConfig.guardrailIdentifier", "Member must not be null"));
        var version = JsonMembers.String(config, "guardrailVersion");
        if (version is null || !version.All(char.IsAsciiDigit) || version.Length is < 1 or > 8)
            throw Validation.Error("ValidationException", Validation.Constraint(version, "guardrailInferenceConfig.guardrailVersion",
                "Member must satisfy regular expression pattern: ^[1-9][0-9]{0,7}$"));
        var guardrail = Find(region, identifier);
        if (JsonMembers.Object(config, "modelEnforcement") is { } me && (me["includedModels"] is not JsonArray || me["excludedModels"] is not JsonArray))
            throw Validation.Error("ValidationException", "modelEnforcement requires both includedModels and excludedModels.");
        return new EnforcedGuardrailRecord(
            configId ?? account.StableId("", $"{region.Region}|enforced|{now.ToUnixTimeMilliseconds()}|{region.EnforcedGuardrails.Count}")[..12],
            guardrail.Id, Arn(region.Region, account.AccountId, guardrail.Id), version,
            (JsonObject?)config["selectiveContentGuarding"]?.DeepClone(), (JsonObject?)config["modelEnforcement"]?.DeepClone(),
            JsonMembers.String(config, "inputTags"), createdAt ?? now, createdBy ?? by, now, by);
    }

    AwsResponse DeleteEnforced(CallContext call)
    {
        lock (call.Account.Gate)
        {
            var removed = call.RegionLocked().EnforcedGuardrails.RemoveAll(e => e.ConfigId == call.Route.Label);
            if (removed == 0)
                throw AwsException.Of("ResourceNotFoundException", 404, $"Enforced guardrail configuration {call.Route.Label} was not found.");
        }
        return AwsResponse.Json(200, new JsonObject());
    }
}
