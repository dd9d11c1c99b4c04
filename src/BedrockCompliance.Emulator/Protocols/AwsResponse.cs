using System.Text;
using System.Text.Json;

namespace BedrockCompliance.Emulator.Protocols;

/// <summary>A successful answer produced by a handler, before protocol-independent headers are added.</summary>
public sealed record AwsResponse(int Status, string ContentType, byte[] Body)
{
    /// <summary>Protocol headers of the answer (S3: ETag, x-amz-version-id, Object Lock headers …).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    /// <summary>HEAD: Content-Length describes a body that is not sent.</summary>
    public bool OmitBody { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    public const string RestJsonContentType = "application/json";
    public const string Json11ContentType = "application/x-amz-json-1.1";
    public const string XmlContentType = "text/xml";
    public const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    public static AwsResponse Json(int status, JsonNode body, string contentType = RestJsonContentType) =>
        new(status, contentType, Encoding.UTF8.GetBytes(body.ToJsonString(JsonOptions)));

    public static AwsResponse Json(int status, ReadOnlySpan<byte> utf8Json, string contentType = RestJsonContentType) =>
        new(status, contentType, utf8Json.ToArray());

    /// <summary>A query-protocol answer (STS, IAM): the operation's result element and the request ID in its response envelope.</summary>
    public static AwsResponse QueryXml(string xmlNamespace, string operation, string result, string requestId) =>
        new(200, XmlContentType, Encoding.UTF8.GetBytes(
            $"<{operation}Response xmlns=\"{xmlNamespace}\"><{operation}Result>{result}</{operation}Result>" +
            $"<ResponseMetadata><RequestId>{requestId}</RequestId></ResponseMetadata></{operation}Response>"));
}

/// <summary>Renders an <see cref="AwsError"/> in each protocol's wire shape.</summary>
public static class ErrorWriter
{
    public const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";
    public const string IamNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";

    public static AwsResponse Render(AwsProtocol protocol, AwsError error, string requestId) => protocol switch
    {
        AwsProtocol.StsQuery or AwsProtocol.IamQuery => new AwsResponse(error.Status, AwsResponse.XmlContentType, Encoding.UTF8.GetBytes(
            $"<ErrorResponse xmlns=\"{(protocol == AwsProtocol.IamQuery ? IamNamespace : StsNamespace)}\">" +
            $"<Error><Type>{(error.SenderFault ? "Sender" : "Receiver")}</Type><Code>{Esc(error.Code)}</Code><Message>{Esc(error.Message)}</Message></Error>" +
            $"<RequestId>{requestId}</RequestId></ErrorResponse>")),
        AwsProtocol.Ec2Query => new AwsResponse(error.Status, AwsResponse.XmlContentType + ";charset=UTF-8", Encoding.UTF8.GetBytes(
            AwsResponse.XmlDeclaration +
            $"<Response><Errors><Error><Code>{Esc(error.Code)}</Code><Message>{Esc(error.Message)}</Message></Error></Errors>" +
            $"<RequestID>{requestId}</RequestID></Response>")),
        // S3's REST-XML error document (no namespace), with the request ID and a host ID.
        AwsProtocol.S3Xml => new AwsResponse(error.Status, "application/xml", Encoding.UTF8.GetBytes(
            AwsResponse.XmlDeclaration +
            $"<Error><Code>{Esc(error.Code)}</Code><Message>{Esc(error.Message)}</Message>" +
            (error.Resource is { } r ? $"<BucketName>{Esc(r)}</BucketName>" : "") +
            $"<RequestId>{requestId}</RequestId><HostId>{Convert.ToBase64String(Encoding.UTF8.GetBytes(requestId))}</HostId></Error>")),
        // bedrock-mantle answers in the OpenAI error envelope; the AWS error name is its code (choice, unverified).
        AwsProtocol.Mantle => AwsResponse.Json(error.Status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = error.Message,
                ["type"] = MantleErrorType(error.Status),
                ["param"] = null,
                ["code"] = error.Code,
            },
        }),
        AwsProtocol.Json11 => AwsResponse.Json(error.Status,
            new JsonObject { ["__type"] = error.Code, ["message"] = error.Message }, AwsResponse.Json11ContentType),
        _ => AwsResponse.Json(error.Status, new JsonObject { ["message"] = error.Message, ["__type"] = error.Code }),
    };

    /// <summary>JSON protocols also carry the type in <c>x-amzn-ErrorType</c> (checked first by SDKs).</summary>
    public static bool UsesErrorTypeHeader(AwsProtocol protocol) => protocol is AwsProtocol.RestJson or AwsProtocol.Json11 or AwsProtocol.Mantle;

    static string MantleErrorType(int status) => status switch
    {
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        429 => "rate_limit_error",
        >= 500 => "api_error",
        _ => "invalid_request_error",
    };

    public static string Esc(string s) => System.Security.SecurityElement.Escape(s) ?? "";
}
