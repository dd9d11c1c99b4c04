namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// Splits a stream into LF-terminated lines without decoding them, in constant memory (a 1 MiB buffer that grows
/// only for a longer line, up to <see cref="MaxLineLength"/>; a longer line is reported with <see cref="TooLong"/>).
/// The current line is valid until the next call of <see cref="Next"/>.
/// </summary>
internal sealed class EvidenceLineReader : IDisposable
{
    public const int MaxLineLength = 4 * 1024 * 1024;
    readonly Stream _stream;
    readonly bool _leaveOpen;
    readonly CancellationToken _cancellation;
    byte[] _buf;
    int _start, _end;
    bool _eof;

    /// <param name="cancellationToken">Observed while a too-long line is skipped (it may be gigabytes: Ctrl+C must stop it).</param>
    public EvidenceLineReader(Stream stream, int bufferSize = 1 << 20, bool leaveOpen = false, CancellationToken cancellationToken = default)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
        _cancellation = cancellationToken;
        _buf = new byte[bufferSize];
    }

    public byte[] Buffer => _buf;
    public int Offset { get; private set; }
    public int Length { get; private set; }
    public long LineNumber { get; private set; }
    /// <summary>False for a last line without LF (a torn write).</summary>
    public bool Terminated { get; private set; }
    /// <summary>The line exceeded <see cref="MaxLineLength"/>; only its first bytes are in the buffer.</summary>
    public bool TooLong { get; private set; }
    /// <summary>Bytes consumed so far (for progress).</summary>
    public long Position { get; private set; }

    public bool Next()
    {
        TooLong = false;
        while (true)
        {
            int nl = _end > _start ? new ReadOnlySpan<byte>(_buf, _start, _end - _start).IndexOf((byte)'\n') : -1;
            if (nl >= 0)
            {
                Offset = _start;
                Length = nl;
                Terminated = true;
                _start += nl + 1;
                Position += nl + 1;
                LineNumber++;
                return true;
            }
            if (_eof)
            {
                if (_end > _start)
                {
                    Offset = _start;
                    Length = _end - _start;
                    Terminated = false;
                    Position += Length;
                    _start = _end;
                    LineNumber++;
                    return true;
                }
                return false;
            }
            if (_start > 0)
            {
                System.Buffer.BlockCopy(_buf, _start, _buf, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buf.Length)
            {
                if (_buf.Length < MaxLineLength)
                    Array.Resize(ref _buf, Math.Min(_buf.Length * 2, MaxLineLength));
                else
                    return SkipLongLine();
            }
            int n = _stream.Read(_buf, _end, _buf.Length - _end);
            if (n == 0) _eof = true;
            else _end += n;
        }
    }

    bool SkipLongLine()
    {
        // Keep the first bytes for the message; discard the rest of the line.
        const int keep = 256;
        long consumed = _end;
        _end = keep;
        while (true)
        {
            _cancellation.ThrowIfCancellationRequested();
            int n = _stream.Read(_buf, keep, _buf.Length - keep);
            if (n == 0) { _eof = true; Terminated = false; break; }
            int nl = new ReadOnlySpan<byte>(_buf, keep, n).IndexOf((byte)'\n');
            if (nl >= 0)
            {
                consumed += nl + 1;
                int rest = n - nl - 1;
                System.Buffer.BlockCopy(_buf, keep + nl + 1, _buf, keep, rest);
                _start = keep;
                _end = keep + rest;
                Terminated = true;
                Offset = 0;
                Length = keep;
                TooLong = true;
                Position += consumed;
                LineNumber++;
                return true;
            }
            consumed += n;
        }
        Offset = 0;
        Length = keep;
        TooLong = true;
        Position += consumed;
        _start = _end = 0;
        LineNumber++;
        return true;
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
