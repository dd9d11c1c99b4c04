namespace BedrockCompliance.Engine.Evidence;

/// <summary>One line read from the ledger: a record, or a problem (a line that is not a record).</summary>
internal sealed class EvidenceReadItem
{
    internal EvidenceReadItem(EvidenceRecord? record, EvidenceProblem? problem, byte[]? rawLine)
    {
        Record = record;
        Problem = problem;
        RawLine = rawLine;
    }

    public EvidenceRecord? Record { get; }
    public EvidenceProblem? Problem { get; }
    /// <summary>The bytes of a bad line (at most 64 KiB), for showing or exporting it.</summary>
    public byte[]? RawLine { get; }
}
