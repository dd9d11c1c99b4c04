using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The objects of an S3 evidence chain, concatenated in key order, as a read-only forward stream for the ledger
/// readers (verification, reading, CSV export). Lists with ListObjectVersions and reads each key's oldest version
/// (the original write); one page of versions and one object are held at a time.
/// </summary>
internal sealed class S3EvidenceReadStream : Stream
{
    readonly S3EvidenceStore _store;
    readonly CancellationToken _ct;
    // Originals found so far, in key order; the last key of a page may have older versions on the next page.
    readonly Queue<S3VersionEntry> _ready = new Queue<S3VersionEntry>();
    S3VersionEntry? _pendingOldest;
    string? _pendingKey;
    string? _keyMarker, _versionMarker;
    bool _started, _listedAll;
    byte[] _current = Array.Empty<byte>();
    int _offset;
    long _position;

    public S3EvidenceReadStream(S3EvidenceStore store, CancellationToken ct)
    {
        _store = store;
        _ct = ct;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_ct, cancellationToken);
        while (_offset == _current.Length)
        {
            if (!await NextObjectAsync(linked.Token).ConfigureAwait(false)) return 0;
        }
        int n = Math.Min(count, _current.Length - _offset);
        Buffer.BlockCopy(_current, _offset, buffer, offset, n);
        _offset += n;
        _position += n;
        return n;
    }

    async Task<bool> NextObjectAsync(CancellationToken ct)
    {
        try
        {
            while (_ready.Count == 0)
            {
                if (_listedAll)
                {
                    if (_pendingOldest == null) return false;
                    _ready.Enqueue(_pendingOldest);
                    _pendingOldest = null;
                    break;
                }
                var page = await _store.ListVersionsPageAsync(_started ? _keyMarker : null, _started ? _versionMarker : null, ct).ConfigureAwait(false);
                _started = true;
                foreach (var v in page.Versions)
                {
                    if (_store.Location.SequenceOf(v.Key) == null) continue;
                    if (!string.Equals(v.Key, _pendingKey, StringComparison.Ordinal))
                    {
                        if (_pendingOldest != null) _ready.Enqueue(_pendingOldest);
                        _pendingKey = v.Key;
                        _pendingOldest = null;
                    }
                    // Newest first: the last real version listed for a key is its original.
                    if (!v.IsDeleteMarker) _pendingOldest = v;
                }
                _keyMarker = page.NextKeyMarker;
                _versionMarker = page.NextVersionIdMarker;
                _listedAll = page.NextKeyMarker == null;
            }
            var next = _ready.Dequeue();
            _current = await _store.GetVersionAsync(next.Key, next.VersionId, ct).ConfigureAwait(false);
            _offset = 0;
            return true;
        }
        catch (AwsServiceException ex)
        {
            throw new EvidenceStoreException($"Could not read the evidence chain {_store.Location}: {ex.Message}", ex);
        }
        catch (AwsTransportException ex)
        {
            throw new EvidenceStoreException($"Could not read the evidence chain {_store.Location}: {ex.Message}", ex);
        }
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
