using System.Text.Json;

namespace BedrockCompliance.Emulator.Services;

/// <summary>Typed reads of request members, and list paging; a wrong JSON type is the SerializationException AWS's JSON protocols return.</summary>
public static class JsonMembers
{
    public static string? String(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => (string?)v,
        _ => throw AwsException.Of("SerializationException", 400, $"Expected a string for member '{name}'."),
    };

    public static JsonObject? Object(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonObject o => o,
        _ => throw AwsException.Of("SerializationException", 400, $"Expected an object for member '{name}'."),
    };

    /// <summary>A rest-json list answer: one page of <paramref name="all"/> under <paramref name="member"/>, chosen by the
    /// <c>maxResults</c> and <c>nextToken</c> query parameters, with <c>nextToken</c> while more follow.</summary>
    public static AwsResponse PagedList(CallContext call, string member, IReadOnlyList<JsonObject> all, int defaultSize, int maxSize)
    {
        var (page, next) = Page(all, call.Request.Query("maxResults"), call.Request.Query("nextToken"), defaultSize, maxSize);
        var body = new JsonObject { [member] = new JsonArray(page.Select(p => (JsonNode)p).ToArray()) };
        if (next is not null) body["nextToken"] = next;
        return AwsResponse.Json(200, body);
    }

    /// <summary>Paging over a materialised list: the token is the next index, opaque to clients.</summary>
    public static (IEnumerable<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> all, string? maxResults, string? nextToken, int defaultSize, int maxSize)
    {
        var size = defaultSize;
        if (maxResults is not null && (!int.TryParse(maxResults, out size) || size < 1 || size > maxSize))
            throw Validation.Error("ValidationException", Validation.Constraint(maxResults, "maxResults",
                $"Member must have value between 1 and {maxSize}"));
        var start = 0;
        if (nextToken is not null && (!int.TryParse(nextToken, out start) || start < 0 || start > all.Count))
            throw Validation.Error("ValidationException", "The pagination token is invalid.");
        var next = start + size < all.Count ? (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return (all.Skip(start).Take(size), next);
    }
}
