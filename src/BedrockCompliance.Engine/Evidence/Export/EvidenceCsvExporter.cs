using CsvHelper;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// Streams a ledger to CSV with CsvHelper in constant memory: RFC 4180, UTF-8 (with BOM by default), CRLF, the
/// stable column order <see cref="Columns"/>, timestamps as stored (ISO-8601 UTC, milliseconds, 'Z'), and every text
/// cell that starts with = + - @, tab or CR prefixed with ' and quoted (the OWASP rule).
/// Values are copied from the line's UTF-8 bytes without building strings where the JSON needs no unescaping
/// (<see cref="FastRecordExtractor"/>); <see cref="ExportPipeline"/> runs the stages.
/// </summary>
internal static class EvidenceCsvExporter
{
    /// <summary>The CSV columns, in order (from <see cref="EvidenceFields"/>). Part of the product's contract: new columns are only appended.</summary>
    public static IReadOnlyList<string> Columns { get; } = Array.AsReadOnly(EvidenceFields.ColumnNames);

    /// <summary>
    /// Exports to a file: writes a temporary file beside it and moves it into place only when the export is complete,
    /// so a failed or cancelled export leaves any existing file untouched. The caller decides about overwriting.
    /// </summary>
    public static EvidenceCsvExportResult ExportToFile(string ledgerPath, string csvPath, EvidenceCsvExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        string full = Path.GetFullPath(csvPath);
        string dir = Path.GetDirectoryName(full) ?? ".";
        string temp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            EvidenceCsvExportResult result;
            using (var ledger = EvidenceReader.OpenStream(ledgerPath, cancellationToken))
            using (var dest = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan))
            {
                result = Export(ledger, ledgerPath, dest, options, cancellationToken);
                dest.Flush();
            }
            if (File.Exists(full)) File.Replace(temp, full, null, ignoreMetadataErrors: true);
            else File.Move(temp, full);
            return result;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Exports from a ledger stream to a CSV stream (left open); see <see cref="ExportPipeline"/>.</summary>
    public static EvidenceCsvExportResult Export(Stream ledger, string ledgerPath, Stream destination, EvidenceCsvExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EvidenceCsvExportOptions();
        using var csv = CsvWriter.Create(destination, EvidenceCsvRowWriter.WriterOptions(options.ByteOrderMark), leaveOpen: true);
        EvidenceCsvRowWriter.WriteHeader(csv);
        var result = ExportPipeline.Run(ledger, ledgerPath, csv, options, cancellationToken);
        csv.Flush();
        return result;
    }

    /// <summary>The row of a record, as strings in <see cref="Columns"/> order.</summary>
    public static string?[] ToRow(EvidenceRecord r) => EvidenceCsvRowWriter.ToRow(r);
}
