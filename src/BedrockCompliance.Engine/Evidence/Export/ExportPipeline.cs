using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using CsvHelper;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The export's three stages over a few reusable <see cref="ExportBatch"/>es (bounded, so memory stays constant):
/// a reader splits the ledger into lines and copies them into a batch; parse workers (one per core, up to four)
/// validate, parse and filter whole batches in place; the calling thread writes the batches in file order.
/// Progress and errors are reported on the calling thread.
/// </summary>
internal static class ExportPipeline
{
    const int PipelineDepth = 3;

    public static EvidenceCsvExportResult Run(Stream ledger, string ledgerPath, CsvWriter csv, EvidenceCsvExportOptions options, CancellationToken cancellationToken)
    {
        var query = options.Query != null && !options.Query.IsEmpty ? options.Query : null;
        var result = new EvidenceCsvExportResult();
        long total = ledger.CanSeek ? ledger.Length : 0;

        // Parsing is the slow stage (the writer waits on it), so it gets the cores; the reader only copies bytes.
        int workers = Math.Max(1, Math.Min(Environment.ProcessorCount, 4));
        var batches = new ExportBatch[workers + PipelineDepth];
        for (int i = 0; i < batches.Length; i++) batches[i] = new ExportBatch();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var free = new BlockingCollection<ExportBatch>(new ConcurrentQueue<ExportBatch>());
        using var ordered = new BlockingCollection<ExportBatch>(new ConcurrentQueue<ExportBatch>());
        using var toParse = new BlockingCollection<ExportBatch>(new ConcurrentQueue<ExportBatch>());
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
                if (batch.Error != null) ExceptionDispatchInfo.Capture(batch.Error).Throw();
                result.LinesRead += batch.LinesRead;
                WriteBatch(csv, batch, ledgerPath, options.IncludeInvalid, result, scratch);
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
            ExceptionDispatchInfo.Capture(ex.InnerException!).Throw();
        }
        finally
        {
            foreach (var b in batches) b.Parsed.Dispose();
        }
        cancellationToken.ThrowIfCancellationRequested();
        options.Progress?.Invoke(total, total);
        return result;
    }

    [MethodImpl(HotPath.Optimize)]
    static void WriteBatch(CsvWriter csv, ExportBatch batch, string ledgerPath, bool includeInvalid, EvidenceCsvExportResult result, byte[] scratch)
    {
        for (int row = 0; row < batch.Count; row++)
        {
            switch (batch.Kind[row])
            {
                case ExportRowKind.Spans:
                    EvidenceCsvRowWriter.WriteSpans(csv, batch.Data, batch.Start, batch.Length, row * ExportBatch.Members, (string?[]?)batch.Extra[row], batch.Line[row], scratch);
                    result.RecordsWritten++;
                    break;
                case ExportRowKind.Strings:
                    EvidenceCsvRowWriter.WriteStrings(csv, (string?[])batch.Extra[row]!);
                    result.RecordsWritten++;
                    break;
                case ExportRowKind.Invalid:
                    var (problem, raw) = ((EvidenceProblem, byte[]))batch.Extra[row]!;
                    if (!includeInvalid) throw new EvidenceLineException(ledgerPath, problem);
                    EvidenceCsvRowWriter.WriteInvalid(csv, problem, raw, 0, raw.Length);
                    result.InvalidLinesWritten++;
                    break;
            }
        }
    }

    /// <summary>
    /// The reader stage: copies each ordinary line into the batch for the parse workers. A line that is torn, too long
    /// for a batch or over <see cref="EvidenceLineReader.MaxLineLength"/> is classified here by the full parser, since
    /// only the reader still has it.
    /// </summary>
    [MethodImpl(HotPath.Optimize)]
    static void ReadLines(Stream ledger, EvidenceQuery? query, BlockingCollection<ExportBatch> free, BlockingCollection<ExportBatch> ordered,
        BlockingCollection<ExportBatch> toParse, CancellationToken ct)
    {
        using var lines = new EvidenceLineReader(ledger, leaveOpen: true, cancellationToken: ct);
        using var parser = new EvidenceLineParser();
        ExportBatch batch = free.Take(ct);
        while (lines.Next())
        {
            byte[] buf = lines.Buffer;
            int off = lines.Offset, len = lines.Length;
            if (batch.Count == ExportBatch.MaxRows || batch.DataLength + len > batch.Data.Length)
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
                batch.Kind[row] = ExportRowKind.Pending;
            }
            else Classify(batch, row, buf, off, len, lines.Terminated, lines.TooLong, query, parser);
            batch.Count++;
        }
        batch.Position = lines.Position;
        HandOn(batch, ordered, toParse, ct);
    }

    static void HandOn(ExportBatch batch, BlockingCollection<ExportBatch> ordered, BlockingCollection<ExportBatch> toParse, CancellationToken ct)
    {
        ordered.Add(batch, ct);
        toParse.Add(batch, ct);
    }

    /// <summary>A parse worker: whole batches, in place; an unexpected error is kept for the writer to report in order.</summary>
    [MethodImpl(HotPath.Optimize)]
    static void ParseBatches(EvidenceQuery? query, BlockingCollection<ExportBatch> toParse, CancellationToken ct)
    {
        var fields = new ExtractedFields();
        using var parser = new EvidenceLineParser();
        foreach (var batch in toParse.GetConsumingEnumerable(ct))
        {
            try
            {
                for (int row = 0; row < batch.Count; row++)
                    if (batch.Kind[row] == ExportRowKind.Pending) ParseRow(batch, row, fields, query, parser);
            }
            catch (Exception ex) { batch.Error = ex; }
            finally { batch.Parsed.Set(); }
        }
    }

    [MethodImpl(HotPath.Optimize)]
    static void ParseRow(ExportBatch batch, int row, ExtractedFields fields, EvidenceQuery? query, EvidenceLineParser parser)
    {
        byte[] data = batch.Data;
        int off = batch.LineStart[row], len = batch.LineLength[row];
        if (!FastRecordExtractor.TryExtract(data, off, len, fields))
        {
            Classify(batch, row, data, off, len, terminated: true, tooLong: false, query, parser);
            return;
        }
        if (query != null && !query.Matches(fields.ToFilterRecord(data))) { batch.Kind[row] = ExportRowKind.Skipped; return; }
        int members = ExportBatch.Members, baseIndex = row * members;
        string?[]? strings = null;
        // Whole-array copies; an absent member's start is never read (its length is -1).
        Array.Copy(fields.Length, 0, batch.Length, baseIndex, members);
        Array.Copy(fields.Start, 0, batch.Start, baseIndex, members);
        for (int m = 0; m < members; m++)
            if (fields.Strings[m] != null) (strings ??= new string?[members])[m] = fields.Strings[m];
        batch.Kind[row] = ExportRowKind.Spans;
        batch.Extra[row] = strings;
    }

    /// <summary>Slow path: the full parser decides what the line is.</summary>
    static void Classify(ExportBatch batch, int row, byte[] buf, int off, int len, bool terminated, bool tooLong, EvidenceQuery? query, EvidenceLineParser parser)
    {
        var record = new EvidenceRecord { LineNumber = batch.Line[row] };
        var status = parser.Parse(buf, off, len, terminated, tooLong, out _, record);
        if (status == LineStatus.Record)
        {
            if (query != null && !query.Matches(record)) { batch.Kind[row] = ExportRowKind.Skipped; return; }
            batch.Kind[row] = ExportRowKind.Strings;
            batch.Extra[row] = EvidenceCsvRowWriter.ToRow(record);
            return;
        }
        int keep = Math.Min(len, 64 * 1024);
        var raw = new byte[keep];
        Buffer.BlockCopy(buf, off, raw, 0, keep);
        batch.Kind[row] = ExportRowKind.Invalid;
        batch.Extra[row] = (new EvidenceProblem(batch.Line[row], EvidenceReader.ToReason(status), parser.Message), raw);
    }
}
