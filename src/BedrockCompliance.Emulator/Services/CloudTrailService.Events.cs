using System.Text;
using System.Text.Json;

namespace BedrockCompliance.Emulator.Services;

/// <summary>
/// Event history: the dispatcher hands every Bedrock (control plane, runtime, mantle) call it served here, the changes
/// and the invocations become management events of the account and Region, and LookupEvents answers from them in the
/// JSON 1.1 shapes of the 2013-11-01 model (reference §7.2): one lookup attribute at most, 50 results a page, the last
/// 90 days, newest first, an opaque NextToken bound to its query.
/// </summary>
public sealed partial class CloudTrailService
{
    public const int MaxResultsLimit = 50;
    public static readonly TimeSpan History = TimeSpan.FromDays(90);
    static readonly string[] AttributeKeys = { "EventId", "EventName", "ReadOnly", "Username", "ResourceType", "ResourceName", "EventSource", "AccessKeyId" };

    /// <summary>Records a served call as CloudTrail would (failed calls carry errorCode); reads are not recorded, invocations are.</summary>
    public static void Record(CallContext call, string? errorCode = null, string? errorMessage = null)
    {
        var service = call.Route.Service;
        if (service is not (AwsService.Bedrock or AwsService.BedrockRuntime or AwsService.BedrockMantle)) return;
        string op = call.Route.Operation;
        bool readOnly = op.StartsWith("Get", StringComparison.Ordinal) || op.StartsWith("List", StringComparison.Ordinal);
        if (readOnly && service != AwsService.BedrockRuntime) return; // bounded memory: reads are not what an audit asks about
        string? modelId = ModelIdOf(call);
        var p = call.Principal;
        var identity = new JsonObject
        {
            ["type"] = p.IsAssumedRole ? "AssumedRole" : "IAMUser",
            ["principalId"] = p.UserId,
            ["arn"] = p.Arn,
            ["accountId"] = p.AccountId,
        };
        if (p.AccessKeyId != null) identity["accessKeyId"] = p.AccessKeyId;
        if (p.IsAssumedRole)
        {
            // arn:aws:sts::<account>:assumed-role/<role>/<session>
            var parts = p.Arn.Split('/');
            if (parts.Length >= 3)
                identity["sessionContext"] = new JsonObject
                {
                    ["sessionIssuer"] = new JsonObject { ["type"] = "Role", ["arn"] = Arns.IamRole(p.AccountId, parts[1]), ["accountId"] = p.AccountId, ["userName"] = parts[1] },
                };
        }
        else identity["userName"] = p.Arn[(p.Arn.LastIndexOf('/') + 1)..];
        bool bearer = call.Request.Header("Authorization")?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true;
        var additional = bearer ? new JsonObject { ["callWithBearerToken"] = true } : null;
        JsonNode? parameters = op == "PutUseCaseForModelAccess" || modelId == null ? null : new JsonObject { ["modelId"] = modelId };
        JsonNode? response = errorCode == null && op == "CreateFoundationModelAgreement" && modelId != null ? new JsonObject { ["modelId"] = modelId } : null;
        string eventId = Guid.NewGuid().ToString();
        string source = service == AwsService.BedrockMantle ? "bedrock-mantle.amazonaws.com" : "bedrock.amazonaws.com";
        string username = p.IsAssumedRole ? p.Arn[(p.Arn.LastIndexOf('/') + 1)..] : (string)identity["userName"]!;
        string raw = CloudTrailEvents.Render(identity, call.Now, source, op, call.Region, call.Request.Header("User-Agent"), parameters, response,
            call.RequestId, eventId, readOnly, call.Account.AccountId, errorCode, errorMessage, additional);
        CloudTrailEvents.Add(call.Account, call.Region,
            new CloudTrailEventRecord(eventId, op, source, call.Now, readOnly, p.AccessKeyId, username, modelId, raw));
    }

    static string? ModelIdOf(CallContext call)
    {
        if (call.Request.Body.Length > 0 && call.Request.Body[0] == (byte)'{')
        {
            try
            {
                if (JsonNode.Parse(call.Request.Body) is JsonObject o && o["modelId"] is JsonValue v && v.TryGetValue(out string? id)) return id;
            }
            catch (JsonException) { /* the handler reported it */ }
        }
        return call.Route.Service == AwsService.BedrockRuntime || call.Route.Operation.Contains("FoundationModel", StringComparison.Ordinal) ? call.Route.Label : null;
    }

    AwsResponse LookupEvents(CallContext call)
    {
        var body = call.JsonBody();
        string? key = null, value = null;
        if (body["LookupAttributes"] is JsonArray attributes && attributes.Count > 0)
        {
            if (attributes.Count > 1)
                throw AwsException.Of("InvalidLookupAttributesException", 400, "You cannot specify more than one lookup attribute.");
            key = (string?)attributes[0]?["AttributeKey"];
            value = (string?)attributes[0]?["AttributeValue"];
            if (key == null || !AttributeKeys.Contains(key, StringComparer.Ordinal) || string.IsNullOrEmpty(value))
                throw AwsException.Of("InvalidLookupAttributesException", 400, $"The lookup attribute key '{key}' or its value is not valid. Valid keys: {string.Join(", ", AttributeKeys)}.");
        }
        int max = MaxResultsLimit;
        if (body["MaxResults"] is JsonValue m)
        {
            max = m.GetValue<int>();
            if (max < 1 || max > MaxResultsLimit) throw AwsException.Of("InvalidMaxResultsException", 400, "MaxResults must be between 1 and 50.");
        }
        var oldest = call.Now - History;
        var start = Epoch(body["StartTime"]) ?? oldest;
        var end = Epoch(body["EndTime"]) ?? call.Now;
        if (start > end) throw AwsException.Of("InvalidTimeRangeException", 400, "Start time must be before end time.");
        if (start < oldest) start = oldest; // event history holds 90 days
        bool insight = string.Equals((string?)body["EventCategory"], "insight", StringComparison.OrdinalIgnoreCase);

        // The token is bound to the query as sent (an absent time means "now" at each call, so the raw values are used).
        string query = $"{key}={value}|{body["StartTime"]?.ToJsonString()}|{body["EndTime"]?.ToJsonString()}|{insight}";
        int offset = 0;
        if (body["NextToken"] is JsonValue t && (string?)t is { Length: > 0 } token) offset = ReadToken(token, query);

        var matching = insight ? new List<CloudTrailEventRecord>() : CloudTrailEvents.NewestFirst(call.Account, call.Region)
            .Where(e => e.EventTime >= start && e.EventTime <= end && Matches(e, key, value)).ToList();
        var events = new JsonArray();
        foreach (var e in matching.Skip(offset).Take(max))
        {
            var item = new JsonObject
            {
                ["EventId"] = e.EventId,
                ["EventName"] = e.EventName,
                ["ReadOnly"] = e.ReadOnly ? "true" : "false", // a string in the service model
                ["EventTime"] = e.EventTime.ToUnixTimeMilliseconds() / 1000.0,
                ["EventSource"] = e.EventSource,
                ["Username"] = e.Username,
                ["Resources"] = e.ModelId == null ? new JsonArray() : new JsonArray(new JsonObject { ["ResourceType"] = "AWS::Bedrock::FoundationModel", ["ResourceName"] = e.ModelId }),
                ["CloudTrailEvent"] = e.CloudTrailEvent,
            };
            if (e.AccessKeyId != null) item["AccessKeyId"] = e.AccessKeyId;
            events.Add(item);
        }
        var result = new JsonObject { ["Events"] = events };
        if (offset + max < matching.Count) result["NextToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{offset + max}|{query}"));
        return Json(result);
    }

    static bool Matches(CloudTrailEventRecord e, string? key, string? value) => key switch
    {
        null => true,
        "EventId" => e.EventId == value,
        "EventName" => e.EventName == value,
        "ReadOnly" => string.Equals(e.ReadOnly ? "true" : "false", value, StringComparison.OrdinalIgnoreCase),
        "Username" => e.Username == value,
        "ResourceName" => e.ModelId == value,
        "ResourceType" => e.ModelId != null && value == "AWS::Bedrock::FoundationModel",
        "EventSource" => e.EventSource == value,
        "AccessKeyId" => e.AccessKeyId == value,
        _ => false,
    };

    static int ReadToken(string token, string query)
    {
        try
        {
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            int bar = text.IndexOf('|');
            if (bar > 0 && text[(bar + 1)..] == query && int.TryParse(text[..bar], out int offset) && offset >= 0) return offset;
        }
        catch (FormatException) { /* falls through */ }
        throw AwsException.Of("InvalidNextTokenException", 400, "Invalid NextToken. The token does not belong to this query or is malformed.");
    }

    static DateTimeOffset? Epoch(JsonNode? node)
    {
        if (node is not JsonValue v) return null;
        if (v.TryGetValue(out double seconds)) return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        if (v.TryGetValue(out string? s) && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var d)) return d;
        throw AwsException.Of("SerializationException", 400, "StartTime and EndTime are timestamps (epoch seconds).");
    }
}
