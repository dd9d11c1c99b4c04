using System.Collections.ObjectModel;
using System.Globalization;

namespace BedrockCompliance;

/// <summary>
/// The list behind every list member of the output types: a read-only list whose ToString joins its items with "; ",
/// so Export-Csv (which writes each property's ToString) gives "a; b" instead of "System.String[]", while scripts,
/// formatting and ConvertTo-Json still see a list.
/// </summary>
public sealed class ValueList<T> : ReadOnlyCollection<T>
{
    /// <summary>The separator Export-Csv cells show between items.</summary>
    public const string Separator = "; ";

    public static readonly ValueList<T> Empty = new ValueList<T>(Array.Empty<T>());

    ValueList(IList<T> items) : base(items) { }

    /// <summary>A copy of <paramref name="items"/> (null: empty); an existing ValueList is kept as it is.</summary>
    public static ValueList<T> From(IEnumerable<T>? items) =>
        items is ValueList<T> list ? list : items == null ? Empty : new ValueList<T>(items.ToArray());

    public override string ToString() => string.Join(Separator, this.Select(i => i?.ToString()).Where(s => !string.IsNullOrEmpty(s)));
}

/// <summary>The culture-independent text of timestamps and dates, for the string companions of DateTime members.</summary>
public static class IsoText
{
    /// <summary>An instant as ISO-8601 UTC ("2026-05-01T12:00:00Z"); an Unspecified kind is taken as UTC (the engine's clock is UTC).</summary>
    public static string? Timestamp(DateTime? value)
    {
        if (value == null) return null;
        var utc = value.Value.Kind == DateTimeKind.Local ? value.Value.ToUniversalTime() : DateTime.SpecifyKind(value.Value, DateTimeKind.Utc);
        return utc.ToString(utc.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A calendar date as ISO-8601 ("2026-05-01").</summary>
    public static string? Date(DateTime? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
