using BedrockCompliance.Emulator.Catalog;
using static BedrockCompliance.Emulator.State.StateSnapshot;

namespace BedrockCompliance.Emulator.Services;

/// <summary>ListInferenceProfiles / GetInferenceProfile (§5.3): generated system-defined profiles plus those
/// arranged through the control API. Destination Regions are the Region fields of <c>models[].modelArn</c>.</summary>
public sealed class ProfileApi(ProfileCatalog catalog)
{
    static readonly string[] Types = { "SYSTEM_DEFINED", "APPLICATION" };

    public AwsResponse Handle(CallContext call) => call.Route.Operation switch
    {
        "ListInferenceProfiles" => List(call),
        "GetInferenceProfile" => Get(call),
        _ => throw new InvalidOperationException($"No handler for {call.Route.Operation}."),
    };

    /// <summary>The profiles visible in a Region: control-API ones replace generated ones with the same ID. Caller holds the lock.</summary>
    public IReadOnlyList<InferenceProfileRecord> Visible(RegionState region)
    {
        var added = region.InferenceProfiles;
        var system = region.SystemProfiles ? catalog.SystemProfiles(region.Region).Where(p => added.All(a => a.Id != p.Id)) : Enumerable.Empty<InferenceProfileRecord>();
        return system.Concat(added).ToList();
    }

    /// <summary>Without <c>type</c> the service lists SYSTEM_DEFINED profiles only.</summary>
    AwsResponse List(CallContext call)
    {
        var type = call.Request.Query("type");
        if (type is not null && !Types.Contains(type))
            throw Validation.Error("ValidationException", Validation.Constraint(type, "typeEquals", "Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]"));
        List<JsonObject> all;
        lock (call.Account.Gate)
            all = Visible(call.RegionLocked())
                .Where(p => p.Type == (type ?? "SYSTEM_DEFINED"))
                .Select(p => Render(call, p)).ToList();
        return JsonMembers.PagedList(call, "inferenceProfileSummaries", all, 1000, 1000);
    }

    AwsResponse Get(CallContext call)
    {
        var identifier = call.Route.Label!;
        var id = Arns.ResourceId(identifier);
        InferenceProfileRecord? profile;
        lock (call.Account.Gate) profile = Visible(call.RegionLocked()).FirstOrDefault(p => p.Id == id);
        if (profile is null)
            throw AwsException.Of("ResourceNotFoundException", 404, $"Inference profile {identifier} not found.");
        return AwsResponse.Json(200, Render(call, profile));
    }

    static JsonObject Render(CallContext call, InferenceProfileRecord p)
    {
        var kind = p.Type == "APPLICATION" ? "application-inference-profile" : "inference-profile";
        var o = new JsonObject
        {
            ["inferenceProfileName"] = p.Name,
            ["inferenceProfileArn"] = $"arn:aws:bedrock:{call.Region}:{call.Account.AccountId}:{kind}/{p.Id}",
            ["models"] = new JsonArray(p.ModelArns.Select(a => (JsonNode)new JsonObject { ["modelArn"] = a }).ToArray()),
            ["inferenceProfileId"] = p.Id,
            ["status"] = p.Status,
            ["type"] = p.Type,
            ["createdAt"] = Time(p.CreatedAt),
            ["updatedAt"] = Time(p.CreatedAt),
        };
        if (p.Description is not null) o["description"] = p.Description;
        return o;
    }
}
