using System.Security.Cryptography;
using Amazon.S3;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// A write-once evidence chain in S3, beside the local <see cref="EvidenceLedger"/> and in its record format and hash
/// chain: each append writes one object holding the new record(s) as ledger lines, at the key of its first sequence,
/// with <c>If-None-Match: *</c>. Writers on any number of machines share the chain without a lock: a writer whose
/// view of the tail is stale targets a key that already exists, gets 412, re-reads the tail and tries again, so no
/// record is lost, none interleaves, and every record chains to its predecessor. With <c>RetentionDays</c> every
/// object carries an Object Lock retention, so no one can delete or replace that version before it expires.
/// Reading concatenates the objects in key order, which is byte for byte the local ledger's format.
/// </summary>
internal sealed class S3EvidenceStore : IDisposable
{
    readonly S3ObjectClient _client;
    readonly S3EvidenceStoreOptions _options;
    // One append at a time in this process; other processes are ordered by the conditional write.
    readonly SemaphoreSlim _appendGate = new SemaphoreSlim(1, 1);
    readonly Random _jitter = new Random();
    Tail? _tail;

    public S3EvidenceStore(S3EvidenceLocation location, S3ObjectClient client, S3EvidenceStoreOptions? options = null)
    {
        Location = location;
        _client = client;
        _options = options ?? new S3EvidenceStoreOptions();
    }

    public S3EvidenceLocation Location { get; }
    public S3EvidenceStoreOptions Options => _options;
    /// <summary>The S3 endpoint (for -Verbose).</summary>
    public Uri Endpoint => _client.Endpoint;

    /// <summary>Appends lost to another writer and retried, since the store was opened (diagnostics, benchmarks).</summary>
    public int LostRaces { get; private set; }

    sealed class Tail
    {
        public string? Key;
        public long Sequence;
        public string Hash = EvidenceFormat.GenesisHash;
    }

    /// <summary>
    /// Chains prepared records (see <see cref="EvidenceLedger"/>) onto the tail and stores them as one object; returns
    /// once S3 has it. Fills Sequence, PrevHash, Timestamp and Hash.
    /// </summary>
    internal async Task AppendAsync(IReadOnlyList<EvidenceRecord> records, CancellationToken ct)
    {
        if (records.Count == 0) return;
        await _appendGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var scratch = new MemoryStream(1024);
            for (int attempt = 1; ; attempt++)
            {
                var tail = _tail ?? await ReadTailAsync(null, ct).ConfigureAwait(false) ?? new Tail();
                byte[] body = Chain(records, tail, scratch, sha);
                string key = Location.KeyFor(tail.Sequence + 1);
                var (mode, until) = Retention();
                bool stored = await _client.PutIfAbsentAsync(Location.Bucket, key, body, mode, until, ct).ConfigureAwait(false)
                    // A retried PUT whose first attempt did land finds its own bytes there.
                    || (await _client.GetAsync(Location.Bucket, key, ct).ConfigureAwait(false)).AsSpan().SequenceEqual(body);
                if (stored)
                {
                    var last = records[records.Count - 1];
                    _tail = new Tail { Key = key, Sequence = last.Sequence, Hash = last.Hash! };
                    return;
                }
                LostRaces++;
                if (attempt >= _options.MaxAppendAttempts)
                    throw new EvidenceStoreException($"Could not append to the evidence chain {Location}: {attempt} attempts in a row lost the race to other writers. Nothing was written; retry the command.");
                // Another writer got there first: re-read from our last known key on, after a short random pause.
                _tail = null;
                int pause;
                lock (_jitter) pause = _jitter.Next(5, 20 + 10 * Math.Min(attempt, 10));
                await Task.Delay(pause, ct).ConfigureAwait(false);
                _tail = await ReadTailAsync(tail.Key, ct).ConfigureAwait(false) ?? await ReadTailAsync(null, ct).ConfigureAwait(false);
            }
        }
        catch (AwsServiceException ex)
        {
            throw new EvidenceStoreException($"Could not append to the evidence chain {Location}: {ex.Message}", ex);
        }
        catch (AwsTransportException ex)
        {
            throw new EvidenceStoreException($"Could not append to the evidence chain {Location}: {ex.Message}", ex);
        }
        finally
        {
            _appendGate.Release();
        }
    }

    (ObjectLockMode? Mode, DateTime? Until) Retention()
    {
        if (_options.RetentionDays is not int days) return (null, null);
        var mode = _options.RetentionMode == EvidenceRetentionMode.Compliance ? ObjectLockMode.Compliance : ObjectLockMode.Governance;
        var now = DateTime.UtcNow;
        return (mode, new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc).AddDays(days));
    }

    static byte[] Chain(IReadOnlyList<EvidenceRecord> records, Tail tail, MemoryStream scratch, IncrementalHash sha)
    {
        var output = new MemoryStream(records.Count * 900);
        EvidenceFormat.Chain(records, tail.Sequence, tail.Hash, output, scratch, sha);
        return output.ToArray();
    }

    /// <summary>
    /// The last chain object after <paramref name="startAfter"/> (null: the whole prefix) and the last committed record
    /// in it; null when there is none after that key. Listing from the last known key keeps a retry to one short page.
    /// </summary>
    async Task<Tail?> ReadTailAsync(string? startAfter, CancellationToken ct)
    {
        string? lastKey = null;
        string? token = null;
        do
        {
            var (keys, next) = await _client.ListPageAsync(Location.Bucket, Location.Prefix, startAfter, token, _options.ListPageSize, ct).ConfigureAwait(false);
            foreach (var k in keys)
                if (Location.SequenceOf(k) != null) lastKey = k;
            token = next;
        }
        while (token != null);
        if (lastKey == null) return null;
        byte[] body = await _client.GetAsync(Location.Bucket, lastKey, ct).ConfigureAwait(false);
        if (!LastRecord(body, out long sequence, out string hash))
            throw new EvidenceStoreException($"The last object of the evidence chain, s3://{Location.Bucket}/{lastKey}, holds no committed record, so nothing can be chained to it. Run Test-BedrockComplianceEvidence -EvidencePath {Location}.");
        return new Tail { Key = lastKey, Sequence = sequence, Hash = hash };
    }

    static bool LastRecord(byte[] body, out long sequence, out string hash)
    {
        sequence = 0;
        hash = EvidenceFormat.GenesisHash;
        using var parser = new EvidenceLineParser();
        int end = body.Length > 0 && body[body.Length - 1] == (byte)'\n' ? body.Length - 1 : -1;
        while (end >= 0)
        {
            int nl = end == 0 ? -1 : new ReadOnlySpan<byte>(body, 0, end).LastIndexOf((byte)'\n');
            int start = nl + 1;
            if (parser.Parse(body, start, end - start, terminated: true, tooLong: false, out var chain, null) == LineStatus.Record)
            {
                sequence = chain.Sequence;
                hash = chain.Hash;
                return true;
            }
            end = nl;
        }
        return false;
    }

    /// <summary>
    /// The chain as one forward-only stream: the objects under the prefix in key order, each fetched when the previous
    /// one is consumed (constant memory). Of each key the <em>first</em> version is read — the one the conditional
    /// write created and Object Lock protects — so a later version or a delete marker put over it changes nothing
    /// read here. Objects under the prefix that are not named like chain objects are not part of it.
    /// </summary>
    public Stream OpenRead(CancellationToken ct = default) => new S3EvidenceReadStream(this, ct);

    internal Task<S3VersionPage> ListVersionsPageAsync(string? keyMarker, string? versionIdMarker, CancellationToken ct) =>
        _client.ListVersionsPageAsync(Location.Bucket, Location.Prefix, keyMarker, versionIdMarker, _options.ListPageSize, ct);

    internal Task<byte[]> GetVersionAsync(string key, string versionId, CancellationToken ct) => _client.GetAsync(Location.Bucket, key, ct, versionId);

    public void Dispose()
    {
        _client.Dispose();
        _appendGate.Dispose();
    }
}
