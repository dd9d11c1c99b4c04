namespace BedrockCompliance.Emulator.Services;

/// <summary>CloudWatch Logs DescribeLogGroups (JSON 1.1, <c>X-Amz-Target: Logs_20140328.DescribeLogGroups</c>):
/// the invocation-log group's KMS key (<c>kmsKeyId</c>).</summary>
public sealed class LogsService : IServiceHandler
{
    public AwsResponse Handle(CallContext call) => call.Route.Operation switch
    {
        "DescribeLogGroups" => Describe(call),
        _ => throw AwsException.Of("UnknownOperationException", 400, $"Operation {call.Route.Operation} is not supported."),
    };

    AwsResponse Describe(CallContext call)
    {
        var body = call.JsonBody();
        var prefix = JsonMembers.String(body, "logGroupNamePrefix");
        var pattern = JsonMembers.String(body, "logGroupNamePattern");
        if (prefix is not null && pattern is not null)
            throw AwsException.Of("InvalidParameterException", 400, "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        var limit = 50;
        if (body["limit"] is { } l && (!l.AsValue().TryGetValue(out limit) || limit is < 1 or > 50))
            throw AwsException.Of("InvalidParameterException", 400, "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 1 and 50");
        List<LogGroupRecord> groups;
        lock (call.Account.Gate)
            groups = call.RegionLocked().LogGroups
                .Where(g => (prefix is null || g.Name.StartsWith(prefix, StringComparison.Ordinal))
                            && (pattern is null || g.Name.Contains(pattern, StringComparison.OrdinalIgnoreCase)))
                .OrderBy(g => g.Name, StringComparer.Ordinal).ToList();
        var (page, next) = JsonMembers.Page(groups, limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonMembers.String(body, "nextToken"), 50, 50);
        var result = new JsonObject
        {
            ["logGroups"] = new JsonArray(page.Select(g => (JsonNode)Render(call, g)).ToArray()),
        };
        if (next is not null) result["nextToken"] = next;
        return AwsResponse.Json(200, result, AwsResponse.Json11ContentType);
    }

    static JsonObject Render(CallContext call, LogGroupRecord g)
    {
        var arn = $"arn:aws:logs:{call.Region}:{call.Account.AccountId}:log-group:{g.Name}";
        var o = new JsonObject
        {
            ["logGroupName"] = g.Name,
            ["creationTime"] = g.CreatedAt.ToUnixTimeMilliseconds(),
            ["metricFilterCount"] = 0,
            ["arn"] = arn + ":*",
            ["storedBytes"] = 0,
            ["logGroupClass"] = "STANDARD",
            ["logGroupArn"] = arn,
        };
        if (g.RetentionInDays is { } days) o["retentionInDays"] = days;
        if (g.KmsKeyId is not null) o["kmsKeyId"] = g.KmsKeyId;
        return o;
    }
}
