using System;
using System.Management.Automation;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Licenses;

namespace BedrockCompliance.Commands.Infrastructure
{
    /// <summary>
    /// Maps engine and AWS failures to ErrorRecords with stable ErrorIds (the AWS error code where there is one)
    /// and categories scripts can branch on; the request id stays in the message.
    /// </summary>
    internal static class AwsErrorRecords
    {
        public static ErrorRecord From(Exception ex, object? target)
        {
            switch (ex)
            {
                case AwsServiceException s:
                    return new ErrorRecord(s, s.ErrorCode, CategoryFor(s), target);
                case AwsResponseFormatException f:
                    return new ErrorRecord(f, "InvalidResponse", ErrorCategory.InvalidResult, target);
                case AwsTransportException t:
                    return new ErrorRecord(t, t.IsTimeout ? "Timeout" : "EndpointUnreachable", t.IsTimeout ? ErrorCategory.OperationTimeout : ErrorCategory.ConnectionError, target);
                case AwsConfigurationException c:
                    return new ErrorRecord(c, c.ErrorId, CategoryFor(c), target);
                case BedrockCompliance.Engine.ComplianceException c:
                    return new ErrorRecord(c, c.ErrorId, c.Kind switch
                    {
                        BedrockCompliance.Engine.ComplianceErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
                        BedrockCompliance.Engine.ComplianceErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
                        BedrockCompliance.Engine.ComplianceErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
                        BedrockCompliance.Engine.ComplianceErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
                        _ => ErrorCategory.InvalidArgument,
                    }, target);
                case ModelNotListedException n:
                    return new ErrorRecord(n, "ModelNotListed", ErrorCategory.ObjectNotFound, target);
                case ArgumentException a:
                    return new ErrorRecord(a, "InvalidArgument", ErrorCategory.InvalidArgument, target);
                case OperationCanceledException o:
                    return new ErrorRecord(o, "Cancelled", ErrorCategory.OperationStopped, target);
                default:
                    return new ErrorRecord(ex, "UnexpectedError", ErrorCategory.NotSpecified, target);
            }
        }

        public static ErrorCategory CategoryFor(AwsServiceException s) => s.ErrorCode switch
        {
            "AccessDeniedException" or "AccessDenied" or "UnauthorizedOperation" or "UnrecognizedClientException" or "InvalidSignatureException"
                or "SignatureDoesNotMatch" or "InvalidClientTokenId" or "MissingAuthenticationTokenException" or "MissingAuthenticationToken"
                or "ExpiredToken" or "ExpiredTokenException" or "RegionDisabledException" => ErrorCategory.PermissionDenied,
            "ResourceNotFoundException" or "TrailNotFoundException" => ErrorCategory.ObjectNotFound,
            "ValidationException" or "InvalidParameterValue" or "InvalidParameter" or "MalformedPolicyDocument" => ErrorCategory.InvalidArgument,
            "ConflictException" or "ResourceInUseException" => ErrorCategory.ResourceExists,
            "ServiceQuotaExceededException" or "TooManyTagsException" or "PackedPolicyTooLarge" => ErrorCategory.QuotaExceeded,
            "ModelTimeoutException" => ErrorCategory.OperationTimeout,
            "ModelErrorException" or "ModelStreamErrorException" => ErrorCategory.InvalidResult,
            "ModelNotReadyException" => ErrorCategory.ResourceUnavailable,
            "InternalServerException" or "ServiceUnavailableException" or "ServiceUnavailable" or "InternalFailure" => ErrorCategory.ResourceUnavailable,
            _ when s.IsThrottling => ErrorCategory.LimitsExceeded,
            _ when s.StatusCode >= 500 => ErrorCategory.ResourceUnavailable,
            _ => ErrorCategory.NotSpecified,
        };

        static ErrorCategory CategoryFor(AwsConfigurationException c) => c.ErrorId switch
        {
            "NoCredentials" => ErrorCategory.AuthenticationError,
            "ProfileNotFound" => ErrorCategory.ObjectNotFound,
            "InsecureEndpoint" => ErrorCategory.SecurityError,
            _ => ErrorCategory.InvalidArgument,
        };
    }
}
