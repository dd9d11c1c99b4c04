using System.Text.Json;

namespace BedrockCompliance.Engine.Catalog;

/// <summary>
/// Reads catalog JSON (an array of entries in the shape of model-licenses.json) and validates every
/// field, so an organisation's override file fails with an error that names file, entry and field.
/// </summary>
internal static class CatalogReader
{
    // Plain character checks, not Regex: this runs at the first offline call, where a Regex's construction alone
    // costs more than the whole catalog (cold-start budget).
    static bool IsPrefix(string s) =>
        s.Length >= 2 && s.Length <= 140 && IsLowerOrDigit(s[0]) && s.All(c => IsLowerOrDigit(c) || c == '.' || c == ':' || c == '/' || c == '-');

    static bool IsRestrictionCode(string s) =>
        s.Length >= 2 && s.Length <= 64 && s[0] >= 'A' && s[0] <= 'Z' && s.All(c => (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');

    static bool IsLowerOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    const long MaxFileBytes = 16 * 1024 * 1024;

    public static IReadOnlyList<CatalogEntry> ReadFile(string path)
    {
        if (!File.Exists(path))
            throw new CatalogFormatException(path, null, null, "the file does not exist.");
        var info = new FileInfo(path);
        if (info.Length > MaxFileBytes)
            throw new CatalogFormatException(path, null, null, $"the file is {info.Length} bytes; a catalog file may be at most {MaxFileBytes} bytes.");
        byte[] bytes = InputFileBytes.Read(path, MaxFileBytes, (message, inner) => new CatalogFormatException(path, null, null, message, inner));
        return Read(bytes, path);
    }

    public static IReadOnlyList<CatalogEntry> Read(byte[] utf8Json, string sourceName)
    {
        try
        {
            return ReadJson(InputFileBytes.Utf8Json(utf8Json, message => new CatalogFormatException(sourceName, null, null, message)), sourceName);
        }
        catch (InvalidOperationException ex)
        {
            throw new CatalogFormatException(sourceName, null, null, InputFileBytes.LoneSurrogate(ex), ex);
        }
    }

    static IReadOnlyList<CatalogEntry> ReadJson(byte[] utf8Json, string sourceName)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new CatalogFormatException(sourceName, null, null, $"not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }
        using (doc)
        {
            JsonElement array = doc.RootElement;
            if (array.ValueKind == JsonValueKind.Object && array.TryGetProperty("entries", out var entries))
                array = entries;
            if (array.ValueKind != JsonValueKind.Array)
                throw new CatalogFormatException(sourceName, null, null, $"expected a JSON array of entries (or an object with an 'entries' array), found {array.ValueKind}.");

            var result = new List<CatalogEntry>();
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            int i = 0;
            foreach (var e in array.EnumerateArray())
            {
                var entry = ReadEntry(e, sourceName, i);
                if (seen.TryGetValue(entry.ModelIdPrefix, out int first))
                    throw new CatalogFormatException(sourceName, i, "modelIdPrefix", $"'{entry.ModelIdPrefix}' is already defined by entry {first + 1}; each prefix may appear once per file.");
                seen[entry.ModelIdPrefix] = i;
                result.Add(entry);
                i++;
            }
            return result;
        }
    }

    static CatalogEntry ReadEntry(JsonElement e, string file, int index)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new CatalogFormatException(file, index, null, $"expected a JSON object, found {e.ValueKind}.");
        // JsonDocument keeps both copies of a repeated member and TryGetProperty returns one: refuse the ambiguity.
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
            if (!names.Add(p.Name))
                throw new CatalogFormatException(file, index, p.Name, "appears twice in this entry; each field may appear once.");

        string prefix = RequiredString(e, "modelIdPrefix", file, index);
        if (!IsPrefix(prefix))
            throw new CatalogFormatException(file, index, "modelIdPrefix", $"'{ModelIdentifier.Preview(prefix)}' is not a model-ID prefix; expected lower-case letters, digits, '.', '-', ':' (e.g. 'meta.llama3-1'), without an inference-profile prefix such as 'us.'.");
        if (prefix.IndexOf('.') < 0)
            throw new CatalogFormatException(file, index, "modelIdPrefix", $"'{prefix}' has no '.'; a prefix starts with the provider, e.g. 'mistral.mixtral-8x7b'.");
        string firstSegment = prefix.Substring(0, prefix.IndexOf('.'));
        if (ModelIdentifier.KnownProfilePrefixes.Contains(firstSegment))
            throw new CatalogFormatException(file, index, "modelIdPrefix", $"'{prefix}' starts with the inference-profile prefix '{firstSegment}.'; use the foundation-model ID ('{prefix.Substring(firstSegment.Length + 1)}').");

        var entry = new CatalogEntry
        {
            ModelIdPrefix = prefix,
            Provider = RequiredString(e, "providerName", file, index),
            Family = RequiredString(e, "family", file, index),
            LicenseName = RequiredString(e, "licenseName", file, index),
            LicenseUrl = OptionalUrl(e, "licenseUrl", file, index),
            EulaRequired = RequiredBool(e, "eulaRequired", file, index),
            UseCaseFormRequired = RequiredBool(e, "useCaseFormRequired", file, index),
            // Unknown is allowed: a researched "licence not established" entry keeps a model of a mixed provider from
            // inheriting a sibling family's licence (e.g. zai.glm-5.3 under zai.glm-5).
            LicenseCategory = RequiredEnum<LicenseCategory>(e, "licenseCategory", file, index, allowUnknown: true),
            Confidence = RequiredEnum<CatalogConfidence>(e, "confidence", file, index, allowUnknown: false),
            Source = file,
        };

        if (!e.TryGetProperty("restrictions", out var rs) || rs.ValueKind != JsonValueKind.Array)
            throw new CatalogFormatException(file, index, "restrictions", "required; expected an array of {\"code\": \"…\", \"summary\": \"…\"} (it may be empty).");
        var restrictions = new List<LicenseRestriction>();
        int r = 0;
        foreach (var item in rs.EnumerateArray())
        {
            string field = $"restrictions[{r}]";
            if (item.ValueKind != JsonValueKind.Object)
                throw new CatalogFormatException(file, index, field, $"expected an object with 'code' and 'summary', found {item.ValueKind}.");
            string code = RequiredString(item, "code", file, index, field + ".code");
            if (!IsRestrictionCode(code))
                throw new CatalogFormatException(file, index, field + ".code", $"'{ModelIdentifier.Preview(code)}' is not a restriction code; expected upper-case letters, digits and '_' such as 'NO_TRAINING_COMPETING_MODELS'.");
            string summary = RequiredString(item, "summary", file, index, field + ".summary");
            restrictions.Add(new LicenseRestriction(code, summary));
            r++;
        }
        entry.Restrictions = restrictions;

        var urls = new List<string>();
        if (e.TryGetProperty("sourceUrls", out var su))
        {
            if (su.ValueKind != JsonValueKind.Array)
                throw new CatalogFormatException(file, index, "sourceUrls", $"expected an array of URLs, found {su.ValueKind}.");
            int u = 0;
            foreach (var item in su.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || !IsHttpUrl(item.GetString()))
                    throw new CatalogFormatException(file, index, $"sourceUrls[{u}]", $"expected an http(s) URL, found '{ModelIdentifier.Preview(item.ToString())}'.");
                urls.Add(item.GetString()!);
                u++;
            }
        }
        entry.SourceUrls = urls;
        CatalogRetentionFields.Read(e, entry, file, index);
        return entry;
    }

    internal static string RequiredString(JsonElement e, string name, string file, int index, string? field = null)
    {
        field ??= name;
        if (!e.TryGetProperty(name, out var v))
            throw new CatalogFormatException(file, index, field, "required but missing.");
        if (v.ValueKind != JsonValueKind.String)
            throw new CatalogFormatException(file, index, field, $"expected a string, found {v.ValueKind}.");
        string s = v.GetString()!;
        if (string.IsNullOrWhiteSpace(s))
            throw new CatalogFormatException(file, index, field, "must not be empty.");
        if (s.Any(c => char.IsControl(c) && c != '\n' && c != '\t'))
            throw new CatalogFormatException(file, index, field, "contains a control character.");
        return s;
    }

    static string? OptionalUrl(JsonElement e, string name, string file, int index)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String || !IsHttpUrl(v.GetString()))
            throw new CatalogFormatException(file, index, name, $"expected an http(s) URL, found '{ModelIdentifier.Preview(v.ToString())}'.");
        return v.GetString();
    }

    static bool RequiredBool(JsonElement e, string name, string file, int index)
    {
        if (!e.TryGetProperty(name, out var v))
            throw new CatalogFormatException(file, index, name, "required but missing; expected true or false.");
        if (v.ValueKind != JsonValueKind.True && v.ValueKind != JsonValueKind.False)
            throw new CatalogFormatException(file, index, name, $"expected true or false, found {v.ValueKind} '{ModelIdentifier.Preview(v.ToString())}'.");
        return v.GetBoolean();
    }

    static T RequiredEnum<T>(JsonElement e, string name, string file, int index, bool allowUnknown) where T : struct, Enum
    {
        string s = RequiredString(e, name, file, index);
        var allowed = Enum.GetNames(typeof(T)).Where(n => n != "None" && (allowUnknown || n != "Unknown")).ToArray();
        var match = allowed.FirstOrDefault(n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase));
        if (match == null)
            throw new CatalogFormatException(file, index, name, $"'{ModelIdentifier.Preview(s)}' is not allowed; expected one of: {string.Join(", ", allowed)}.");
        return (T)Enum.Parse(typeof(T), match);
    }

    static bool IsHttpUrl(string? s) =>
        s != null && Uri.TryCreate(s, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp);
}
