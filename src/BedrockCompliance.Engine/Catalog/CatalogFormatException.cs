namespace BedrockCompliance.Engine.Catalog;

/// <summary>A catalog file that cannot be used; the message names the file, the entry and the field.</summary>
internal sealed class CatalogFormatException(string file, int? entryIndex, string? field, string problem, Exception? inner = null)
    : Exception(Format(file, entryIndex, field, problem), inner)
{
    public string File { get; } = file;
    public int? EntryIndex { get; } = entryIndex;
    public string? Field { get; } = field;

    static string Format(string file, int? entry, string? field, string problem)
    {
        string where = $"Licence catalog '{file}'";
        if (entry.HasValue) where += $", entry {entry.Value + 1}";
        if (field != null) where += $", field '{field}'";
        return $"{where}: {problem}";
    }
}
