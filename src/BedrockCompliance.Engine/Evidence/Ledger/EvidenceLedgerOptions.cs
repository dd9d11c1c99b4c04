namespace BedrockCompliance.Engine.Evidence;

/// <summary>Options for <see cref="EvidenceLedger"/>.</summary>
public sealed class EvidenceLedgerOptions
{
    /// <summary>How long an append waits for other writers (default 30 s).</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
