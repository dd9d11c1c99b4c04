using System.Diagnostics;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Engine.Report;

/// <summary>Export-BedrockComplianceReport's engine: fold the ledger and the live results, then write the HTML.</summary>
internal static class ComplianceReport
{
    public const string DefaultTitle = "Amazon Bedrock licence compliance report";

    /// <summary>Writes the report of <paramref name="data"/> (already filled) to <paramref name="output"/> as UTF-8.</summary>
    public static BedrockComplianceReport Write(ComplianceReportBuilder data, Stream output, string? title, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        data.Complete();
        var counting = new CountingStream(output);
        using (var writer = new StreamWriter(counting, new UTF8Encoding(false), 1 << 16, leaveOpen: true))
            new HtmlReportWriter(writer).Write(data, string.IsNullOrWhiteSpace(title) ? DefaultTitle : title!, DateTime.UtcNow, ct);
        return new BedrockComplianceReport
        {
            LedgerPath = data.LedgerPath,
            RecordCount = data.Records,
            AccountCount = data.Accounts.Count,
            ModelRows = data.Accounts.Values.Sum(a => a.Rows.Count),
            AcceptedCount = data.Accounts.Values.Sum(a => a.Rows.Values.Count(r => r.Agreement != null && r.Agreement.StartsWith("Accepted", StringComparison.Ordinal))),
            OutsideReviewCount = data.OutsideReview.Count,
            PrivacyFailureCount = data.Privacy.Values.Count(p => p.Status == "Fail"),
            ChainValid = data.Chain?.Valid == true,
            LastHash = data.Chain?.LastHash,
            Bytes = counting.Written,
            RenderSeconds = watch.Elapsed.TotalSeconds,
        };
    }

    /// <summary>Counts the bytes written through it (the report's size without a second look at the file).</summary>
    sealed class CountingStream : Stream
    {
        readonly Stream _inner;
        public CountingStream(Stream inner) => _inner = inner;
        public long Written { get; private set; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written;
        public override long Position { get => Written; set => throw new NotSupportedException(); }
        public override void Flush() => _inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) { _inner.Write(buffer, offset, count); Written += count; }
    }
}
