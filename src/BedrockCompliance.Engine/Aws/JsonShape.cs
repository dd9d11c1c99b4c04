using System.Globalization;
using System.Text.Json;

namespace BedrockCompliance.Engine.Aws;

/// <summary>A response member that is missing or of the wrong type; the path names it.</summary>
internal sealed class JsonShapeException : Exception
{
    public JsonShapeException(string path, string problem) : base($"'{path}' {problem}") { }
}

/// <summary>
/// Reads AWS JSON by hand so a response of the wrong shape is reported by member path instead of
/// producing a half-filled object. Unknown members are ignored, as the AWS SDKs do.
/// </summary>
internal static class JsonShape
{
    public static JsonElement Object(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            throw new JsonShapeException(path + name, "is missing; it is required");
        if (v.ValueKind != JsonValueKind.Object)
            throw new JsonShapeException(path + name, $"is {Describe(v)}; expected an object");
        return v;
    }

    public static JsonElement? OptionalObject(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Object)
            throw new JsonShapeException(path + name, $"is {Describe(v)}; expected an object");
        return v;
    }

    public static IEnumerable<JsonElement> Array(JsonElement parent, string name, string path, bool required = true)
    {
        if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) throw new JsonShapeException(path + name, "is missing; it is required");
            return System.Array.Empty<JsonElement>();
        }
        if (v.ValueKind != JsonValueKind.Array)
            throw new JsonShapeException(path + name, $"is {Describe(v)}; expected an array");
        return v.EnumerateArray();
    }

    public static string String(JsonElement parent, string name, string path)
    {
        var s = OptionalString(parent, name, path);
        if (s == null) throw new JsonShapeException(path + name, "is missing; it is required");
        return s;
    }

    public static string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String)
            throw new JsonShapeException(path + name, $"is {Describe(v)}; expected a string");
        return v.GetString();
    }

    public static bool? OptionalBool(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.True && v.ValueKind != JsonValueKind.False)
            throw new JsonShapeException(path + name, $"is {Describe(v)}; expected true or false");
        return v.GetBoolean();
    }

    public static long? OptionalLong(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out long n))
            throw new JsonShapeException(path + name, $"is {Describe(v)}; expected a whole number");
        return n;
    }

    /// <summary>AWS timestamps here are ISO-8601 strings; any RFC 3339 form is accepted.</summary>
    public static DateTimeOffset? OptionalTimestamp(JsonElement parent, string name, string path)
    {
        var s = OptionalString(parent, name, path);
        if (s == null) return null;
        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            throw new JsonShapeException(path + name, $"is '{s}'; expected an ISO-8601 timestamp");
        return t;
    }

    public static IReadOnlyList<string> StringArray(JsonElement parent, string name, string path)
    {
        var list = new List<string>();
        int i = 0;
        foreach (var item in Array(parent, name, path, required: false))
        {
            if (item.ValueKind != JsonValueKind.String)
                throw new JsonShapeException($"{path}{name}[{i}]", $"is {Describe(item)}; expected a string");
            list.Add(item.GetString()!);
            i++;
        }
        return list;
    }

    /// <summary>
    /// Parses a JSON response: a body that is not JSON, truncated, not an object or of the wrong shape becomes one
    /// <see cref="AwsResponseFormatException"/> naming the operation and the member.
    /// </summary>
    public static T ParseResponse<T>(AwsService service, string op, AwsResponse response, Func<JsonElement, T> read)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(response.Body.Length == 0 ? Encoding.UTF8.GetBytes("{}") : response.Body);
        }
        catch (JsonException ex)
        {
            string problem = response.ContentType != null && response.ContentType.IndexOf("json", StringComparison.OrdinalIgnoreCase) < 0
                ? $"the body is '{response.ContentType}', not JSON"
                : $"the body is not valid JSON (truncated or corrupt near byte {ex.BytePositionInLine}, line {ex.LineNumber + 1})";
            throw new AwsResponseFormatException(service.DisplayName, op, problem, response.RequestId, ex);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new AwsResponseFormatException(service.DisplayName, op, $"the body is a JSON {doc.RootElement.ValueKind}, not an object", response.RequestId);
            try
            {
                return read(doc.RootElement);
            }
            catch (JsonShapeException ex)
            {
                throw new AwsResponseFormatException(service.DisplayName, op, ex.Message, response.RequestId, ex);
            }
        }
    }

    /// <summary>A JSON request body: one object whose members <paramref name="write"/> writes.</summary>
    public static byte[] Body(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// An array member whose elements must be objects, each read by <paramref name="read"/> with its own member path
    /// (e.g. <c>trailList[0].</c>), so every list of a response names a bad element the same way.
    /// </summary>
    public static List<T> Objects<T>(JsonElement parent, string name, string path, Func<JsonElement, string, T> read, bool required = true)
    {
        var list = new List<T>();
        int i = 0;
        foreach (var e in Array(parent, name, path, required))
        {
            string p = $"{path}{name}[{i++}].";
            list.Add(read(RequireObject(e, p), p));
        }
        return list;
    }

    /// <summary>An array element that must be an object; <paramref name="path"/> ends with '.'.</summary>
    public static JsonElement RequireObject(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new JsonShapeException(path.TrimEnd('.'), "is not an object");
        return element;
    }

    /// <summary>What a JSON value is, for an error that says what was expected instead.</summary>
    public static string Describe(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => v.ValueKind.ToString(),
    };
}
