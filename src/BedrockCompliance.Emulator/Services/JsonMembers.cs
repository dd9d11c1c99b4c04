using System.Text.Json;

namespace BedrockCompliance.Emulator.Services;

/// <summary>Typed reads of request members; a wrong JSON type is the SerializationException AWS's JSON protocols return.</summary>
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
