namespace BedrockCompliance.Engine.Aws;

/// <summary>The one home for AWS error-code classes: throttling, transient server errors, missing permissions.</summary>
internal static class AwsErrorCodes
{
    /// <summary>
    /// The codes AWS services answer a missing IAM permission with (rest-json, JSON 1.1, query, EC2, S3). The privacy
    /// checks and the cmdlet error factory both use this list, so a denial is classified the same everywhere.
    /// </summary>
    public static bool IsAccessDenied(string? code) => code switch
    {
        "AccessDeniedException" or "AccessDenied" or "UnauthorizedOperation" or "UnauthorizedAccess" or "NotAuthorized"
            or "AuthorizationError" or "OperationNotPermittedException" or "AllAccessDisabled" => true,
        _ => false,
    };

    /// <summary>A service answer meaning the caller lacks the permission (as opposed to a failure or a finding).</summary>
    public static bool IsAccessDenied(System.Exception? ex) => ex is AwsServiceException s && IsAccessDenied(s.ErrorCode);

    public static bool IsThrottling(string code) => code switch
    {
        "ThrottlingException" or "Throttling" or "ThrottledException" or "RequestThrottledException" or "TooManyRequestsException"
            or "ProvisionedThroughputExceededException" or "TransactionInProgressException" or "RequestLimitExceeded"
            or "BandwidthLimitExceeded" or "LimitExceededException" or "RequestThrottled" or "SlowDown" or "PriorRequestNotComplete"
            or "EC2ThrottledException" => true,
        _ => false,
    };

    public static bool IsTransientServer(string code) => code switch
    {
        "InternalServerException" or "InternalFailure" or "InternalError" or "ServiceUnavailable" or "ServiceUnavailableException"
            or "RequestTimeout" or "RequestTimeoutException" => true,
        _ => false,
    };

    /// <summary>
    /// Cuts 'AccessDeniedException:http://internal…' and 'com.amazonaws.bedrock#AccessDeniedException' down to the name,
    /// as the AWS SDKs do.
    /// </summary>
    public static string Sanitize(string raw)
    {
        string s = raw.Trim();
        int colon = s.IndexOf(':');
        if (colon >= 0) s = s.Substring(0, colon);
        int comma = s.IndexOf(',');
        if (comma >= 0) s = s.Substring(0, comma);
        int hash = s.LastIndexOf('#');
        if (hash >= 0) s = s.Substring(hash + 1);
        return s.Trim();
    }
}
