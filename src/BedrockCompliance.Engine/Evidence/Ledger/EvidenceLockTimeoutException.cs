namespace BedrockCompliance.Engine.Evidence;

/// <summary>The ledger's cross-process write lock could not be taken in time.</summary>
internal sealed class EvidenceLockTimeoutException : IOException
{
    public EvidenceLockTimeoutException(string message, Exception? inner) : base(message, inner) { }
}
