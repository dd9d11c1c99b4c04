using BedrockCompliance.Engine.Aws;
using static BedrockCompliance.Engine.Privacy.PrivacyText;

namespace BedrockCompliance.Engine.Privacy;

/// <summary>Which exceptions make a check Unknown (never Pass), and the Unknown result that says why.</summary>
internal static class CheckFailures
{
    /// <summary>AWS answered with an error, the answer was unusable, the network failed, or SigV4 credentials are missing.</summary>
    public static bool IsCheckFailure(Exception ex, CancellationToken ct) =>
        !(ex is OperationCanceledException && ct.IsCancellationRequested) &&
        (ex is AwsServiceException || ex is AwsResponseFormatException || ex is AwsTransportException || ex is AwsConfigurationException);

    /// <summary>The error code recorded on an Unknown: the AWS code, the configuration error, or the failure kind.</summary>
    public static string? ErrorCodeOf(Exception ex) => (ex as AwsServiceException)?.ErrorCode ?? (ex as AwsConfigurationException)?.ErrorId
        ?? (ex is AwsResponseFormatException ? "InvalidResponse" : ex is AwsTransportException ? "EndpointUnreachable" : null);

    /// <summary>An Unknown result for a check whose call failed: the reason, the error code, and what to grant or retry.</summary>
    public static BedrockPrivacyCheck Unverified(PrivacyCheck check, string region, string permission, Exception ex)
    {
        bool denied = AwsErrorCodes.IsAccessDenied(ex);
        return new BedrockPrivacyCheck
        {
            Check = check,
            Status = PrivacyCheckStatus.Unknown,
            ErrorCode = ErrorCodeOf(ex),
            Detail = Cap((denied ? "Could not verify: permission denied. " : "Could not verify: ") + Reason(ex)),
            Remediation = denied ? GrantRemediation(permission, region) : "Rerun the check; the failure above is not a finding about the control.",
        };
    }
}
