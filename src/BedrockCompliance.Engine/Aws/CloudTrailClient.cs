using System.Net.Http;
using System.Text.Json;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// CloudTrail over AWS JSON 1.1 (service model 2013-11-01): every call is <c>POST /</c> with
/// <c>Content-Type: application/x-amz-json-1.1</c> and <c>X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.&lt;Operation&gt;</c>.
/// AWSSDK.CloudTrail is not available to us, so the three read-only calls are written here on the shared signed
/// sender (retries, rate limit, concurrency gate, size cap). Errors carry <c>__type</c> as rest-json does.
/// </summary>
internal sealed class CloudTrailClient
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string TargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";

    readonly AwsHttpSender _sender;

    public CloudTrailClient(AwsHttpSender sender) => _sender = sender;

    /// <summary>
    /// Trails visible in the connection's region: those whose home is this region and, with
    /// <paramref name="includeShadowTrails"/>, multi-region and organization trails homed elsewhere.
    /// DescribeTrails is not paginated.
    /// </summary>
    public async Task<IReadOnlyList<CloudTrailTrail>> DescribeTrailsAsync(bool includeShadowTrails, CancellationToken ct)
    {
        const string op = "DescribeTrails";
        var response = await SendAsync(op, w => w.WriteBoolean("includeShadowTrails", includeShadowTrails), ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.CloudTrail, op, response, root =>
            JsonShape.Array(root, "trailList", "", required: false).Select((t, i) =>
            {
                string p = $"trailList[{i}].";
                JsonShape.RequireObject(t, p);
                return new CloudTrailTrail
                {
                    Name = JsonShape.String(t, "Name", p),
                    TrailArn = JsonShape.String(t, "TrailARN", p),
                    HomeRegion = JsonShape.String(t, "HomeRegion", p),
                    IsMultiRegionTrail = JsonShape.OptionalBool(t, "IsMultiRegionTrail", p) ?? false,
                    IsOrganizationTrail = JsonShape.OptionalBool(t, "IsOrganizationTrail", p) ?? false,
                    S3BucketName = JsonShape.OptionalString(t, "S3BucketName", p),
                    LogFileValidationEnabled = JsonShape.OptionalBool(t, "LogFileValidationEnabled", p),
                };
            }).ToList());
    }

    /// <param name="trail">The trail ARN (needed for a trail homed in another region) or, in its home region, its name.</param>
    public async Task<CloudTrailStatus> GetTrailStatusAsync(string trail, CancellationToken ct)
    {
        const string op = "GetTrailStatus";
        if (string.IsNullOrWhiteSpace(trail)) throw new ArgumentException("The trail name or ARN is empty.", nameof(trail));
        var response = await SendAsync(op, w => w.WriteString("Name", trail), ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.CloudTrail, op, response, root => new CloudTrailStatus
        {
            IsLogging = JsonShape.OptionalBool(root, "IsLogging", ""),
            LatestDeliveryError = NullIfEmpty(JsonShape.OptionalString(root, "LatestDeliveryError", "")),
            LatestDeliveryTime = EpochSeconds(root, "LatestDeliveryTime"),
            StartLoggingTime = EpochSeconds(root, "StartLoggingTime"),
            StopLoggingTime = EpochSeconds(root, "StopLoggingTime"),
        });
    }

    /// <summary>Basic or advanced event selectors of a trail (a trail uses one kind or the other).</summary>
    public async Task<CloudTrailEventSelectors> GetEventSelectorsAsync(string trail, CancellationToken ct)
    {
        const string op = "GetEventSelectors";
        if (string.IsNullOrWhiteSpace(trail)) throw new ArgumentException("The trail name or ARN is empty.", nameof(trail));
        var response = await SendAsync(op, w => w.WriteString("TrailName", trail), ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.CloudTrail, op, response, root => new CloudTrailEventSelectors
        {
            TrailArn = JsonShape.OptionalString(root, "TrailARN", ""),
            Basic = JsonShape.Array(root, "EventSelectors", "", required: false).Select((e, i) =>
            {
                string p = $"EventSelectors[{i}].";
                JsonShape.RequireObject(e, p);
                return new BasicEventSelector
                {
                    // The API's defaults when a member is absent: All, true.
                    ReadWriteType = JsonShape.OptionalString(e, "ReadWriteType", p) ?? "All",
                    IncludeManagementEvents = JsonShape.OptionalBool(e, "IncludeManagementEvents", p) ?? true,
                    ExcludeManagementEventSources = JsonShape.StringArray(e, "ExcludeManagementEventSources", p),
                };
            }).ToList(),
            Advanced = JsonShape.Array(root, "AdvancedEventSelectors", "", required: false).Select((a, i) =>
            {
                string p = $"AdvancedEventSelectors[{i}].";
                JsonShape.RequireObject(a, p);
                return new AdvancedEventSelector
                {
                    Name = JsonShape.OptionalString(a, "Name", p),
                    FieldSelectors = JsonShape.Array(a, "FieldSelectors", p).Select((f, j) =>
                    {
                        string fp = $"{p}FieldSelectors[{j}].";
                        JsonShape.RequireObject(f, fp);
                        return new AdvancedFieldSelector
                        {
                            Field = JsonShape.String(f, "Field", fp),
                            EqualsTo = JsonShape.StringArray(f, "Equals", fp),
                            StartsWith = JsonShape.StringArray(f, "StartsWith", fp),
                            EndsWith = JsonShape.StringArray(f, "EndsWith", fp),
                            NotEquals = JsonShape.StringArray(f, "NotEquals", fp),
                            NotStartsWith = JsonShape.StringArray(f, "NotStartsWith", fp),
                            NotEndsWith = JsonShape.StringArray(f, "NotEndsWith", fp),
                        };
                    }).ToList(),
                };
            }).ToList(),
        });
    }

    /// <summary>
    /// One page of event history (management events, the last 90 days, this Region): at most one lookup attribute,
    /// at most 50 events a page, newest first. Callers pace at 2 calls per second per account and Region (the service's
    /// limit); throttling still retries on the shared path.
    /// </summary>
    public async Task<CloudTrailEventPage> LookupEventsAsync(string? attributeKey, string? attributeValue, DateTimeOffset? startTime, DateTimeOffset? endTime,
        string? nextToken, CancellationToken ct, int maxResults = 50)
    {
        const string op = "LookupEvents";
        if (maxResults < 1 || maxResults > 50) throw new ArgumentOutOfRangeException(nameof(maxResults), maxResults, "LookupEvents returns 1 to 50 events a page.");
        var response = await SendAsync(op, w =>
        {
            if (attributeKey != null)
            {
                w.WriteStartArray("LookupAttributes");
                w.WriteStartObject();
                w.WriteString("AttributeKey", attributeKey);
                w.WriteString("AttributeValue", attributeValue);
                w.WriteEndObject();
                w.WriteEndArray();
            }
            if (startTime.HasValue) w.WriteNumber("StartTime", startTime.Value.ToUnixTimeMilliseconds() / 1000.0);
            if (endTime.HasValue) w.WriteNumber("EndTime", endTime.Value.ToUnixTimeMilliseconds() / 1000.0);
            w.WriteNumber("MaxResults", maxResults);
            if (!string.IsNullOrEmpty(nextToken)) w.WriteString("NextToken", nextToken);
        }, ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.CloudTrail, op, response, root => new CloudTrailEventPage
        {
            NextToken = NullIfEmpty(JsonShape.OptionalString(root, "NextToken", "")),
            Events = JsonShape.Array(root, "Events", "", required: false).Select((e, i) =>
            {
                string p = $"Events[{i}].";
                JsonShape.RequireObject(e, p);
                return new CloudTrailEventSummary
                {
                    EventId = JsonShape.String(e, "EventId", p),
                    EventName = JsonShape.String(e, "EventName", p),
                    EventSource = JsonShape.OptionalString(e, "EventSource", p),
                    EventTime = EpochSeconds(e, "EventTime"),
                    Username = JsonShape.OptionalString(e, "Username", p),
                    AccessKeyId = JsonShape.OptionalString(e, "AccessKeyId", p),
                    CloudTrailEvent = JsonShape.OptionalString(e, "CloudTrailEvent", p),
                };
            }).ToList(),
        });
    }

    Task<AwsResponse> SendAsync(string operation, Action<Utf8JsonWriter> writeMembers, CancellationToken ct)
    {
        var options = new AwsRequestOptions { Headers = new Dictionary<string, string> { ["X-Amz-Target"] = TargetPrefix + operation } };
        return _sender.SendAsync(AwsService.CloudTrail, operation, HttpMethod.Post, "/", JsonShape.Body(writeMembers), ContentType, options, ct);
    }

    /// <summary>JSON 1.1 timestamps are epoch seconds (a number, possibly fractional).</summary>
    static DateTimeOffset? EpochSeconds(JsonElement parent, string name)
    {
        if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double seconds) || double.IsNaN(seconds) || Math.Abs(seconds) > 253402300799)
            throw new JsonShapeException(name, $"is {(v.ValueKind == JsonValueKind.Number ? "out of range" : "not a number")}; expected epoch seconds");
        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
    }

    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

internal sealed class CloudTrailEventPage
{
    public IReadOnlyList<CloudTrailEventSummary> Events { get; set; } = Array.Empty<CloudTrailEventSummary>();
    /// <summary>Null on the last page.</summary>
    public string? NextToken { get; set; }
}

/// <summary>A LookupEvents event; <see cref="CloudTrailEvent"/> is the raw record JSON (userIdentity, requestParameters …).</summary>
internal sealed class CloudTrailEventSummary
{
    public string EventId { get; set; } = "";
    public string EventName { get; set; } = "";
    public string? EventSource { get; set; }
    public DateTimeOffset? EventTime { get; set; }
    public string? Username { get; set; }
    public string? AccessKeyId { get; set; }
    public string? CloudTrailEvent { get; set; }
}

internal sealed class CloudTrailTrail
{
    public string Name { get; set; } = "";
    public string TrailArn { get; set; } = "";
    public string HomeRegion { get; set; } = "";
    public bool IsMultiRegionTrail { get; set; }
    public bool IsOrganizationTrail { get; set; }
    public string? S3BucketName { get; set; }
    public bool? LogFileValidationEnabled { get; set; }

    /// <summary>Whether events of <paramref name="region"/> reach this trail.</summary>
    public bool Covers(string region) => IsMultiRegionTrail || string.Equals(HomeRegion, region, StringComparison.Ordinal);
}

internal sealed class CloudTrailStatus
{
    /// <summary>Null when the answer did not say (never read as true).</summary>
    public bool? IsLogging { get; set; }
    /// <summary>Why the last delivery to S3 failed (e.g. the bucket policy refuses CloudTrail); null when it did not.</summary>
    public string? LatestDeliveryError { get; set; }
    public DateTimeOffset? LatestDeliveryTime { get; set; }
    public DateTimeOffset? StartLoggingTime { get; set; }
    public DateTimeOffset? StopLoggingTime { get; set; }
}

internal sealed class CloudTrailEventSelectors
{
    public string? TrailArn { get; set; }
    public IReadOnlyList<BasicEventSelector> Basic { get; set; } = Array.Empty<BasicEventSelector>();
    public IReadOnlyList<AdvancedEventSelector> Advanced { get; set; } = Array.Empty<AdvancedEventSelector>();
}

internal sealed class BasicEventSelector
{
    /// <summary>ReadOnly, WriteOnly or All.</summary>
    public string ReadWriteType { get; set; } = "All";
    public bool IncludeManagementEvents { get; set; } = true;
    public IReadOnlyList<string> ExcludeManagementEventSources { get; set; } = Array.Empty<string>();
}

internal sealed class AdvancedEventSelector
{
    public string? Name { get; set; }
    /// <summary>ANDed: an event is selected when it matches every field selector.</summary>
    public IReadOnlyList<AdvancedFieldSelector> FieldSelectors { get; set; } = Array.Empty<AdvancedFieldSelector>();
}

internal sealed class AdvancedFieldSelector
{
    public string Field { get; set; } = "";
    /// <summary>The API's <c>Equals</c> member (renamed: <c>Equals</c> is object's).</summary>
    public IReadOnlyList<string> EqualsTo { get; set; } = Array.Empty<string>();
    public IReadOnlyList<string> StartsWith { get; set; } = Array.Empty<string>();
    public IReadOnlyList<string> EndsWith { get; set; } = Array.Empty<string>();
    public IReadOnlyList<string> NotEquals { get; set; } = Array.Empty<string>();
    public IReadOnlyList<string> NotStartsWith { get; set; } = Array.Empty<string>();
    public IReadOnlyList<string> NotEndsWith { get; set; } = Array.Empty<string>();

    /// <summary>
    /// Whether a field value passes this selector: every operator that is set must hold (positive operators match
    /// any of their values, negative operators none of theirs).
    /// </summary>
    public bool Matches(string value)
    {
        if (EqualsTo.Count > 0 && !EqualsTo.Contains(value, StringComparer.Ordinal)) return false;
        if (StartsWith.Count > 0 && !StartsWith.Any(s => value.StartsWith(s, StringComparison.Ordinal))) return false;
        if (EndsWith.Count > 0 && !EndsWith.Any(s => value.EndsWith(s, StringComparison.Ordinal))) return false;
        if (NotEquals.Contains(value, StringComparer.Ordinal)) return false;
        if (NotStartsWith.Any(s => value.StartsWith(s, StringComparison.Ordinal))) return false;
        if (NotEndsWith.Any(s => value.EndsWith(s, StringComparison.Ordinal))) return false;
        return true;
    }

    public override string ToString()
    {
        var parts = new List<string>();
        void Add(string op, IReadOnlyList<string> values) { if (values.Count > 0) parts.Add($"{op} [{string.Join(", ", values)}]"); }
        Add("Equals", EqualsTo); Add("StartsWith", StartsWith); Add("EndsWith", EndsWith);
        Add("NotEquals", NotEquals); Add("NotStartsWith", NotStartsWith); Add("NotEndsWith", NotEndsWith);
        return $"{Field} {string.Join(" and ", parts)}";
    }
}
