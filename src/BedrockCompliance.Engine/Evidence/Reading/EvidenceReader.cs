using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace BedrockCompliance.Engine.Evidence
{
    /// <summary>Filters for reading and exporting; null members do not filter. Predicates come from the caller (the cmdlets use PowerShell wildcards).</summary>
    public sealed class EvidenceQuery
    {
        /// <summary>Inclusive lower bound (UTC).</summary>
        public DateTime? Since { get; set; }
        /// <summary>Inclusive upper bound (UTC).</summary>
        public DateTime? Until { get; set; }
        public Func<string?, bool>? AccountId { get; set; }
        public Func<string?, bool>? ModelId { get; set; }
        public Func<string?, bool>? Action { get; set; }
        public Func<string?, bool>? CorrelationId { get; set; }

        public bool IsEmpty => Since == null && Until == null && AccountId == null && ModelId == null && Action == null && CorrelationId == null;

        public bool Matches(EvidenceRecord r) =>
            (Since == null || r.Timestamp >= Since.Value.ToUniversalTime())
            && (Until == null || r.Timestamp <= Until.Value.ToUniversalTime())
            && (AccountId == null || AccountId(r.AccountId))
            && (ModelId == null || ModelId(r.ModelId))
            && (Action == null || Action(r.Action))
            && (CorrelationId == null || CorrelationId(r.CorrelationId));
    }

    /// <summary>One line read from the ledger: a record, or a problem (a line that is not a record).</summary>
    public sealed class EvidenceReadItem
    {
        internal EvidenceReadItem(EvidenceRecord? record, EvidenceProblem? problem, byte[]? rawLine)
        {
            Record = record;
            Problem = problem;
            RawLine = rawLine;
        }

        public EvidenceRecord? Record { get; }
        public EvidenceProblem? Problem { get; }
        /// <summary>The bytes of a bad line (at most 64 KiB), for showing or exporting it.</summary>
        public byte[]? RawLine { get; }
    }

    /// <summary>Streams a ledger file line by line (constant memory). Bad lines are yielded, never skipped silently.</summary>
    public static class EvidenceReader
    {
        /// <summary>Opens a ledger for reading while writers keep appending.</summary>
        public static FileStream OpenRead(string path) =>
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);

        /// <summary>
        /// Yields matching records and every bad line. <paramref name="progress"/> gets (bytes read, total bytes) now and then.
        /// </summary>
        public static IEnumerable<EvidenceReadItem> Read(string path, EvidenceQuery? query = null, Action<long, long>? progress = null, CancellationToken cancellationToken = default)
        {
            using var fs = OpenRead(path);
            long total = fs.Length;
            using var lines = new EvidenceLineReader(fs);
            using var parser = new EvidenceLineParser();
            int tick = 0;
            while (lines.Next())
            {
                if ((++tick & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Invoke(lines.Position, total);
                }
                var record = new EvidenceRecord { LineNumber = lines.LineNumber, LedgerPath = path };
                var status = parser.Parse(lines.Buffer, lines.Offset, lines.Length, lines.Terminated, lines.TooLong, out _, record);
                if (status == LineStatus.Record)
                {
                    if (query == null || query.Matches(record)) yield return new EvidenceReadItem(record, null, null);
                }
                else
                {
                    int keep = Math.Min(lines.Length, 64 * 1024);
                    var raw = new byte[keep];
                    Buffer.BlockCopy(lines.Buffer, lines.Offset, raw, 0, keep);
                    yield return new EvidenceReadItem(null, new EvidenceProblem(lines.LineNumber, ToReason(status), parser.Message), raw);
                }
            }
            progress?.Invoke(total, total);
        }

        internal static EvidenceProblemReason ToReason(LineStatus s) => s switch
        {
            LineStatus.Torn => EvidenceProblemReason.Torn,
            LineStatus.NotJson => EvidenceProblemReason.NotJson,
            LineStatus.InvalidUtf8 => EvidenceProblemReason.InvalidUtf8,
            LineStatus.Malformed => EvidenceProblemReason.Malformed,
            _ => EvidenceProblemReason.None,
        };
    }
}
