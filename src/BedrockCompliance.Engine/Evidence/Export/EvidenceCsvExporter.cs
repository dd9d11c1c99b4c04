using System;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using CsvHelper;

namespace BedrockCompliance.Engine.Evidence
{
    /// <summary>A ledger line that is not a record stopped an export (see <see cref="EvidenceCsvExportOptions.IncludeInvalid"/>).</summary>
    public sealed class EvidenceLineException : Exception
    {
        public EvidenceLineException(string path, EvidenceProblem problem)
            : base($"Line {problem.LineNumber} of the evidence ledger '{path}' is not a record ({problem.Reason}: {problem.Message}). " +
                   "Nothing was exported: evidence is never dropped silently. Run Test-BedrockComplianceEvidence, or export with -IncludeInvalid to put the line in the CSV as an 'InvalidLine' row.")
        {
            Path = path;
            Problem = problem;
        }

        public string Path { get; }
        public EvidenceProblem Problem { get; }
    }

    public sealed class EvidenceCsvExportOptions
    {
        public EvidenceQuery? Query { get; set; }
        /// <summary>Write lines that are not records as rows (Action 'InvalidLine', Outcome = reason, Details = problem and raw text) instead of failing.</summary>
        public bool IncludeInvalid { get; set; }
        /// <summary>Start the file with a UTF-8 BOM (default true: Excel then reads UTF-8 instead of the ANSI code page).</summary>
        public bool ByteOrderMark { get; set; } = true;
        /// <summary>Called every few thousand lines with (bytes read, total bytes) on the exporting thread.</summary>
        public Action<long, long>? Progress { get; set; }
    }

    public sealed class EvidenceCsvExportResult
    {
        public long LinesRead { get; set; }
        public long RecordsWritten { get; set; }
        public long InvalidLinesWritten { get; set; }
    }

    /// <summary>
    /// Streams a ledger to CSV with CsvHelper in constant memory: RFC 4180, UTF-8 (with BOM by default), CRLF, the
    /// stable column order <see cref="Columns"/>, timestamps as stored (ISO-8601 UTC, milliseconds, 'Z'), and every text
    /// cell that starts with = + - @, tab or CR prefixed with ' and quoted (the OWASP rule).
    /// Values are copied from the line's UTF-8 bytes without building strings where the JSON needs no unescaping.
    /// </summary>
    public static class EvidenceCsvExporter
    {
        /// <summary>The CSV columns, in order. Part of the product's contract: append new columns at the end only.</summary>
        public static IReadOnlyList<string> Columns { get; } = new[]
        {
            "Sequence", "Timestamp", "Action", "Outcome", "AccountId", "Region", "ModelId", "Provider", "LicenseCategory",
            "LicenseName", "OfferId", "LegalTermUrl", "UseCase", "PrincipalArn", "OsUser", "Machine", "CorrelationId",
            "ModuleVersion", "Details", "Id", "LineNumber", "PrevHash", "Hash",
        };

        const string InvalidLineAction = "InvalidLine";

        // Member of each column (LineNumber has none).
        static readonly EvidenceLineParser.Member[] ColumnMembers =
        {
            EvidenceLineParser.Member.Sequence, EvidenceLineParser.Member.Timestamp, EvidenceLineParser.Member.Action, EvidenceLineParser.Member.Outcome,
            EvidenceLineParser.Member.AccountId, EvidenceLineParser.Member.Region, EvidenceLineParser.Member.ModelId, EvidenceLineParser.Member.Provider,
            EvidenceLineParser.Member.LicenseCategory, EvidenceLineParser.Member.LicenseName, EvidenceLineParser.Member.OfferId, EvidenceLineParser.Member.LegalTermUrl,
            EvidenceLineParser.Member.UseCase, EvidenceLineParser.Member.PrincipalArn, EvidenceLineParser.Member.OsUser, EvidenceLineParser.Member.Machine,
            EvidenceLineParser.Member.CorrelationId, EvidenceLineParser.Member.ModuleVersion, EvidenceLineParser.Member.Details, EvidenceLineParser.Member.Id,
            EvidenceLineParser.Member.Unknown, EvidenceLineParser.Member.PrevHash, EvidenceLineParser.Member.Hash,
        };

        internal static CsvWriterOptions WriterOptions(bool bom) => CsvWriterOptions.Default with
        {
            // Injection is neutralised by WriteText/WriteSpans (same rule as CsvInjection.Escape, without its per-field cost).
            WriteByteOrderMark = bom,
        };

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
                using (var ledger = EvidenceReader.OpenRead(ledgerPath))
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

        /// <summary>
        /// Exports from a ledger stream to a CSV stream (left open). Three stages run at once over a few reusable batches
        /// (bounded, so memory stays constant): a reader splits the ledger into lines and copies them into a batch;
        /// parse workers (one per core, up to four) validate, parse and filter whole batches in place; the calling thread
        /// writes the batches with CsvHelper in file order. Progress and errors are reported on the calling thread.
        /// </summary>
        public static EvidenceCsvExportResult Export(Stream ledger, string ledgerPath, Stream destination, EvidenceCsvExportOptions? options = null, CancellationToken cancellationToken = default)
        {
            options ??= new EvidenceCsvExportOptions();
            var query = options.Query != null && !options.Query.IsEmpty ? options.Query : null;
            var result = new EvidenceCsvExportResult();
            long total = ledger.CanSeek ? ledger.Length : 0;
            using var csv = CsvWriter.Create(destination, WriterOptions(options.ByteOrderMark), leaveOpen: true);
            csv.WriteHeader(new ReadOnlySpan<string>(ToArray(Columns))); // the overload every CsvHelper 34 target has

            // Parsing is the slow stage (the writer waits on it), so it gets the cores; the reader only copies bytes.
            int workers = Math.Max(1, Math.Min(Environment.ProcessorCount, 4));
            var batches = new Batch[workers + PipelineDepth];
            for (int i = 0; i < batches.Length; i++) batches[i] = new Batch();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var free = new BlockingCollection<Batch>(new ConcurrentQueue<Batch>());
            using var ordered = new BlockingCollection<Batch>(new ConcurrentQueue<Batch>());
            using var toParse = new BlockingCollection<Batch>(new ConcurrentQueue<Batch>());
            foreach (var b in batches) free.Add(b);

            var tasks = new List<Task>();
            tasks.Add(Task.Factory.StartNew(() =>
            {
                try { ReadLines(ledger, query, free, ordered, toParse, stop.Token); }
                finally { ordered.CompleteAdding(); toParse.CompleteAdding(); }
            }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default));
            for (int i = 0; i < workers; i++)
                tasks.Add(Task.Factory.StartNew(() => ParseBatches(query, toParse, stop.Token), stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default));

            var scratch = new byte[32];
            try
            {
                foreach (var batch in ordered.GetConsumingEnumerable(stop.Token))
                {
                    batch.Parsed.Wait(stop.Token);
                    if (batch.Error != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(batch.Error).Throw();
                    result.LinesRead += batch.LinesRead;
                    for (int row = 0; row < batch.Count; row++)
                    {
                        switch (batch.Kind[row])
                        {
                            case RowKind.Spans:
                                WriteSpans(csv, batch, row, scratch);
                                result.RecordsWritten++;
                                break;
                            case RowKind.Strings:
                                foreach (var v in (string?[])batch.Extra[row]!) WriteText(csv, v);
                                csv.EndRecord();
                                result.RecordsWritten++;
                                break;
                            case RowKind.Invalid:
                                var (problem, raw) = ((EvidenceProblem, byte[]))batch.Extra[row]!;
                                if (!options.IncludeInvalid) throw new EvidenceLineException(ledgerPath, problem);
                                WriteInvalid(csv, problem, raw, 0, raw.Length);
                                result.InvalidLinesWritten++;
                                break;
                        }
                    }
                    long position = batch.Position;
                    batch.Reset();
                    free.Add(batch);
                    options.Progress?.Invoke(position, total);
                }
            }
            catch
            {
                stop.Cancel();
                try { Task.WaitAll(tasks.ToArray()); } catch (AggregateException) { /* the first error is the one to report */ }
                throw;
            }
            try { Task.WaitAll(tasks.ToArray()); }
            catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerException!).Throw();
            }
            finally
            {
                foreach (var b in batches) b.Parsed.Dispose();
            }
            cancellationToken.ThrowIfCancellationRequested();
            csv.Flush();
            options.Progress?.Invoke(total, total);
            return result;
        }

        const int PipelineDepth = 3;

        enum RowKind : byte { Pending, Spans, Strings, Invalid, Skipped }

        /// <summary>
        /// Lines copied from the ledger (<see cref="LineStart"/>, <see cref="LineLength"/> in <see cref="Data"/>), then,
        /// once parsed, each row's values as UTF-8 slices of <see cref="Data"/> (or strings when unusual).
        /// </summary>
        sealed class Batch
        {
            public const int MaxRows = 2048;
            public const int Members = 24; // EvidenceLineParser.Member count
            public readonly byte[] Data = new byte[1 << 20];
            public int DataLength;
            public int Count;
            public long LinesRead;
            /// <summary>Ledger bytes consumed when the batch was handed on (progress).</summary>
            public long Position;
            public readonly RowKind[] Kind = new RowKind[MaxRows];
            public readonly long[] Line = new long[MaxRows];
            public readonly int[] LineStart = new int[MaxRows];
            public readonly int[] LineLength = new int[MaxRows];
            public readonly int[] Start = new int[MaxRows * Members];
            public readonly int[] Length = new int[MaxRows * Members];
            public readonly object?[] Extra = new object?[MaxRows];
            public readonly ManualResetEventSlim Parsed = new ManualResetEventSlim(false, spinCount: 0);
            public Exception? Error;

            public void Reset()
            {
                Array.Clear(Extra, 0, Count);
                Count = 0;
                DataLength = 0;
                LinesRead = 0;
                Position = 0;
                Error = null;
                Parsed.Reset();
            }
        }

        /// <summary>
        /// The reader stage: copies each ordinary line into the batch for the parse workers. A line that is torn, too long
        /// for a batch or over <see cref="EvidenceLineReader.MaxLineLength"/> is classified here by the full parser, since
        /// only the reader still has it.
        /// </summary>
        static void ReadLines(Stream ledger, EvidenceQuery? query, BlockingCollection<Batch> free, BlockingCollection<Batch> ordered,
            BlockingCollection<Batch> toParse, CancellationToken ct)
        {
            using var lines = new EvidenceLineReader(ledger, leaveOpen: true);
            using var parser = new EvidenceLineParser();
            Batch batch = free.Take(ct);
            while (lines.Next())
            {
                byte[] buf = lines.Buffer;
                int off = lines.Offset, len = lines.Length;
                if (batch.Count == Batch.MaxRows || batch.DataLength + len > batch.Data.Length)
                {
                    batch.Position = lines.Position - len - 1;
                    HandOn(batch, ordered, toParse, ct);
                    batch = free.Take(ct);
                }
                batch.LinesRead++;
                int row = batch.Count;
                batch.Line[row] = lines.LineNumber;
                if (lines.Terminated && !lines.TooLong && len <= batch.Data.Length)
                {
                    int at = batch.DataLength;
                    Buffer.BlockCopy(buf, off, batch.Data, at, len);
                    batch.DataLength += len;
                    batch.LineStart[row] = at;
                    batch.LineLength[row] = len;
                    batch.Kind[row] = RowKind.Pending;
                }
                else Classify(batch, row, buf, off, len, lines.Terminated, lines.TooLong, query, parser);
                batch.Count++;
            }
            batch.Position = lines.Position;
            HandOn(batch, ordered, toParse, ct);
        }

        static void HandOn(Batch batch, BlockingCollection<Batch> ordered, BlockingCollection<Batch> toParse, CancellationToken ct)
        {
            ordered.Add(batch, ct);
            toParse.Add(batch, ct);
        }

        /// <summary>A parse worker: whole batches, in place; an unexpected error is kept for the writer to report in order.</summary>
        static void ParseBatches(EvidenceQuery? query, BlockingCollection<Batch> toParse, CancellationToken ct)
        {
            var fields = new FieldSpans();
            using var parser = new EvidenceLineParser();
            foreach (var batch in toParse.GetConsumingEnumerable(ct))
            {
                try
                {
                    for (int row = 0; row < batch.Count; row++)
                        if (batch.Kind[row] == RowKind.Pending) ParseRow(batch, row, fields, query, parser);
                }
                catch (Exception ex) { batch.Error = ex; }
                finally { batch.Parsed.Set(); }
            }
        }

        static void ParseRow(Batch batch, int row, FieldSpans fields, EvidenceQuery? query, EvidenceLineParser parser)
        {
            byte[] data = batch.Data;
            int off = batch.LineStart[row], len = batch.LineLength[row];
            if (!TryExtract(data, off, len, fields))
            {
                Classify(batch, row, data, off, len, terminated: true, tooLong: false, query, parser);
                return;
            }
            if (query != null && !query.Matches(fields.ToFilterRecord(data))) { batch.Kind[row] = RowKind.Skipped; return; }
            int baseIndex = row * Batch.Members;
            string?[]? strings = null;
            for (int m = 0; m < Batch.Members; m++)
            {
                batch.Length[baseIndex + m] = fields.Length[m];
                batch.Start[baseIndex + m] = fields.Length[m] >= 0 ? fields.Start[m] : 0;
                if (fields.Strings[m] != null) (strings ??= new string?[Batch.Members])[m] = fields.Strings[m];
            }
            batch.Kind[row] = RowKind.Spans;
            batch.Extra[row] = strings;
        }

        /// <summary>Slow path: the full parser decides what the line is.</summary>
        static void Classify(Batch batch, int row, byte[] buf, int off, int len, bool terminated, bool tooLong, EvidenceQuery? query, EvidenceLineParser parser)
        {
            var record = new EvidenceRecord { LineNumber = batch.Line[row] };
            var status = parser.Parse(buf, off, len, terminated, tooLong, out _, record);
            if (status == LineStatus.Record)
            {
                if (query != null && !query.Matches(record)) { batch.Kind[row] = RowKind.Skipped; return; }
                batch.Kind[row] = RowKind.Strings;
                batch.Extra[row] = ToRow(record);
                return;
            }
            int keep = Math.Min(len, 64 * 1024);
            var raw = new byte[keep];
            Buffer.BlockCopy(buf, off, raw, 0, keep);
            batch.Kind[row] = RowKind.Invalid;
            batch.Extra[row] = (new EvidenceProblem(batch.Line[row], EvidenceReader.ToReason(status), parser.Message), raw);
        }

        static void WriteSpans(CsvWriter csv, Batch b, int row, byte[] scratch)
        {
            int baseIndex = row * Batch.Members;
            var strings = (string?[]?)b.Extra[row];
            for (int c = 0; c < ColumnMembers.Length; c++)
            {
                int m = (int)ColumnMembers[c];
                if (m == 0)
                {
                    Utf8Formatter.TryFormat(b.Line[row], scratch, out int n);
                    csv.WriteField(new ReadOnlySpan<byte>(scratch, 0, n));
                    continue;
                }
                string? s = strings?[m];
                if (s != null) { WriteText(csv, s); continue; }
                int len = b.Length[baseIndex + m];
                if (len <= 0) { csv.WriteField(ReadOnlySpan<byte>.Empty); continue; }
                int start = b.Start[baseIndex + m];
                if (IsFormulaStart(b.Data[start])) WriteText(csv, Encoding.UTF8.GetString(b.Data, start, len));
                else csv.WriteField(new ReadOnlySpan<byte>(b.Data, start, len));
            }
            csv.EndRecord();
        }

        /// <summary>
        /// OWASP CSV-injection rule: a cell that starts with = + - @, tab or CR gets a leading ' (Excel and LibreOffice
        /// then show it as text) and is quoted. Done here (CsvHelper's own Injection=Escape does the same, but checking
        /// every field through its custom-handling path costs a third of the export time).
        /// </summary>
        static void WriteText(CsvWriter csv, string? value)
        {
            if (!string.IsNullOrEmpty(value) && value![0] < 0x80 && IsFormulaStart((byte)value[0]))
                csv.WriteField("'" + value, CsvQuoting.Always);
            else
                csv.WriteField(value);
        }

        internal static bool IsFormulaStart(byte b) => b == (byte)'=' || b == (byte)'+' || b == (byte)'-' || b == (byte)'@' || b == (byte)'\t' || b == (byte)'\r';

        static string[] ToArray(IReadOnlyList<string> list)
        {
            var a = new string[list.Count];
            for (int i = 0; i < a.Length; i++) a[i] = list[i];
            return a;
        }

        /// <summary>The row of a record, as strings (slow path and tests).</summary>
        public static string?[] ToRow(EvidenceRecord r) => new[]
        {
            r.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), EvidenceFormat.FormatTimestamp(r.Timestamp), r.Action, r.Outcome,
            r.AccountId, r.Region, r.ModelId, r.Provider, r.LicenseCategory, r.LicenseName, r.OfferId, r.LegalTermUrl, r.UseCase, r.PrincipalArn,
            r.OsUser, r.Machine, r.CorrelationId, r.ModuleVersion, r.Details, r.Id.ToString("D"),
            r.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture), r.PrevHash, r.Hash,
        };

        static void WriteInvalid(CsvWriter csv, EvidenceProblem p, byte[] buf, int off, int len)
        {
            string raw;
            if (EvidenceFormat.FindInvalidUtf8(buf, off, len, out _) >= 0) raw = "base64:" + Convert.ToBase64String(buf, off, len);
            else raw = Encoding.UTF8.GetString(buf, off, len);
            var row = new string?[Columns.Count];
            row[2] = InvalidLineAction;
            row[3] = p.Reason.ToString();
            row[18] = p.Message + " | raw: " + raw;
            row[20] = p.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var v in row) WriteText(csv, v);
            csv.EndRecord();
        }

        /// <summary>Where each member's value is in the line (or its unescaped string).</summary>
        sealed class FieldSpans
        {
            public readonly int[] Start = new int[EvidenceLineParser.MemberNames.Length];
            public readonly int[] Length = new int[EvidenceLineParser.MemberNames.Length];
            public readonly string?[] Strings = new string?[EvidenceLineParser.MemberNames.Length];

            public void Reset()
            {
                for (int i = 0; i < Length.Length; i++) { Length[i] = -1; Strings[i] = null; }
            }

            public string? Text(byte[] buf, EvidenceLineParser.Member m)
            {
                int i = (int)m;
                if (Strings[i] != null) return Strings[i];
                return Length[i] < 0 ? null : Encoding.UTF8.GetString(buf, Start[i], Length[i]);
            }

            public EvidenceRecord ToFilterRecord(byte[] buf)
            {
                var r = new EvidenceRecord
                {
                    Action = Text(buf, EvidenceLineParser.Member.Action) ?? "",
                    AccountId = Text(buf, EvidenceLineParser.Member.AccountId),
                    ModelId = Text(buf, EvidenceLineParser.Member.ModelId),
                    CorrelationId = Text(buf, EvidenceLineParser.Member.CorrelationId),
                };
                EvidenceLineParser.TryParseTimestamp(Text(buf, EvidenceLineParser.Member.Timestamp) ?? "", out DateTime ts);
                r.Timestamp = ts;
                return r;
            }
        }

        /// <summary>
        /// Fast path: a valid UTF-8 JSON object of the canonical shape (v = 1, every required member present with its
        /// canonical form). Anything else goes to the full parser, which classifies it.
        /// </summary>
        static bool TryExtract(byte[] buf, int off, int len, FieldSpans f)
        {
            if (len < 2 || buf[off] != (byte)'{') return false;
            if (EvidenceFormat.FindInvalidUtf8(buf, off, len, out _) >= 0) return false;
            f.Reset();
            bool versionOk = false;
            try
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(buf, off, len), isFinalBlock: true, default);
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
                int nextMember = 1;
                while (reader.Read())
                {
                    if (reader.TokenType == JsonTokenType.EndObject) break;
                    if (reader.ValueIsEscaped) return false;
                    var m = EvidenceLineParser.MemberOf(reader.ValueSpan, ref nextMember);
                    if (!reader.Read()) return false;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.String:
                            if (m == EvidenceLineParser.Member.V || m == EvidenceLineParser.Member.Sequence) return false;
                            if (m == EvidenceLineParser.Member.Unknown) break;
                            if (reader.ValueIsEscaped) f.Strings[(int)m] = reader.GetString();
                            else
                            {
                                f.Start[(int)m] = off + (int)reader.TokenStartIndex + 1;
                                f.Length[(int)m] = reader.ValueSpan.Length;
                            }
                            break;
                        case JsonTokenType.Number:
                            if (m == EvidenceLineParser.Member.V) versionOk = reader.TryGetInt32(out int v) && v == EvidenceFormat.FormatVersion;
                            else if (m == EvidenceLineParser.Member.Sequence)
                            {
                                if (!reader.TryGetInt64(out long s) || s < 1) return false;
                                f.Start[(int)m] = off + (int)reader.TokenStartIndex;
                                f.Length[(int)m] = reader.ValueSpan.Length;
                            }
                            else if (m != EvidenceLineParser.Member.Unknown) return false;
                            break;
                        case JsonTokenType.Null:
                            if (m == EvidenceLineParser.Member.Unknown) break;
                            return false;
                        case JsonTokenType.StartObject:
                        case JsonTokenType.StartArray:
                            if (m != EvidenceLineParser.Member.Unknown) return false;
                            reader.Skip();
                            break;
                        default:
                            if (m != EvidenceLineParser.Member.Unknown) return false;
                            break;
                    }
                }
                if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0 || reader.Read()) return false;
            }
            catch (JsonException) { return false; }
            if (!versionOk) return false;
            // Required members in their canonical form; the full parser decides about anything unusual.
            return Has(f, EvidenceLineParser.Member.Sequence, 1, 19)
                && Has(f, EvidenceLineParser.Member.Id, 36, 36)
                && Has(f, EvidenceLineParser.Member.Timestamp, 24, 24) && TimestampShape(buf, f.Start[(int)EvidenceLineParser.Member.Timestamp])
                && Has(f, EvidenceLineParser.Member.Action, 1, int.MaxValue)
                && Has(f, EvidenceLineParser.Member.Outcome, 1, int.MaxValue)
                && Has(f, EvidenceLineParser.Member.PrevHash, 64, 64) && LowerHex(buf, f.Start[(int)EvidenceLineParser.Member.PrevHash])
                && Has(f, EvidenceLineParser.Member.Hash, 64, 64) && LowerHex(buf, f.Start[(int)EvidenceLineParser.Member.Hash]);
        }

        // 1 for '0'-'9' and 'a'-'f'. A table lookup without branches: hash digits are random, so a branch per byte
        // mispredicted often enough to cost a tenth of the whole export.
        static readonly byte[] LowerHexDigit = CreateLowerHexDigit();

        static byte[] CreateLowerHexDigit()
        {
            var t = new byte[256];
            for (int c = '0'; c <= '9'; c++) t[c] = 1;
            for (int c = 'a'; c <= 'f'; c++) t[c] = 1;
            return t;
        }

        static bool LowerHex(byte[] b, int s)
        {
            var digits = new ReadOnlySpan<byte>(b, s, 64);
            var table = LowerHexDigit;
            int ok = 1;
            for (int i = 0; i < digits.Length; i++) ok &= table[digits[i]];
            return ok != 0;
        }

        static bool Has(FieldSpans f, EvidenceLineParser.Member m, int min, int max)
        {
            int i = (int)m;
            return f.Strings[i] == null && f.Length[i] >= min && f.Length[i] <= max;
        }

        static bool TimestampShape(byte[] b, int s)
        {
            // yyyy-MM-ddTHH:mm:ss.fffZ
            for (int i = 0; i < 24; i++)
            {
                byte c = b[s + i];
                bool ok = i switch
                {
                    4 or 7 => c == '-',
                    10 => c == 'T',
                    13 or 16 => c == ':',
                    19 => c == '.',
                    23 => c == 'Z',
                    _ => c >= '0' && c <= '9',
                };
                if (!ok) return false;
            }
            return true;
        }
    }
}
