namespace BedrockCompliance.Engine.Evidence;

public sealed class EvidenceCsvExportResult
{
    public long LinesRead { get; set; }
    public long RecordsWritten { get; set; }
    public long InvalidLinesWritten { get; set; }
}
