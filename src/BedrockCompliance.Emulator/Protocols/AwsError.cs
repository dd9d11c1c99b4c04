namespace BedrockCompliance.Emulator.Protocols;

/// <summary>An error as it goes on the wire: code (error type), HTTP status and message.</summary>
public sealed record AwsError(string Code, int Status, string Message, bool SenderFault = true, string? Resource = null);

/// <summary>Thrown by handlers to answer with an AWS error; the dispatcher writes it in the
/// protocol of the route.</summary>
public sealed class AwsException(AwsError error) : Exception(error.Message)
{
    public AwsError Error { get; } = error;

    public static AwsException Of(string code, int status, string message) => new(new AwsError(code, status, message));
}

/// <summary>Errors that every service can return but that each protocol names differently.</summary>
public enum CommonError
{
    MissingAuthentication,
    IncompleteSignature,
    SignatureMismatch,
    UnknownAccessKey,
    InvalidSessionToken,
    ExpiredToken,
    RequestExpired,
    AccessDenied,
    Throttling,
    InternalError,
    ServiceUnavailable,
}

public static class CommonErrors
{
    public const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    public const string InvalidTokenMessage = "The security token included in the request is invalid.";
    public const string ExpiredTokenMessage = "The security token included in the request is expired";
    public const string RateExceededMessage = "Rate exceeded";

    /// <summary>Maps a cross-cutting error to the code, status and default message a given protocol
    /// uses. <paramref name="message"/> overrides the default where the text is situational.</summary>
    public static AwsError For(AwsProtocol protocol, CommonError error, string? message = null)
    {
        var (code, status, text, sender) = protocol switch
        {
            AwsProtocol.StsQuery or AwsProtocol.IamQuery => Sts(error),
            AwsProtocol.S3Xml => S3(error),
            AwsProtocol.Ec2Query => Ec2(error),
            AwsProtocol.Json11 => Json11(error),
            _ => RestJson(error),
        };
        return new AwsError(code, status, message ?? text, sender);
    }

    static (string, int, string, bool) RestJson(CommonError e) => e switch
    {
        CommonError.MissingAuthentication => ("MissingAuthenticationTokenException", 403, "Missing Authentication Token", true),
        CommonError.IncompleteSignature => ("IncompleteSignatureException", 403, "The request signature does not conform to AWS standards.", true),
        CommonError.SignatureMismatch => ("InvalidSignatureException", 403, SignatureMismatchMessage, true),
        CommonError.UnknownAccessKey => ("UnrecognizedClientException", 403, InvalidTokenMessage, true),
        CommonError.InvalidSessionToken => ("UnrecognizedClientException", 403, InvalidTokenMessage, true),
        CommonError.ExpiredToken => ("ExpiredTokenException", 403, ExpiredTokenMessage, true),
        CommonError.RequestExpired => ("InvalidSignatureException", 403, "Signature expired", true),
        CommonError.AccessDenied => ("AccessDeniedException", 403, "You don't have access to the model with the specified model ID.", true),
        CommonError.Throttling => ("ThrottlingException", 429, "Too many requests, please wait before trying again.", true),
        CommonError.InternalError => ("InternalServerException", 500, "An internal server error occurred. Retry your request.", false),
        CommonError.ServiceUnavailable => ("ServiceUnavailableException", 503, "The service is temporarily unable to handle the request. Retry your request.", false),
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    /// <summary>AWS JSON 1.1 (CloudTrail): the common codes carry no "Exception" suffix except the
    /// auth ones, and throttling is a 400 as in AWS's common-errors table.</summary>
    static (string, int, string, bool) Json11(CommonError e) => e switch
    {
        CommonError.Throttling => ("ThrottlingException", 400, RateExceededMessage, true),
        CommonError.InternalError => ("InternalFailure", 500, "The request processing has failed because of an unknown error, exception or failure.", false),
        CommonError.ServiceUnavailable => ("ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server.", false),
        CommonError.AccessDenied => ("AccessDeniedException", 403, "You do not have sufficient access to perform this action.", true),
        _ => RestJson(e),
    };

    static (string, int, string, bool) Sts(CommonError e) => e switch
    {
        CommonError.MissingAuthentication => ("MissingAuthenticationToken", 403, "Request is missing Authentication Token", true),
        CommonError.IncompleteSignature => ("IncompleteSignature", 400, "The request signature does not conform to AWS standards.", true),
        CommonError.SignatureMismatch => ("SignatureDoesNotMatch", 403, SignatureMismatchMessage, true),
        CommonError.UnknownAccessKey => ("InvalidClientTokenId", 403, InvalidTokenMessage, true),
        CommonError.InvalidSessionToken => ("InvalidClientTokenId", 403, InvalidTokenMessage, true),
        CommonError.ExpiredToken => ("ExpiredToken", 403, ExpiredTokenMessage, true),
        CommonError.RequestExpired => ("SignatureDoesNotMatch", 403, "Signature expired", true),
        CommonError.AccessDenied => ("AccessDenied", 403, "Access denied", true),
        CommonError.Throttling => ("Throttling", 400, RateExceededMessage, true),
        CommonError.InternalError => ("InternalFailure", 500, "The request processing has failed because of an unknown error, exception or failure.", false),
        CommonError.ServiceUnavailable => ("ServiceUnavailable", 503, "The request has failed due to a temporary failure of the server.", false),
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    /// <summary>S3 REST-XML: its own codes (S3 API reference, "Error responses").</summary>
    static (string, int, string, bool) S3(CommonError e) => e switch
    {
        CommonError.MissingAuthentication => ("AccessDenied", 403, "Access Denied", true),
        CommonError.IncompleteSignature => ("AuthorizationHeaderMalformed", 400, "The authorization header is malformed.", true),
        CommonError.SignatureMismatch => ("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.", true),
        CommonError.UnknownAccessKey => ("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.", true),
        CommonError.InvalidSessionToken => ("InvalidToken", 400, "The provided token is malformed or otherwise invalid.", true),
        CommonError.ExpiredToken => ("ExpiredToken", 400, "The provided token has expired.", true),
        CommonError.RequestExpired => ("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large.", true),
        CommonError.AccessDenied => ("AccessDenied", 403, "Access Denied", true),
        CommonError.Throttling => ("SlowDown", 503, "Please reduce your request rate.", true),
        CommonError.InternalError => ("InternalError", 500, "We encountered an internal error. Please try again.", false),
        CommonError.ServiceUnavailable => ("ServiceUnavailable", 503, "Service is unable to handle request.", false),
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    static (string, int, string, bool) Ec2(CommonError e) => e switch
    {
        CommonError.MissingAuthentication => ("MissingAuthenticationToken", 401, "Request is missing Authentication Token", true),
        CommonError.IncompleteSignature => ("IncompleteSignature", 400, "The request signature does not conform to AWS standards.", true),
        CommonError.SignatureMismatch => ("SignatureDoesNotMatch", 403, SignatureMismatchMessage, true),
        CommonError.UnknownAccessKey => ("AuthFailure", 401, "AWS was not able to validate the provided access credentials", true),
        CommonError.InvalidSessionToken => ("AuthFailure", 401, "AWS was not able to validate the provided access credentials", true),
        CommonError.ExpiredToken => ("RequestExpired", 400, "Request has expired.", true),
        CommonError.RequestExpired => ("RequestExpired", 400, "Request has expired.", true),
        CommonError.AccessDenied => ("UnauthorizedOperation", 403, "You are not authorized to perform this operation.", true),
        CommonError.Throttling => ("RequestLimitExceeded", 503, "Request limit exceeded.", true),
        CommonError.InternalError => ("InternalError", 500, "An internal error has occurred.", false),
        CommonError.ServiceUnavailable => ("Unavailable", 503, "The server is overloaded and can't handle the request.", false),
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };
}
