using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Tests.Evidence;

/// <summary>Issue 15 (Low): skipping an over-long line (it may be gigabytes) stops on Ctrl+C instead of reading it all.</summary>
public class EvidenceLineReaderCancellationTests
{
    /// <summary>64 MiB of one line with no LF; cancels the token once 8 MiB were read (as Ctrl+C would mid-skip).</summary>
    sealed class EndlessLine(CancellationTokenSource cts) : Stream
    {
        const long Size = 64L << 20;
        public long Served { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (Served >= Size) return 0;
            int n = (int)Math.Min(count, Size - Served);
            buffer.AsSpan(offset, n).Fill((byte)'x');
            Served += n;
            if (Served >= 8L << 20) cts.Cancel();
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void Skipping_an_over_long_line_observes_cancellation()
    {
        using var cts = new CancellationTokenSource();
        var stream = new EndlessLine(cts);
        using var reader = new EvidenceLineReader(stream, bufferSize: 1 << 20, leaveOpen: true, cancellationToken: cts.Token);
        Assert.ThrowsAny<OperationCanceledException>(() => reader.Next());
        Assert.True(stream.Served < 32L << 20, $"read {stream.Served} bytes after the cancellation instead of stopping");
    }

    [Fact]
    public void Without_cancellation_an_over_long_line_is_still_reported_as_too_long()
    {
        using var cts = new CancellationTokenSource();
        using var reader = new EvidenceLineReader(new EndlessLine(cts), bufferSize: 1 << 20);
        Assert.True(reader.Next());
        Assert.True(reader.TooLong);
        Assert.False(reader.Next());
    }
}
