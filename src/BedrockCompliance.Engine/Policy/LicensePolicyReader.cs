using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// Strict reader for licence-policy JSON. Every field is validated; unknown fields, duplicate fields and
/// contradictions are errors, because a policy that is silently half-read is worse than none.
/// </summary>
internal static class LicensePolicyReader
{
    public const long MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>The restriction codes of the licence catalog (reference/model-licenses.md).</summary>
    public static readonly IReadOnlyList<string> KnownRestrictionCodes = new[]
    {
        "NO_TRAINING_COMPETING_MODELS", "MAU_THRESHOLD", "ATTRIBUTION_REQUIRED", "NAMING_REQUIRED", "ACCEPTABLE_USE_POLICY",
        "NON_COMMERCIAL", "REGION_RESTRICTED", "REDISTRIBUTION_CONDITIONS", "DERIVATIVES_INHERIT_TERMS", LicenseCatalog.NotReviewedCode,
    };

    static readonly Regex PatternShape = new Regex("^[a-z0-9*?][a-z0-9.:/*?-]{0,199}$", RegexOptions.CultureInvariant);

    static readonly string[] TopLevelFields =
    {
        "$schema", "schemaVersion", "name", "description", "owner", "allowedCategories", "allowedProviders", "deniedProviders",
        "allowedModelIds", "deniedModelIds", "deniedRestrictions", "minimumConfidence", "allowLegacyModels", "approvals", "regions",
        "allowedRegions", "maximumDataRetention", "denyWithinDaysOfEndOfLife",
    };
    /// <summary>The modes a policy may name as its maximum: provider_data_share may send content to the provider, inherit is no mode.</summary>
    static readonly DataRetentionMode[] MaximumModes = { DataRetentionMode.None, DataRetentionMode.Default, DataRetentionMode.AwsReview };
    static readonly string[] ApprovalFields = { "modelId", "approvedBy", "approvedOn", "reference", "expiresOn", "notes" };

    public static LicensePolicy Read(byte[] utf8Json, string file)
    {
        try
        {
            return ReadJson(InputFileBytes.Utf8Json(utf8Json, message => new LicensePolicyException(file, null, message)), file);
        }
        catch (InvalidOperationException ex)
        {
            throw new LicensePolicyException(file, null, InputFileBytes.LoneSurrogate(ex), ex);
        }
    }

    static LicensePolicy ReadJson(byte[] utf8Json, string file)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new LicensePolicyException(file, null, $"not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new LicensePolicyException(file, "$", $"expected a JSON object with \"schemaVersion\": {LicensePolicy.CurrentSchemaVersion}, found {JsonShape.Describe(root)}.");
            CheckFields(root, "$", TopLevelFields, file);

            var p = new LicensePolicy();
            if (!root.TryGetProperty("schemaVersion", out var sv))
                throw new LicensePolicyException(file, "$.schemaVersion", $"required but missing; expected {LicensePolicy.CurrentSchemaVersion}.");
            if (sv.ValueKind != JsonValueKind.Number || !sv.TryGetInt32(out int version) || version != LicensePolicy.CurrentSchemaVersion)
                throw new LicensePolicyException(file, "$.schemaVersion", $"'{Preview(sv)}' is not supported; expected {LicensePolicy.CurrentSchemaVersion} (the only schema version this module reads).");
            p.SchemaVersion = version;

            p.Name = OptionalString(root, "name", "$.name", file);
            p.Description = OptionalString(root, "description", "$.description", file);
            p.Owner = OptionalString(root, "owner", "$.owner", file);

            // allowedCategories: required, so nobody gets "everything allowed" by leaving it out.
            if (!root.TryGetProperty("allowedCategories", out var cats))
                throw new LicensePolicyException(file, "$.allowedCategories", "required but missing; expected an array of categories the rules allow, e.g. [\"AmazonProprietary\", \"OpenWeight\"] ([] = only explicitly approved models).");
            var allowedNames = new[] { nameof(LicenseCategory.AmazonProprietary), nameof(LicenseCategory.ProprietaryCommercial), nameof(LicenseCategory.OpenWeight) };
            p.AllowedCategories = StringArray(cats, "$.allowedCategories", file, (s, path) =>
            {
                if (string.Equals(s, nameof(LicenseCategory.Unknown), StringComparison.OrdinalIgnoreCase))
                    throw new LicensePolicyException(file, path, "'Unknown' cannot be allowed by rule: a model the catalog does not know must be reviewed and approved one by one (see 'approvals').");
                var m = allowedNames.FirstOrDefault(n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase))
                    ?? throw new LicensePolicyException(file, path, $"'{ModelIdentifier.Preview(s)}' is not a licence category; expected one of: {string.Join(", ", allowedNames)}.");
                return m;
            }, StringComparer.Ordinal).Select(n => (LicenseCategory)Enum.Parse(typeof(LicenseCategory), n)).ToList();

            p.AllowedProviders = OptionalStringArray(root, "allowedProviders", file, ProviderName, StringComparer.OrdinalIgnoreCase);
            p.DeniedProviders = OptionalStringArray(root, "deniedProviders", file, ProviderName, StringComparer.OrdinalIgnoreCase);
            foreach (var both in p.DeniedProviders.Where(d => p.AllowedProviders.Contains(d, StringComparer.OrdinalIgnoreCase)))
                throw new LicensePolicyException(file, $"$.deniedProviders[{IndexOf(p.DeniedProviders, both)}]", $"'{both}' is also in allowedProviders; a provider can be allowed or denied, not both.");

            p.AllowedModelIds = OptionalStringArray(root, "allowedModelIds", file, ModelPattern, StringComparer.Ordinal).Select(s => new ModelIdGlob(s)).ToList();
            p.DeniedModelIds = OptionalStringArray(root, "deniedModelIds", file, ModelPattern, StringComparer.Ordinal).Select(s => new ModelIdGlob(s)).ToList();
            foreach (var both in p.AllowedModelIds.Where(a => p.DeniedModelIds.Any(d => d.Pattern == a.Pattern)))
                throw new LicensePolicyException(file, $"$.deniedModelIds[{p.DeniedModelIds.ToList().FindIndex(d => d.Pattern == both.Pattern)}]", $"'{both.Pattern}' is also in allowedModelIds; a pattern can be allowed or denied, not both.");

            p.DeniedRestrictions = OptionalStringArray(root, "deniedRestrictions", file, (s, path) =>
            {
                var m = KnownRestrictionCodes.FirstOrDefault(c => string.Equals(c, s, StringComparison.OrdinalIgnoreCase))
                    ?? throw new LicensePolicyException(file, path, $"'{ModelIdentifier.Preview(s)}' is not a restriction code; expected one of: {string.Join(", ", KnownRestrictionCodes)}.");
                return m;
            }, StringComparer.Ordinal);

            if (root.TryGetProperty("minimumConfidence", out var mc) && mc.ValueKind != JsonValueKind.Null)
            {
                var names = new[] { nameof(CatalogConfidence.Unverified), nameof(CatalogConfidence.Likely), nameof(CatalogConfidence.Confirmed) };
                string s = mc.ValueKind == JsonValueKind.String ? mc.GetString()! : "";
                var m = names.FirstOrDefault(n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase))
                    ?? throw new LicensePolicyException(file, "$.minimumConfidence", $"'{Preview(mc)}' is not a catalog confidence; expected one of: {string.Join(", ", names)} (or leave the field out for no minimum).");
                p.MinimumConfidence = (CatalogConfidence)Enum.Parse(typeof(CatalogConfidence), m);
            }

            if (root.TryGetProperty("allowLegacyModels", out var al))
            {
                if (al.ValueKind != JsonValueKind.True && al.ValueKind != JsonValueKind.False)
                    throw new LicensePolicyException(file, "$.allowLegacyModels", $"'{Preview(al)}' is not a boolean; expected true or false (default false).");
                p.AllowLegacyModels = al.GetBoolean();
            }

            p.Regions = OptionalStringArray(root, "regions", file, (s, path) => RegionName(s, path, file), StringComparer.Ordinal);
            p.AllowedRegions = OptionalStringArray(root, "allowedRegions", file, (s, path) => RegionName(s, path, file), StringComparer.Ordinal);
            if (root.TryGetProperty("allowedRegions", out var ar) && ar.ValueKind == JsonValueKind.Array && p.AllowedRegions.Count == 0)
                throw new LicensePolicyException(file, "$.allowedRegions", "is empty; expected at least one Region name such as 'eu-central-1' (leave the field out for no residency limit).");
            p.MaximumDataRetention = ReadMaximumRetention(root, file);
            if (root.TryGetProperty("denyWithinDaysOfEndOfLife", out var eol) && eol.ValueKind != JsonValueKind.Null)
            {
                if (eol.ValueKind != JsonValueKind.Number || !eol.TryGetInt32(out int days) || days < 0 || days > 3650)
                    throw new LicensePolicyException(file, "$.denyWithinDaysOfEndOfLife", $"'{Preview(eol)}' is not a number of days; expected a whole number from 0 to 3650 (0 = deny from the end-of-life date on).");
                p.DenyWithinDaysOfEndOfLife = days;
            }

            p.Approvals = ReadApprovals(root, file);
            return p;
        }
    }

    static List<PolicyApproval> ReadApprovals(JsonElement root, string file)
    {
        var result = new List<PolicyApproval>();
        if (!root.TryGetProperty("approvals", out var arr) || arr.ValueKind == JsonValueKind.Null) return result;
        if (arr.ValueKind != JsonValueKind.Array)
            throw new LicensePolicyException(file, "$.approvals", $"expected an array of approval objects, found {JsonShape.Describe(arr)}.");
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int i = 0;
        foreach (var a in arr.EnumerateArray())
        {
            string at = $"$.approvals[{i}]";
            if (a.ValueKind != JsonValueKind.Object)
                throw new LicensePolicyException(file, at, $"expected an object with modelId, approvedBy and approvedOn, found {JsonShape.Describe(a)}.");
            CheckFields(a, at, ApprovalFields, file);
            string rawId = RequiredString(a, "modelId", at + ".modelId", file);
            if (rawId.IndexOfAny(new[] { '*', '?' }) >= 0)
                throw new LicensePolicyException(file, at + ".modelId", $"'{ModelIdentifier.Preview(rawId)}' contains a wildcard; an approval names one model exactly (use allowedModelIds for patterns).");
            string id;
            try { id = ModelIdentifier.ToFoundationModelId(rawId); }
            catch (ArgumentException ex) { throw new LicensePolicyException(file, at + ".modelId", ex.Message, ex); }
            if (seen.TryGetValue(id, out int first))
                throw new LicensePolicyException(file, at + ".modelId", $"'{id}' is already approved by $.approvals[{first}]; keep one approval per model (update its dates instead).");
            seen[id] = i;
            var approval = new PolicyApproval
            {
                ModelId = id,
                ApprovedBy = RequiredString(a, "approvedBy", at + ".approvedBy", file),
                ApprovedOn = RequiredDate(a, "approvedOn", at + ".approvedOn", file),
                Reference = OptionalString(a, "reference", at + ".reference", file),
                Notes = OptionalString(a, "notes", at + ".notes", file),
            };
            if (a.TryGetProperty("expiresOn", out var ex2) && ex2.ValueKind != JsonValueKind.Null)
            {
                approval.ExpiresOn = ParseDate(ex2, at + ".expiresOn", file);
                if (approval.ExpiresOn.Value <= approval.ApprovedOn)
                    throw new LicensePolicyException(file, at + ".expiresOn", $"'{approval.ExpiresOn.Value:yyyy-MM-dd}' is not after approvedOn '{approval.ApprovedOn:yyyy-MM-dd}'; expected a later date (or leave it out for no expiry).");
            }
            result.Add(approval);
            i++;
        }
        return result;
    }

    static DataRetentionMode? ReadMaximumRetention(JsonElement root, string file)
    {
        if (!root.TryGetProperty("maximumDataRetention", out var v) || v.ValueKind == JsonValueKind.Null) return null;
        string expected = string.Join(", ", MaximumModes.Select(DataRetentionModes.ToWire));
        string s = v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        if (!DataRetentionModes.TryParse(s, out var mode) || !MaximumModes.Contains(mode) || DataRetentionModes.ToWire(mode) != s)
            throw new LicensePolicyException(file, "$.maximumDataRetention", $"'{Preview(v)}' is not a data retention maximum; expected one of: {expected}" +
                (mode == DataRetentionMode.ProviderDataShare ? " (provider_data_share is the mode under which content may go to the provider and cannot be a maximum)." : "."));
        return mode;
    }

    static string RegionName(string s, string path, string file) => Aws.AwsRegions.IsRegionName(s) ? s
        : throw new LicensePolicyException(file, path, $"'{ModelIdentifier.Preview(s)}' is not an AWS Region name; expected a name such as 'us-east-1' or 'eu-central-1'.");

    static string ProviderName(string s, string path) => s;

    static string ModelPattern(string s, string path) => s;

    static void CheckFields(JsonElement obj, string at, string[] known, string file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var prop in obj.EnumerateObject())
        {
            if (!seen.Add(prop.Name))
                throw new LicensePolicyException(file, $"{at}.{prop.Name}", "appears twice in the same object; each field may appear once.");
            if (!known.Contains(prop.Name, StringComparer.Ordinal))
            {
                var near = known.FirstOrDefault(k => string.Equals(k, prop.Name, StringComparison.OrdinalIgnoreCase));
                throw new LicensePolicyException(file, $"{at}.{prop.Name}", near != null
                    ? $"unknown field; field names are case-sensitive: did you mean '{near}'?"
                    : $"unknown field; expected only: {string.Join(", ", known.Where(k => k != "$schema"))}.");
            }
        }
    }

    static IReadOnlyList<string> OptionalStringArray(JsonElement root, string name, string file, Func<string, string, string> validate, StringComparer duplicates)
    {
        if (!root.TryGetProperty(name, out var arr) || arr.ValueKind == JsonValueKind.Null) return Array.Empty<string>();
        var values = StringArray(arr, "$." + name, file, validate, duplicates);
        if (name.EndsWith("ModelIds", StringComparison.Ordinal))
        {
            for (int i = 0; i < values.Count; i++)
                CheckModelPattern(values[i], $"$.{name}[{i}]", file);
        }
        return values;
    }

    static void CheckModelPattern(string s, string path, string file)
    {
        if (s.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
            throw new LicensePolicyException(file, path, $"'{ModelIdentifier.Preview(s)}' is an ARN; expected a foundation-model ID or pattern such as 'meta.llama3-1-*'.");
        if (s.Any(char.IsUpper))
            throw new LicensePolicyException(file, path, $"'{ModelIdentifier.Preview(s)}' contains upper-case letters; Bedrock model IDs are lower case and patterns match case-sensitively.");
        if (!PatternShape.IsMatch(s))
            throw new LicensePolicyException(file, path, $"'{ModelIdentifier.Preview(s)}' is not a model-ID pattern; expected lower-case letters, digits, '.', '-', ':' and the wildcards '*' and '?', e.g. 'anthropic.claude-3-5-*'.");
        int dot = s.IndexOf('.');
        if (dot > 0 && ModelIdentifier.KnownProfilePrefixes.Contains(s.Substring(0, dot)) && s.IndexOf('.', dot + 1) > 0)
            throw new LicensePolicyException(file, path, $"'{s}' starts with the inference-profile prefix '{s.Substring(0, dot)}.'; patterns match the foundation-model ID ('{s.Substring(dot + 1)}'), which also covers its inference profiles.");
    }

    static List<string> StringArray(JsonElement arr, string at, string file, Func<string, string, string> validate, StringComparer duplicates)
    {
        if (arr.ValueKind != JsonValueKind.Array)
            throw new LicensePolicyException(file, at, $"expected an array of strings, found {JsonShape.Describe(arr)} '{Preview(arr)}'.");
        var result = new List<string>();
        int i = 0;
        foreach (var item in arr.EnumerateArray())
        {
            string path = $"{at}[{i}]";
            if (item.ValueKind != JsonValueKind.String)
                throw new LicensePolicyException(file, path, $"expected a string, found {JsonShape.Describe(item)} '{Preview(item)}'.");
            string s = item.GetString()!;
            if (string.IsNullOrWhiteSpace(s))
                throw new LicensePolicyException(file, path, "must not be empty.");
            if (s.Any(char.IsControl))
                throw new LicensePolicyException(file, path, $"'{ModelIdentifier.Preview(s)}' contains a control character.");
            s = validate(s.Trim(), path);
            int dup = result.FindIndex(r => duplicates.Equals(r, s));
            if (dup >= 0)
                throw new LicensePolicyException(file, path, $"'{s}' is listed twice (also at {at}[{dup}]).");
            result.Add(s);
            i++;
        }
        return result;
    }

    static string RequiredString(JsonElement e, string name, string path, string file)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            throw new LicensePolicyException(file, path, "required but missing.");
        return CheckString(v, path, file);
    }

    static string? OptionalString(JsonElement e, string name, string path, string file) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null : CheckString(v, path, file);

    static string CheckString(JsonElement v, string path, string file)
    {
        if (v.ValueKind != JsonValueKind.String)
            throw new LicensePolicyException(file, path, $"expected a string, found {JsonShape.Describe(v)} '{Preview(v)}'.");
        string s = v.GetString()!;
        if (string.IsNullOrWhiteSpace(s))
            throw new LicensePolicyException(file, path, "must not be empty.");
        if (s.Any(c => char.IsControl(c) && c != '\n' && c != '\t'))
            throw new LicensePolicyException(file, path, "contains a control character.");
        return s.Trim();
    }

    static DateTime RequiredDate(JsonElement e, string name, string path, string file)
    {
        if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            throw new LicensePolicyException(file, path, "required but missing; expected an ISO date 'yyyy-MM-dd' such as '2026-01-31'.");
        return ParseDate(v, path, file);
    }

    static DateTime ParseDate(JsonElement v, string path, string file)
    {
        if (v.ValueKind != JsonValueKind.String ||
            !DateTime.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new LicensePolicyException(file, path, $"'{Preview(v)}' is not a date; expected an ISO date 'yyyy-MM-dd' such as '2026-01-31'.");
        return DateTime.SpecifyKind(d, DateTimeKind.Unspecified);
    }

    static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
            if (string.Equals(list[i], value, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    static string Preview(JsonElement e) => ModelIdentifier.Preview(e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText());
}
