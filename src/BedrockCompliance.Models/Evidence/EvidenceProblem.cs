namespace BedrockCompliance;

/// <summary>One problem found on one line.</summary>
public sealed class EvidenceProblem
{
    public EvidenceProblem(long lineNumber, EvidenceProblemReason reason, string message)
    {
        LineNumber = lineNumber;
        Reason = reason;
        Message = message;
    }

    public long LineNumber { get; }
    public EvidenceProblemReason Reason { get; }
    public string Message { get; }

    public override string ToString() => $"line {LineNumber}: {Reason}: {Message}";
}
