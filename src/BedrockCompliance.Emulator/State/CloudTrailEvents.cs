using System.Runtime.CompilerServices;

namespace BedrockCompliance.Emulator.State;

/// <summary>One CloudTrail management event as LookupEvents returns it; <see cref="CloudTrailEvent"/> is the raw record JSON.</summary>
public sealed record CloudTrailEventRecord(
    string EventId, string EventName, string EventSource, DateTimeOffset EventTime, bool ReadOnly, string? AccessKeyId,
    string? Username, string? ModelId, string CloudTrailEvent);

/// <summary>
/// The event history of each account and Region (newest last), kept beside the account so a reset clears it. Bounded:
/// a long benchmark keeps only the newest <see cref="MaxPerRegion"/> events of a Region, as event history is not an archive.
/// </summary>
public static class CloudTrailEvents
{
    public const int MaxPerRegion = 20_000;
    static readonly ConditionalWeakTable<AccountState, Dictionary<string, List<CloudTrailEventRecord>>> Store = new();

    public static void Add(AccountState account, string region, CloudTrailEventRecord e)
    {
        var byRegion = Store.GetValue(account, _ => new Dictionary<string, List<CloudTrailEventRecord>>(StringComparer.Ordinal));
        lock (byRegion)
        {
            if (!byRegion.TryGetValue(region, out var list)) byRegion[region] = list = new List<CloudTrailEventRecord>();
            list.Add(e);
            if (list.Count > MaxPerRegion) list.RemoveRange(0, list.Count - MaxPerRegion);
        }
    }

    /// <summary>A copy of the Region's events, newest first (LookupEvents order).</summary>
    public static List<CloudTrailEventRecord> NewestFirst(AccountState account, string region)
    {
        if (!Store.TryGetValue(account, out var byRegion)) return new List<CloudTrailEventRecord>();
        lock (byRegion)
        {
            if (!byRegion.TryGetValue(region, out var list)) return new List<CloudTrailEventRecord>();
            var copy = new List<CloudTrailEventRecord>(list);
            copy.Reverse();
            return copy;
        }
    }

    /// <summary>Builds the raw record JSON of a call (the members §7 of the reference lists).</summary>
    public static string Render(JsonObject userIdentity, DateTimeOffset time, string source, string name, string region, string? userAgent,
        JsonNode? requestParameters, JsonNode? responseElements, string requestId, string eventId, bool readOnly, string accountId,
        string? errorCode, string? errorMessage, JsonObject? additional)
    {
        var o = new JsonObject
        {
            ["eventVersion"] = "1.09",
            ["userIdentity"] = userIdentity,
            ["eventTime"] = time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["eventSource"] = source,
            ["eventName"] = name,
            ["awsRegion"] = region,
            ["sourceIPAddress"] = "127.0.0.1",
            ["userAgent"] = userAgent ?? "",
        };
        if (errorCode != null) { o["errorCode"] = errorCode; o["errorMessage"] = errorMessage; }
        o["requestParameters"] = requestParameters;
        o["responseElements"] = responseElements;
        if (additional != null) o["additionalEventData"] = additional;
        o["requestID"] = requestId;
        o["eventID"] = eventId;
        o["readOnly"] = readOnly;
        o["eventType"] = "AwsApiCall";
        o["managementEvent"] = true;
        o["recipientAccountId"] = accountId;
        o["eventCategory"] = "Management";
        return o.ToJsonString();
    }
}
