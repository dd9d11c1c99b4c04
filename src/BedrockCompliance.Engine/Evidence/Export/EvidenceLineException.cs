namespace BedrockCompliance.Engine.Evidence;

/// <summary>A ledger line that is not a record stopped an export (see <see cref="EvidenceCsvExportOptions.IncludeInvalid"/>).</summary>
internal sealed class EvidenceLineException : Exception
{
    public EvidenceLineException(string path, EvidenceProblem problem)
        : base($"Line {problem.LineNumber} of the evidence ledger '{path}' is not a record ({problem.Reason}: {problem.Message}). " +
               "Nothing was exported: evidence is never dropped silently. Run Test-BedrockComplianceEvidence, or export with -IncludeInvalid to put the line in the CSV as an 'InvalidLine' row.")
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }
    public EvidenceProblem Problem { get; }
}
