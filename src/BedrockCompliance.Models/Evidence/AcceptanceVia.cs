namespace BedrockCompliance;

/// <summary>How an acceptance came about (the <c>acceptedVia</c> evidence member and <see cref="BedrockAgreementEvent.AcceptedVia"/>).</summary>
public static class AcceptanceVia
{
    /// <summary>Deliberately, through this module (its user agent is in the CloudTrail event, or the ledger recorded it).</summary>
    public const string Tool = "Tool";
    /// <summary>Deliberately, through another client: the console, the AWS CLI, an SDK, an API key.</summary>
    public const string OtherClient = "OtherClient";
    /// <summary>Implicitly: the model's first invocation accepted its EULA (Bedrock's behaviour since October 2025).</summary>
    public const string FirstInvocation = "FirstInvocation";
    /// <summary>Older than CloudTrail's 90 days: only the current availability shows the agreement exists.</summary>
    public const string BeforeHistory = "BeforeHistory";
}
