namespace BedrockCompliance.Engine.Catalog;

/// <summary>A catalog file that cannot be used; the message names the file, the entry and the field.</summary>
internal sealed class CatalogFormatException : Exception
{
    public CatalogFormatException(string file, int? entryIndex, string? field, string problem, Exception? inner = null)
        : base(Format(file, entryIndex, field, problem), inner)
    {
        File = file;
        EntryIndex = entryIndex;
        Field = field;
    }

    public string File { get; }
    public int? EntryIndex { get; }
    public string? Field { get; }

    static string Format(string file, int? entry, string? field, string problem)
    {
        string where = $"Licence catalog '{file}'";
        if (entry.HasValue) where += $", entry {entry.Value + 1}";
        if (field != null) where += $", field '{field}'";
        return $"{where}: {problem}";
    }
}
