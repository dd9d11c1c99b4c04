using System.Text.Json;

namespace BedrockCompliance.Emulator.Services;

/// <summary>CloudTrail (AWS JSON 1.1, <c>X-Amz-Target</c>): DescribeTrails, GetTrailStatus and
/// GetEventSelectors over the account's trails. Member names follow the 2013-11-01 service model
/// (request members of DescribeTrails are camelCase, everything else PascalCase); timestamps are
/// epoch seconds as the JSON protocols serialise them.</summary>
public sealed partial class CloudTrailService : IServiceHandler
{
    public AwsResponse Handle(CallContext call) => call.Route.Operation switch
    {
        "DescribeTrails" => DescribeTrails(call),
        "GetTrailStatus" => GetTrailStatus(call),
        "GetEventSelectors" => GetEventSelectors(call),
        "LookupEvents" => LookupEvents(call),
        _ => throw AwsException.Of("UnknownOperationException", 400, ""),
    };

    AwsResponse DescribeTrails(CallContext call)
    {
        var body = call.JsonBody();
        var includeShadow = body["includeShadowTrails"] is not JsonValue v || v.GetValueKind() != JsonValueKind.False;
        var names = body["trailNameList"] is JsonArray a ? a.Select(n => (string?)n).OfType<string>().ToHashSet(StringComparer.Ordinal) : null;
        var list = new JsonArray();
        foreach (var trail in Trails(call))
        {
            var home = trail.HomeRegion == call.Region;
            if (!home && !(includeShadow && trail.IsMultiRegionTrail)) continue;
            var arn = trail.Arn(call.Account.AccountId);
            // A name matches only trails of the current region; other regions' trails need the ARN.
            if (names is { Count: > 0 } && !names.Contains(arn) && !(home && names.Contains(trail.Name))) continue;
            list.Add(new JsonObject
            {
                ["Name"] = trail.Name,
                ["S3BucketName"] = trail.S3BucketName,
                ["IncludeGlobalServiceEvents"] = trail.IsMultiRegionTrail,
                ["IsMultiRegionTrail"] = trail.IsMultiRegionTrail,
                ["HomeRegion"] = trail.HomeRegion,
                ["TrailARN"] = arn,
                ["LogFileValidationEnabled"] = true,
                ["HasCustomEventSelectors"] = !trail.IncludeManagementEvents || trail.ReadWriteType != "All",
                ["HasInsightSelectors"] = false,
                ["IsOrganizationTrail"] = trail.IsOrganizationTrail,
            });
        }
        return Json(new JsonObject { ["trailList"] = list });
    }

    AwsResponse GetTrailStatus(CallContext call)
    {
        var trail = FindTrail(call, (string?)call.JsonBody()["Name"], "Name");
        var started = call.Now.AddDays(-30).ToUnixTimeMilliseconds() / 1000.0;
        var status = new JsonObject { ["IsLogging"] = trail.IsLogging };
        if (trail.IsLogging)
        {
            status["StartLoggingTime"] = started;
            status["LatestDeliveryTime"] = call.Now.AddMinutes(-5).ToUnixTimeMilliseconds() / 1000.0;
        }
        else
        {
            status["StartLoggingTime"] = started;
            status["StopLoggingTime"] = call.Now.AddDays(-1).ToUnixTimeMilliseconds() / 1000.0;
        }
        return Json(status);
    }

    AwsResponse GetEventSelectors(CallContext call)
    {
        var trail = FindTrail(call, (string?)call.JsonBody()["TrailName"], "TrailName");
        return Json(new JsonObject
        {
            ["TrailARN"] = trail.Arn(call.Account.AccountId),
            ["EventSelectors"] = new JsonArray(new JsonObject
            {
                ["ReadWriteType"] = trail.ReadWriteType,
                ["IncludeManagementEvents"] = trail.IncludeManagementEvents,
                ["DataResources"] = new JsonArray(),
                ["ExcludeManagementEventSources"] = new JsonArray(),
            }),
        });
    }

    static TrailRecord FindTrail(CallContext call, string? nameOrArn, string member)
    {
        if (string.IsNullOrEmpty(nameOrArn))
            throw Validation.Error("InvalidTrailNameException", "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods (.), hyphens (-), and underscores (_).");
        foreach (var trail in Trails(call))
        {
            if (trail.Arn(call.Account.AccountId) == nameOrArn) return trail;
            if (trail.Name == nameOrArn && trail.HomeRegion == call.Region) return trail;
        }
        throw AwsException.Of("TrailNotFoundException", 400, $"Unknown trail: {nameOrArn} for the user: {call.Account.AccountId}");
    }

    static List<TrailRecord> Trails(CallContext call)
    {
        lock (call.Account.Gate) return call.Account.Trails.ToList();
    }

    static AwsResponse Json(JsonObject body) => AwsResponse.Json(200, body, AwsResponse.Json11ContentType);
}
