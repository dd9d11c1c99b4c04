namespace BedrockCompliance.Engine.Evidence;

/// <summary>Streams a ledger file line by line (constant memory). Bad lines are yielded, never skipped silently.</summary>
internal static class EvidenceReader
{
    /// <summary>Opens a ledger for reading while writers keep appending.</summary>
    public static FileStream OpenRead(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);

    /// <summary>Opens a ledger file, or an s3:// chain as one forward-only stream.</summary>
    public static Stream OpenStream(string path, CancellationToken cancellationToken = default) =>
        S3EvidenceLocation.IsS3(path) ? S3EvidenceStores.OpenRead(path, cancellationToken) : OpenRead(path);

    /// <summary>
    /// Yields matching records and every bad line. <paramref name="progress"/> gets (bytes read, total bytes) now and then.
    /// </summary>
    public static IEnumerable<EvidenceReadItem> Read(string path, EvidenceQuery? query = null, Action<long, long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var fs = OpenStream(path, cancellationToken);
        long total = fs.CanSeek ? fs.Length : 0;
        using var lines = new EvidenceLineReader(fs, cancellationToken: cancellationToken);
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

    /// <summary>
    /// The records of a local ledger for an index built in one scan: bad lines are passed over (the index has nothing to
    /// learn from them), and a ledger not written yet has none.
    /// </summary>
    public static IEnumerable<EvidenceRecord> RecordsOf(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) yield break;
        foreach (var item in Read(path, null, null, cancellationToken))
            if (item.Record is { } r) yield return r;
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
