namespace BedrockCompliance.Engine.Privacy;

/// <summary>The results for one target, and the evidence write failure if the PrivacyChecked record could not be written.</summary>
internal sealed class PrivacyRun(IReadOnlyList<BedrockPrivacyCheck> results, Exception? recordFailure)
{
    public IReadOnlyList<BedrockPrivacyCheck> Results => results;
    /// <summary>Raised by the caller after the results are written, so the findings are never lost to a ledger error.</summary>
    public Exception? RecordFailure => recordFailure;
}
