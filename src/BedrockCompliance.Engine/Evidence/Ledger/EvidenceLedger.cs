using System.Buffers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The append-only evidence ledger (one JSON object per line, hash-chained; see <see cref="EvidenceFormat"/>).
/// Every cmdlet that changes or observes licence state records through this type:
/// <code>
/// var ledger = EvidenceLedger.Open(EvidencePaths.Resolve(evidencePathParameter), EvidenceContext.Create(principalArn));
/// ledger.Append(new EvidenceRecord { Action = EvidenceAction.AgreementIntent, Outcome = EvidenceOutcome.Pending, AccountId = …, Region = …, ModelId = … });
/// </code>
/// An append takes the cross-process lock, reads the last committed record's hash and sequence from the end of the
/// file, writes its line and fsyncs before returning, so a returned record is on disk. Concurrent appends within
/// one process share that lock and fsync (group commit, <see cref="EvidenceGroupCommit"/>). Thread-safe; holds no
/// file open between appends.
/// </summary>
public sealed class EvidenceLedger
{
    readonly EvidenceLedgerOptions _options;
    // An s3:// path: the records go to the write-once S3 chain instead of the file (Evidence/Store).
    readonly S3EvidenceStore? _s3;

    EvidenceLedger(string path, EvidenceContext context, EvidenceLedgerOptions options)
    {
        Path = path;
        Context = context;
        _options = options;
        if (S3EvidenceLocation.IsS3(path)) _s3 = S3EvidenceStores.For(path);
    }

    public string Path { get; }
    public EvidenceContext Context { get; }

    /// <summary>Opens (without creating) the ledger at <paramref name="path"/> or, when null, the resolved default.</summary>
    public static EvidenceLedger Open(string? path = null, EvidenceContext? context = null, EvidenceLedgerOptions? options = null) =>
        new EvidenceLedger(EvidencePaths.Resolve(path), context ?? EvidenceContext.Create(), options ?? new EvidenceLedgerOptions());

    /// <summary>Appends one record durably and returns it as stored (with Id, Sequence, Timestamp, hashes).</summary>
    /// <exception cref="ArgumentException">The record is not valid (unknown action or outcome, malformed account ID …).</exception>
    /// <exception cref="ComplianceException">The ledger could not be written (ErrorId from <see cref="EvidenceWriteErrors"/>:
    /// read-only, a directory, a parent that is a file, disk full, other write failure).</exception>
    /// <exception cref="EvidenceLockTimeoutException">Other writers held the lock too long.</exception>
    public EvidenceRecord Append(EvidenceRecord draft, CancellationToken cancellationToken = default)
    {
        var record = Prepare(draft);
        if (_s3 != null) { _s3.AppendAsync(new[] { record }, cancellationToken).GetAwaiter().GetResult(); return record; }
        Commit(new[] { record }, cancellationToken);
        return record;
    }

    public async Task<EvidenceRecord> AppendAsync(EvidenceRecord draft, CancellationToken cancellationToken = default)
    {
        var record = Prepare(draft);
        if (_s3 != null) { await _s3.AppendAsync(new[] { record }, cancellationToken).ConfigureAwait(false); return record; }
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            EnsureDirectory();
            await EvidenceGroupCommit.For(Path).CommitAsync(new[] { record },
                async () => await EvidenceFileLock.AcquireAsync(Path, _options.LockTimeout, cancellationToken).ConfigureAwait(false),
                WriteLocked).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsWriteError(ex)) { throw EvidenceWriteErrors.Classify(ex, Path); }
        return record;
    }

    /// <summary>Concurrent appends of this process share one lock and one fsync (<see cref="EvidenceGroupCommit"/>).</summary>
    void Commit(IReadOnlyList<EvidenceRecord> records, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            EnsureDirectory();
            EvidenceGroupCommit.For(Path).Commit(records, () => EvidenceFileLock.Acquire(Path, _options.LockTimeout, cancellationToken), WriteLocked);
        }
        catch (Exception ex) when (IsWriteError(ex)) { throw EvidenceWriteErrors.Classify(ex, Path); }
    }

    /// <summary>I/O failures to classify; a lock timeout keeps its own type (and ErrorId EvidenceLedgerLockTimeout).</summary>
    static bool IsWriteError(Exception ex) => (ex is IOException && ex is not EvidenceLockTimeoutException) || ex is UnauthorizedAccessException;

    /// <summary>
    /// Fails fast, before a command changes anything, when the ledger cannot be written (read-only file system, no
    /// permission, a directory, a parent that is a file): a <see cref="ComplianceException"/> with an
    /// <see cref="EvidenceWriteErrors"/> id. Creates nothing: an existing ledger is opened for writing, else a probe
    /// file is created and removed in its folder.
    /// </summary>
    public void EnsureWritable()
    {
        if (_s3 != null) return; // an S3 chain is checked by its first conditional write
        try
        {
            if (EvidenceWriteErrors.CheckPath(Path) is { } error) throw error;
            if (File.Exists(Path))
            {
                using (new FileStream(Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None)) { }
                return;
            }
            // Nothing is created (a -WhatIf run leaves no ledger): a probe file beside it, removed at once.
            string? dir = System.IO.Path.GetDirectoryName(Path);
            if (string.IsNullOrEmpty(dir) || !Directory.Exists(dir)) return; // created, with the ledger, by the first append
            string probe = System.IO.Path.Combine(dir, "." + System.IO.Path.GetFileName(Path) + ".probe-" + Guid.NewGuid().ToString("N"));
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception ex) when (IsWriteError(ex)) { throw EvidenceWriteErrors.Classify(ex, Path); }
    }

    /// <summary>
    /// Appends the record unless <paramref name="stillNeeded"/>, asked under the cross-process lock, says the ledger
    /// already holds what it would say (another process recorded it meanwhile). Null when nothing was appended.
    /// </summary>
    public async Task<EvidenceRecord?> AppendOnceAsync(EvidenceRecord draft, Func<bool> stillNeeded, CancellationToken cancellationToken = default)
    {
        var record = Prepare(draft);
        // No lock in S3: the check runs just before the conditional write, so racing runs rarely both record it.
        if (_s3 != null)
        {
            if (!stillNeeded()) return null;
            await _s3.AppendAsync(new[] { record }, cancellationToken).ConfigureAwait(false);
            return record;
        }
        EnsureDirectory();
        using (await EvidenceFileLock.AcquireAsync(Path, _options.LockTimeout, cancellationToken).ConfigureAwait(false))
        {
            if (!stillNeeded()) return null;
            WriteLocked(new[] { record });
        }
        return record;
    }

    /// <summary>
    /// Appends several records under one lock with one fsync at the end (bulk observations). Either all are
    /// validated before anything is written, or an ArgumentException names the bad one.
    /// </summary>
    public IReadOnlyList<EvidenceRecord> AppendRange(IEnumerable<EvidenceRecord> drafts, CancellationToken cancellationToken = default)
    {
        var records = new List<EvidenceRecord>();
        int index = 0;
        foreach (var d in drafts)
        {
            try { records.Add(Prepare(d)); }
            catch (ArgumentException ex) { throw new ArgumentException($"Record {index}: {ex.Message}", nameof(drafts), ex); }
            index++;
        }
        if (records.Count == 0) return records;
        if (_s3 != null) { _s3.AppendAsync(records, cancellationToken).GetAwaiter().GetResult(); return records; }
        Commit(records, cancellationToken);
        return records;
    }

    void EnsureDirectory()
    {
        string? dir = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }

    // ---- validation and secret guard ---------------------------------------------------------------------

    static readonly Regex AccountIdPattern = new Regex(@"^[0-9]{12}$", RegexOptions.Compiled | RegexOptions.CultureInvariant);
    static readonly Regex ArnPattern = new Regex(@"^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]{12}:\S+$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    /// <summary>Copies the caller's fields, validates them, redacts secrets and fills the context fields.</summary>
    internal EvidenceRecord Prepare(EvidenceRecord draft)
    {
        if (draft == null) throw new ArgumentNullException(nameof(draft));
        string action = EvidenceAction.Normalize(draft.Action)
            ?? throw new ArgumentException($"Unknown evidence action '{draft.Action}'. Valid: {string.Join(", ", EvidenceAction.All)}.", nameof(draft));
        string outcome = EvidenceOutcome.Normalize(draft.Outcome)
            ?? throw new ArgumentException($"Unknown evidence outcome '{draft.Outcome}'. Valid: {string.Join(", ", EvidenceOutcome.All)}.", nameof(draft));
        var r = new EvidenceRecord
        {
            Version = EvidenceFormat.FormatVersion,
            Id = Guid.NewGuid(),
            Action = action,
            Outcome = outcome,
            LedgerPath = Path,
        };
        // Every text member passes the secret guard, whether it comes from the caller or the run's context.
        foreach (var f in EvidenceFields.Cleaned)
        {
            string? value = f.Source == EvidenceFieldSource.Context ? null : Clean(f.Get(draft));
            if (value == null && f.FromContext != null) value = Clean(f.FromContext(Context));
            f.Set!(r, value);
        }
        if (r.AccountId != null && !AccountIdPattern.IsMatch(r.AccountId))
            throw new ArgumentException($"AccountId '{r.AccountId}' is not a 12-digit AWS account ID.", nameof(draft));
        if (r.Region != null && !Aws.AwsRegions.IsRegionName(r.Region))
            throw new ArgumentException($"Region '{r.Region}' is not an AWS Region name.", nameof(draft));
        if (r.PrincipalArn != null && !ArnPattern.IsMatch(r.PrincipalArn))
            throw new ArgumentException($"PrincipalArn '{r.PrincipalArn}' is not an ARN with an account ID.", nameof(draft));
        return r;
    }

    /// <summary>Secret guard, invalid UTF-16 repair and length cap for one field; whitespace-only is null. Otherwise kept exactly.</summary>
    static string? Clean(string? value)
    {
        if (value == null || value.Trim().Length == 0) return null;
        string v = value;
        v = RepairUtf16(v);
        v = EvidenceSecretGuard.Scrub(v)!;
        if (v.Length > EvidenceFormat.MaxFieldLength)
            v = v.Substring(0, EvidenceFormat.MaxFieldLength) + "…[truncated]";
        return v;
    }

    static string RepairUtf16(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { i++; continue; }
            var sb = new StringBuilder(s.Length);
            for (int j = 0; j < s.Length; j++)
            {
                char d = s[j];
                if (char.IsHighSurrogate(d) && j + 1 < s.Length && char.IsLowSurrogate(s[j + 1])) { sb.Append(d).Append(s[j + 1]); j++; }
                else if (char.IsSurrogate(d)) sb.Append('\uFFFD');
                else sb.Append(d);
            }
            return sb.ToString();
        }
        return s;
    }

    // ---- the write under the lock -----------------------------------------------------------------------

    void WriteLocked(IReadOnlyList<EvidenceRecord> records)
    {
        using var fs = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete, 4096, FileOptions.None);
        var tail = ReadTail(fs);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var scratch = new MemoryStream(1024);
        var output = new MemoryStream(records.Count * 900 + 1);
        // A torn tail is terminated (never merged into) and stays in the file for verification to report.
        if (tail.Torn) output.WriteByte((byte)'\n');
        // A sequence a torn line had started to use is never reused: a later reuse then shows a cut record (issue 15.8).
        EvidenceFormat.Chain(records, Math.Max(tail.Sequence, tail.TornSequence), tail.Hash, output, scratch, sha);
        fs.Seek(0, SeekOrigin.End);
        fs.Write(output.GetBuffer(), 0, (int)output.Length);
        fs.Flush(flushToDisk: true);
    }

    internal struct Tail
    {
        public long Sequence;
        public string Hash;
        public bool Torn;
        /// <summary>The highest sequence readable in the torn lines after the last committed record (0: none).</summary>
        public long TornSequence;
    }

    /// <summary>
    /// Finds the last committed record (a complete line that parses as a record) by reading backwards from the end,
    /// and whether the file ends in a torn (unterminated) line.
    /// </summary>
    internal static Tail ReadTail(FileStream fs)
    {
        long length = fs.Length;
        var result = new Tail { Sequence = 0, Hash = EvidenceFormat.GenesisHash };
        if (length == 0) return result;
        // A record is about a kilobyte: a small first window usually holds the last one (it widens when not), and the
        // buffer is pooled. This runs once per written batch, and a fresh 64 KiB array each time was a large share of
        // what evidence writing allocated.
        int window = (int)Math.Min(length, 8 * 1024);
        using var parser = new EvidenceLineParser();
        byte[]? buf = null;
        try
        {
            while (true)
            {
                long start = length - window;
                if (buf == null || buf.Length < window)
                {
                    if (buf != null) ArrayPool<byte>.Shared.Return(buf);
                    buf = ArrayPool<byte>.Shared.Rent(window);
                }
                fs.Seek(start, SeekOrigin.Begin);
                ReadExactly(fs, buf, window);
                result.Torn = buf[window - 1] != (byte)'\n';
                // Walk complete lines backwards: [lineStart, lineEnd) excluding LF.
                int lineEnd = result.Torn ? LastIndexOf(buf, (byte)'\n', window - 1) : window - 1;
                ChainFields? completed = null;
                if (result.Torn)
                {
                    NoteTorn(ref result, buf, lineEnd + 1, window - lineEnd - 1);
                    // A whole record that lacks only its LF (a crash just before it): the LF written next completes it.
                    if (parser.Parse(buf, lineEnd + 1, window - lineEnd - 1, terminated: true, tooLong: false, out var whole, null) == LineStatus.Record && whole.HashMatches)
                        completed = whole;
                }
                while (lineEnd >= 0)
                {
                    int nl = LastIndexOf(buf, (byte)'\n', lineEnd - 1);
                    if (nl < 0 && start > 0) break; // line begins before the window: widen it
                    int lineStart = nl + 1;
                    var status = parser.Parse(buf, lineStart, lineEnd - lineStart, terminated: true, tooLong: false, out var chain, null);
                    if (status == LineStatus.Record)
                    {
                        bool links = completed is { } c && c.Sequence == chain.Sequence + 1 && string.Equals(c.PrevHash, chain.Hash, StringComparison.Ordinal);
                        result.Sequence = links ? completed!.Value.Sequence : chain.Sequence;
                        result.Hash = links ? completed!.Value.Hash : chain.Hash;
                        return result;
                    }
                    if (status == LineStatus.Torn) NoteTorn(ref result, buf, lineStart, lineEnd - lineStart);
                    lineEnd = nl;
                }
                if (start == 0)
                {
                    // No committed record at all: chain from genesis (or from a completed first record).
                    if (completed is { } first && first.Sequence == 1 && first.PrevHash == EvidenceFormat.GenesisHash) { result.Sequence = 1; result.Hash = first.Hash; }
                    return result;
                }
                window = (int)Math.Min(length, (long)window * 4);
            }
        }
        finally { if (buf != null) ArrayPool<byte>.Shared.Return(buf); }
    }

    static void NoteTorn(ref Tail tail, byte[] buf, int off, int len)
    {
        long? seq = EvidenceLineParser.TornSequence(buf, off, len);
        if (seq > tail.TornSequence) tail.TornSequence = seq.Value;
    }

    static int LastIndexOf(byte[] buf, byte value, int fromInclusive)
    {
        if (fromInclusive < 0) return -1;
        return new ReadOnlySpan<byte>(buf, 0, fromInclusive + 1).LastIndexOf(value);
    }

    static void ReadExactly(Stream s, byte[] buf, int count)
    {
        int read = 0;
        while (read < count)
        {
            int n = s.Read(buf, read, count - read);
            if (n == 0) throw new EndOfStreamException("The evidence ledger shrank while it was read.");
            read += n;
        }
    }
}
