using System.Text.Json;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// CloudTrail over AWS JSON 1.1 (service model 2013-11-01): every call is <c>POST /</c> with
/// <c>Content-Type: application/x-amz-json-1.1</c> and <c>X-Amz-Target: com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.&lt;Operation&gt;</c>.
/// AWSSDK.CloudTrail is not available to us, so the three read-only calls are written here on the shared signed
/// sender (retries, rate limit, concurrency gate, size cap). Errors carry <c>__type</c> as rest-json does.
/// </summary>
internal sealed class CloudTrailClient(AwsHttpSender sender)
{
    const string TargetPrefix = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";

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
            JsonShape.Objects(root, "trailList", "", (t, p) => new CloudTrailTrail(
                JsonShape.String(t, "Name", p), JsonShape.String(t, "TrailARN", p), JsonShape.String(t, "HomeRegion", p),
                JsonShape.OptionalBool(t, "IsMultiRegionTrail", p) ?? false, JsonShape.OptionalBool(t, "IsOrganizationTrail", p) ?? false,
                JsonShape.OptionalString(t, "S3BucketName", p), JsonShape.OptionalBool(t, "LogFileValidationEnabled", p)), required: false));
    }

    /// <param name="trail">The trail ARN (needed for a trail homed in another region) or, in its home region, its name.</param>
    public async Task<CloudTrailStatus> GetTrailStatusAsync(string trail, CancellationToken ct)
    {
        const string op = "GetTrailStatus";
        if (string.IsNullOrWhiteSpace(trail)) throw new ArgumentException("The trail name or ARN is empty.", nameof(trail));
        var response = await SendAsync(op, w => w.WriteString("Name", trail), ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.CloudTrail, op, response, root => new CloudTrailStatus(
            JsonShape.OptionalBool(root, "IsLogging", ""), NullIfEmpty(JsonShape.OptionalString(root, "LatestDeliveryError", "")),
            EpochSeconds(root, "LatestDeliveryTime"), EpochSeconds(root, "StartLoggingTime"), EpochSeconds(root, "StopLoggingTime")));
    }

    /// <summary>Basic or advanced event selectors of a trail (a trail uses one kind or the other).</summary>
    public async Task<CloudTrailEventSelectors> GetEventSelectorsAsync(string trail, CancellationToken ct)
    {
        const string op = "GetEventSelectors";
        if (string.IsNullOrWhiteSpace(trail)) throw new ArgumentException("The trail name or ARN is empty.", nameof(trail));
        var response = await SendAsync(op, w => w.WriteString("TrailName", trail), ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.CloudTrail, op, response, root => new CloudTrailEventSelectors(
            JsonShape.OptionalString(root, "TrailARN", ""),
            // The API's defaults when a member is absent: All, true.
            JsonShape.Objects(root, "EventSelectors", "", (e, p) => new BasicEventSelector(
                JsonShape.OptionalString(e, "ReadWriteType", p) ?? "All", JsonShape.OptionalBool(e, "IncludeManagementEvents", p) ?? true,
                JsonShape.StringArray(e, "ExcludeManagementEventSources", p)), required: false),
            JsonShape.Objects(root, "AdvancedEventSelectors", "", (a, p) => new AdvancedEventSelector(
                JsonShape.OptionalString(a, "Name", p), JsonShape.Objects(a, "FieldSelectors", p, AdvancedFieldSelector.Read)), required: false)));
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
        return JsonShape.ParseResponse(AwsService.CloudTrail, op, response, root => new CloudTrailEventPage(
            JsonShape.Objects(root, "Events", "", (e, p) => new CloudTrailEventSummary(JsonShape.String(e, "EventId", p), JsonShape.String(e, "EventName", p),
                JsonShape.OptionalString(e, "EventSource", p), EpochSeconds(e, "EventTime"), JsonShape.OptionalString(e, "Username", p),
                JsonShape.OptionalString(e, "AccessKeyId", p), JsonShape.OptionalString(e, "CloudTrailEvent", p)), required: false),
            NullIfEmpty(JsonShape.OptionalString(root, "NextToken", ""))));
    }

    Task<AwsResponse> SendAsync(string operation, Action<Utf8JsonWriter> writeMembers, CancellationToken ct) =>
        sender.SendJson11Async(AwsService.CloudTrail, TargetPrefix, operation, writeMembers, ct);

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

/// <param name="NextToken">Null on the last page.</param>
internal sealed record CloudTrailEventPage(IReadOnlyList<CloudTrailEventSummary> Events, string? NextToken);

/// <summary>A LookupEvents event; <see cref="CloudTrailEvent"/> is the raw record JSON (userIdentity, requestParameters …).</summary>
internal sealed record CloudTrailEventSummary(string EventId, string EventName, string? EventSource = null, DateTimeOffset? EventTime = null,
    string? Username = null, string? AccessKeyId = null, string? CloudTrailEvent = null);

internal sealed record CloudTrailTrail(string Name, string TrailArn, string HomeRegion, bool IsMultiRegionTrail, bool IsOrganizationTrail,
    string? S3BucketName, bool? LogFileValidationEnabled)
{
    /// <summary>Whether events of <paramref name="region"/> reach this trail.</summary>
    public bool Covers(string region) => IsMultiRegionTrail || string.Equals(HomeRegion, region, StringComparison.Ordinal);
}

/// <param name="IsLogging">Null when the answer did not say (never read as true).</param>
/// <param name="LatestDeliveryError">Why the last delivery to S3 failed (e.g. the bucket policy refuses CloudTrail); null when it did not.</param>
internal sealed record CloudTrailStatus(bool? IsLogging, string? LatestDeliveryError, DateTimeOffset? LatestDeliveryTime,
    DateTimeOffset? StartLoggingTime, DateTimeOffset? StopLoggingTime);

internal sealed record CloudTrailEventSelectors(string? TrailArn, IReadOnlyList<BasicEventSelector> Basic, IReadOnlyList<AdvancedEventSelector> Advanced);

/// <param name="ReadWriteType">ReadOnly, WriteOnly or All.</param>
internal sealed record BasicEventSelector(string ReadWriteType, bool IncludeManagementEvents, IReadOnlyList<string> ExcludeManagementEventSources);

/// <param name="FieldSelectors">ANDed: an event is selected when it matches every field selector.</param>
internal sealed record AdvancedEventSelector(string? Name, IReadOnlyList<AdvancedFieldSelector> FieldSelectors);

/// <summary>One field selector: the field and, per operator, its values (an operator not given has none).</summary>
internal sealed class AdvancedFieldSelector
{
    // The operators as the API names them, positive ones first; one table for reading, matching and printing.
    static readonly (string Name, bool Negated, Func<string, string, bool> Holds)[] Operators =
    {
        ("Equals", false, (v, s) => v == s),
        ("StartsWith", false, (v, s) => v.StartsWith(s, StringComparison.Ordinal)),
        ("EndsWith", false, (v, s) => v.EndsWith(s, StringComparison.Ordinal)),
        ("NotEquals", true, (v, s) => v == s),
        ("NotStartsWith", true, (v, s) => v.StartsWith(s, StringComparison.Ordinal)),
        ("NotEndsWith", true, (v, s) => v.EndsWith(s, StringComparison.Ordinal)),
    };

    readonly IReadOnlyList<string>[] _values;

    AdvancedFieldSelector(string field, IReadOnlyList<string>[] values)
    {
        Field = field;
        _values = values;
    }

    /// <summary>A FieldSelectors[] element; <paramref name="path"/> names it in errors.</summary>
    public static AdvancedFieldSelector Read(JsonElement f, string path) =>
        new AdvancedFieldSelector(JsonShape.String(f, "Field", path), Operators.Select(o => JsonShape.StringArray(f, o.Name, path)).ToArray());

    public string Field { get; }
    /// <summary>The API's <c>Equals</c> member (renamed: <c>Equals</c> is object's).</summary>
    public IReadOnlyList<string> EqualsTo => _values[0];
    public IReadOnlyList<string> StartsWith => _values[1];
    public IReadOnlyList<string> EndsWith => _values[2];
    public IReadOnlyList<string> NotEquals => _values[3];
    public IReadOnlyList<string> NotStartsWith => _values[4];
    public IReadOnlyList<string> NotEndsWith => _values[5];

    /// <summary>
    /// Whether a field value passes this selector: every operator that is set must hold (positive operators match
    /// any of their values, negative operators none of theirs).
    /// </summary>
    public bool Matches(string value) => Operators.Select((o, i) => (o, values: _values[i])).All(x =>
        x.o.Negated ? !x.values.Any(s => x.o.Holds(value, s)) : x.values.Count == 0 || x.values.Any(s => x.o.Holds(value, s)));

    public override string ToString() =>
        $"{Field} {string.Join(" and ", Operators.Select((o, i) => (o.Name, values: _values[i])).Where(x => x.values.Count > 0).Select(x => $"{x.Name} [{string.Join(", ", x.values)}]"))}";
}
