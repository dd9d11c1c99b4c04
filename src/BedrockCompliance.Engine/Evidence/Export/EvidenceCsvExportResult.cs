namespace BedrockCompliance.Engine.Evidence;

internal sealed class EvidenceCsvExportResult
{
    public long LinesRead { get; set; }
    public long RecordsWritten { get; set; }
    public long InvalidLinesWritten { get; set; }
}
