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
    // Texts that several protocols answer with (AWS's common errors of the Query and JSON protocols).
    const string IncompleteSignatureMessage = "The request signature does not conform to AWS standards.";
    const string SignatureExpiredMessage = "Signature expired";
    const string MissingTokenMessage = "Request is missing Authentication Token";
    const string InternalFailureMessage = "The request processing has failed because of an unknown error, exception or failure.";
    const string ServiceUnavailableMessage = "The request has failed due to a temporary failure of the server.";

    /// <summary>Maps a cross-cutting error to the code, status and default message a given protocol
    /// uses. <paramref name="message"/> overrides the default where the text is situational.</summary>
    public static AwsError For(AwsProtocol protocol, CommonError error, string? message = null)
    {
        var (code, status, text) = protocol switch
        {
            AwsProtocol.StsQuery or AwsProtocol.IamQuery => Sts(error),
            AwsProtocol.S3Xml => S3(error),
            AwsProtocol.Ec2Query => Ec2(error),
            AwsProtocol.Json11 => Json11(error),
            _ => RestJson(error),
        };
        return new AwsError(code, status, message ?? text, SenderFault: !IsServerFault(error));
    }

    /// <summary>Whose fault an error is does not depend on the protocol: only these two are the server's (Type Receiver).</summary>
    static bool IsServerFault(CommonError e) => e is CommonError.InternalError or CommonError.ServiceUnavailable;

    static (string, int, string) RestJson(CommonError e) => e switch
    {
        CommonError.MissingAuthentication => ("MissingAuthenticationTokenException", 403, "Missing Authentication Token"),
        CommonError.IncompleteSignature => ("IncompleteSignatureException", 403, IncompleteSignatureMessage),
        CommonError.SignatureMismatch => ("InvalidSignatureException", 403, SignatureMismatchMessage),
        CommonError.UnknownAccessKey or CommonError.InvalidSessionToken => ("UnrecognizedClientException", 403, InvalidTokenMessage),
        CommonError.ExpiredToken => ("ExpiredTokenException", 403, ExpiredTokenMessage),
        CommonError.RequestExpired => ("InvalidSignatureException", 403, SignatureExpiredMessage),
        CommonError.AccessDenied => ("AccessDeniedException", 403, "You don't have access to the model with the specified model ID."),
        CommonError.Throttling => ("ThrottlingException", 429, "Too many requests, please wait before trying again."),
        CommonError.InternalError => ("InternalServerException", 500, "An internal server error occurred. Retry your request."),
        CommonError.ServiceUnavailable => ("ServiceUnavailableException", 503, "The service is temporarily unable to handle the request. Retry your request."),
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    /// <summary>AWS JSON 1.1 (CloudTrail): the common codes carry no "Exception" suffix except the
    /// auth ones, and throttling is a 400 as in AWS's common-errors table.</summary>
    static (string, int, string) Json11(CommonError e) => e switch
    {
        CommonError.Throttling => ("ThrottlingException", 400, RateExceededMessage),
        CommonError.InternalError => ("InternalFailure", 500, InternalFailureMessage),
        CommonError.ServiceUnavailable => ("ServiceUnavailable", 503, ServiceUnavailableMessage),
        CommonError.AccessDenied => ("AccessDeniedException", 403, "You do not have sufficient access to perform this action."),
        _ => RestJson(e),
    };

    static (string, int, string) Sts(CommonError e) => e switch
    {
        CommonError.MissingAuthentication => ("MissingAuthenticationToken", 403, MissingTokenMessage),
        CommonError.IncompleteSignature => ("IncompleteSignature", 400, IncompleteSignatureMessage),
        CommonError.SignatureMismatch => ("SignatureDoesNotMatch", 403, SignatureMismatchMessage),
        CommonError.UnknownAccessKey or CommonError.InvalidSessionToken => ("InvalidClientTokenId", 403, InvalidTokenMessage),
        CommonError.ExpiredToken => ("ExpiredToken", 403, ExpiredTokenMessage),
        CommonError.RequestExpired => ("SignatureDoesNotMatch", 403, SignatureExpiredMessage),
        CommonError.AccessDenied => ("AccessDenied", 403, "Access denied"),
        CommonError.Throttling => ("Throttling", 400, RateExceededMessage),
        CommonError.InternalError => ("InternalFailure", 500, InternalFailureMessage),
        CommonError.ServiceUnavailable => ("ServiceUnavailable", 503, ServiceUnavailableMessage),
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    /// <summary>S3 REST-XML: its own codes (S3 API reference, "Error responses").</summary>
    static (string, int, string) S3(CommonError e) => e switch
    {
        CommonError.MissingAuthentication => ("AccessDenied", 403, "Access Denied"),
        CommonError.IncompleteSignature => ("AuthorizationHeaderMalformed", 400, "The authorization header is malformed."),
        CommonError.SignatureMismatch => ("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method."),
        CommonError.UnknownAccessKey => ("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records."),
        CommonError.InvalidSessionToken => ("InvalidToken", 400, "The provided token is malformed or otherwise invalid."),
        CommonError.ExpiredToken => ("ExpiredToken", 400, "The provided token has expired."),
        CommonError.RequestExpired => ("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large."),
        CommonError.AccessDenied => ("AccessDenied", 403, "Access Denied"),
        CommonError.Throttling => ("SlowDown", 503, "Please reduce your request rate."),
        CommonError.InternalError => ("InternalError", 500, "We encountered an internal error. Please try again."),
        CommonError.ServiceUnavailable => ("ServiceUnavailable", 503, "Service is unable to handle request."),
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    static (string, int, string) Ec2(CommonError e) => e switch
    {
        CommonError.MissingAuthentication => ("MissingAuthenticationToken", 401, MissingTokenMessage),
        CommonError.IncompleteSignature => ("IncompleteSignature", 400, IncompleteSignatureMessage),
        CommonError.SignatureMismatch => ("SignatureDoesNotMatch", 403, SignatureMismatchMessage),
        CommonError.UnknownAccessKey or CommonError.InvalidSessionToken => ("AuthFailure", 401, "AWS was not able to validate the provided access credentials"),
        CommonError.ExpiredToken or CommonError.RequestExpired => ("RequestExpired", 400, "Request has expired."),
        CommonError.AccessDenied => ("UnauthorizedOperation", 403, "You are not authorized to perform this operation."),
        CommonError.Throttling => ("RequestLimitExceeded", 503, "Request limit exceeded."),
        CommonError.InternalError => ("InternalError", 500, "An internal error has occurred."),
        CommonError.ServiceUnavailable => ("Unavailable", 503, "The server is overloaded and can't handle the request."),
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };
}
