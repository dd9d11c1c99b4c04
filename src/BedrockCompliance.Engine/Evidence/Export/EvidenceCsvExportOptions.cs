namespace BedrockCompliance.Engine.Evidence;

internal sealed class EvidenceCsvExportOptions
{
    public EvidenceQuery? Query { get; set; }
    /// <summary>Write lines that are not records as rows (Action 'InvalidLine', Outcome = reason, Details = problem and raw text) instead of failing.</summary>
    public bool IncludeInvalid { get; set; }
    /// <summary>Start the file with a UTF-8 BOM (default true: Excel then reads UTF-8 instead of the ANSI code page).</summary>
    public bool ByteOrderMark { get; set; } = true;
    /// <summary>Called every few thousand lines with (bytes read, total bytes) on the exporting thread.</summary>
    public Action<long, long>? Progress { get; set; }
}
