using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The objects of an S3 evidence chain, concatenated in key order, as a read-only forward stream for the ledger
/// readers (verification, reading, CSV export). One ListObjectsV2 page and one object are held at a time.
/// </summary>
internal sealed class S3EvidenceReadStream : Stream
{
    readonly S3EvidenceStore _store;
    readonly CancellationToken _ct;
    readonly Queue<string> _keys = new Queue<string>();
    string? _token;
    bool _listed, _listedAll;
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
            while (_keys.Count == 0)
            {
                if (_listedAll) return false;
                var (keys, next) = await _store.ListPageAsync(_listed ? _token : null, ct).ConfigureAwait(false);
                _listed = true;
                foreach (var k in keys)
                    if (_store.Location.SequenceOf(k) != null) _keys.Enqueue(k);
                _token = next;
                _listedAll = next == null;
            }
            _current = await _store.GetAsync(_keys.Dequeue(), ct).ConfigureAwait(false);
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
