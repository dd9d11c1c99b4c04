using System.Globalization;
using System.Text.Json;

namespace BedrockCompliance.Engine.Catalog;

/// <summary>
/// The optional retention and lifecycle members of a catalog entry (minimumDataRetention, flaggedTrafficRetained,
/// dataRetentionNote, lifecycleStatus, endOfLifeDate), validated like the rest so errors name file, entry and field.
/// </summary>
internal static class CatalogRetentionFields
{
    static readonly string[] Retention = { "none", "default", "aws_review", "provider_data_share" };
    static readonly string[] Lifecycle = { "ACTIVE", "LEGACY", "RETIRED" };

    public static void Read(JsonElement e, CatalogEntry entry, string file, int index)
    {
        if (Present(e, "minimumDataRetention", out var r))
        {
            string s = r.ValueKind == JsonValueKind.String ? r.GetString()! : "";
            // "inherit" is a scope setting, not a level a model can require.
            if (Array.IndexOf(Retention, s) < 0 || !DataRetentionModes.TryParse(s, out var mode))
                throw new CatalogFormatException(file, index, "minimumDataRetention", $"'{ModelIdentifier.Preview(r.ToString())}' is not allowed; expected one of: {string.Join(", ", Retention)} (or null).");
            entry.MinimumDataRetention = mode;
        }
        if (Present(e, "flaggedTrafficRetained", out var f))
        {
            if (f.ValueKind != JsonValueKind.True && f.ValueKind != JsonValueKind.False)
                throw new CatalogFormatException(file, index, "flaggedTrafficRetained", $"expected true or false, found {f.ValueKind} '{ModelIdentifier.Preview(f.ToString())}'.");
            entry.FlaggedTrafficRetained = f.GetBoolean();
        }
        if (Present(e, "dataRetentionNote", out _))
            entry.DataRetentionNote = CatalogReader.RequiredString(e, "dataRetentionNote", file, index);
        if (Present(e, "lifecycleStatus", out var l))
        {
            string s = l.ValueKind == JsonValueKind.String ? l.GetString()! : "";
            if (Array.IndexOf(Lifecycle, s) < 0)
                throw new CatalogFormatException(file, index, "lifecycleStatus", $"'{ModelIdentifier.Preview(l.ToString())}' is not allowed; expected one of: {string.Join(", ", Lifecycle)} (or null).");
            entry.LifecycleStatus = s;
        }
        if (Present(e, "endOfLifeDate", out var d))
        {
            if (d.ValueKind != JsonValueKind.String ||
                !DateTime.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
                throw new CatalogFormatException(file, index, "endOfLifeDate", $"'{ModelIdentifier.Preview(d.ToString())}' is not a date; expected yyyy-MM-dd, e.g. '2027-01-08'.");
            entry.EndOfLifeDate = DateTime.SpecifyKind(date, DateTimeKind.Utc);
        }
    }

    static bool Present(JsonElement e, string name, out JsonElement value) =>
        e.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
}
