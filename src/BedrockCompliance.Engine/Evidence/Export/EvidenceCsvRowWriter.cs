using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// Writes export rows with CsvHelper, columns in <see cref="EvidenceFields.Columns"/> order, applying the OWASP
/// CSV-injection rule to every text cell. Three shapes of row: spans of the ledger line (fast path), a record's
/// strings (slow path) and an invalid line.
/// </summary>
internal static class EvidenceCsvRowWriter
{
    public const string InvalidLineAction = "InvalidLine";

    internal static CsvWriterOptions WriterOptions(bool bom) => CsvWriterOptions.Default with
    {
        // Injection is neutralised by WriteText/WriteSpans (same rule as CsvInjection.Escape, without its per-field cost).
        WriteByteOrderMark = bom,
    };

    public static void WriteHeader(CsvWriter csv) =>
        csv.WriteHeader(new ReadOnlySpan<string>(EvidenceFields.ColumnNames)); // the overload every CsvHelper 34 target has

    /// <summary>The row of a record, as strings in column order (slow path and tests).</summary>
    public static string?[] ToRow(EvidenceRecord r)
    {
        var columns = EvidenceFields.Columns;
        var row = new string?[columns.Length];
        for (int c = 0; c < columns.Length; c++) row[c] = columns[c].Get(r);
        return row;
    }

    public static void WriteStrings(CsvWriter csv, string?[] row)
    {
        foreach (var v in row) WriteText(csv, v);
        csv.EndRecord();
    }

    /// <summary>
    /// A fast-path row: each column's value is <paramref name="strings"/>[member] when set, else the UTF-8 slice
    /// <paramref name="start"/>/<paramref name="length"/>[<paramref name="baseIndex"/> + member] of <paramref name="data"/>.
    /// </summary>
    [MethodImpl(HotPath.Optimize)]
    public static void WriteSpans(CsvWriter csv, byte[] data, int[] start, int[] length, int baseIndex, string?[]? strings, long line, byte[] scratch)
    {
        foreach (int m in ColumnMembers)
        {
            if (m < 0) // not stored: the line number
            {
                Utf8Formatter.TryFormat(line, scratch, out int n);
                csv.WriteField(new ReadOnlySpan<byte>(scratch, 0, n));
                continue;
            }
            string? s = strings?[m];
            if (s != null) { WriteText(csv, s); continue; }
            int len = length[baseIndex + m];
            if (len <= 0) { csv.WriteField(ReadOnlySpan<byte>.Empty); continue; }
            int at = start[baseIndex + m];
            if (IsFormulaStart(data[at])) WriteText(csv, Encoding.UTF8.GetString(data, at, len));
            else csv.WriteField(new ReadOnlySpan<byte>(data, at, len));
        }
        csv.EndRecord();
    }

    /// <summary>Each column's <see cref="EvidenceField.Index"/> (-1: not stored), read per cell without going through the field.</summary>
    static readonly int[] ColumnMembers = Array.ConvertAll(EvidenceFields.Columns, c => c.Index);

    /// <summary>A line that is not a record: Action 'InvalidLine', Outcome the reason, Details the message and raw text.</summary>
    public static void WriteInvalid(CsvWriter csv, EvidenceProblem p, byte[] buf, int off, int len)
    {
        string raw;
        if (Utf8Validation.FindInvalidUtf8(buf, off, len, out _) >= 0) raw = "base64:" + Convert.ToBase64String(buf, off, len);
        else raw = Encoding.UTF8.GetString(buf, off, len);
        var row = new string?[EvidenceFields.Columns.Length];
        row[EvidenceFields.Action.ColumnIndex] = InvalidLineAction;
        row[EvidenceFields.Outcome.ColumnIndex] = p.Reason.ToString();
        row[EvidenceFields.Details.ColumnIndex] = p.Message + " | raw: " + raw;
        row[EvidenceFields.LineNumber.ColumnIndex] = p.LineNumber.ToString(CultureInfo.InvariantCulture);
        WriteStrings(csv, row);
    }

    /// <summary>
    /// OWASP CSV-injection rule: a cell that starts with = + - @, tab or CR gets a leading ' (Excel and LibreOffice
    /// then show it as text) and is quoted. Done here (CsvHelper's own Injection=Escape does the same, but checking
    /// every field through its custom-handling path costs a third of the export time).
    /// </summary>
    [MethodImpl(HotPath.Optimize)]
    public static void WriteText(CsvWriter csv, string? value)
    {
        if (!string.IsNullOrEmpty(value) && value![0] < 0x80 && IsFormulaStart((byte)value[0]))
            csv.WriteField("'" + value, CsvQuoting.Always);
        else
            csv.WriteField(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // per cell; the JIT had left it a call
    internal static bool IsFormulaStart(byte b) => b == (byte)'=' || b == (byte)'+' || b == (byte)'-' || b == (byte)'@' || b == (byte)'\t' || b == (byte)'\r';
}
