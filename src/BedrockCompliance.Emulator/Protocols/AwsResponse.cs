using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BedrockCompliance.Emulator.Protocols;

/// <summary>A successful answer produced by a handler, before protocol-independent headers are added.</summary>
public sealed record AwsResponse(int Status, string ContentType, byte[] Body)
{
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    public const string RestJsonContentType = "application/json";
    public const string Json11ContentType = "application/x-amz-json-1.1";
    public const string XmlContentType = "text/xml";

    public static AwsResponse Json(int status, JsonNode body, string contentType = RestJsonContentType) =>
        new(status, contentType, Encoding.UTF8.GetBytes(body.ToJsonString(JsonOptions)));

    public static AwsResponse Json(int status, ReadOnlySpan<byte> utf8Json, string contentType = RestJsonContentType) =>
        new(status, contentType, utf8Json.ToArray());

    public static AwsResponse Xml(string xml) => new(200, XmlContentType, Encoding.UTF8.GetBytes(xml));
}

/// <summary>Renders an <see cref="AwsError"/> in each protocol's wire shape.</summary>
public static class ErrorWriter
{
    const string StsNamespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static AwsResponse Render(AwsProtocol protocol, AwsError error, string requestId) => protocol switch
    {
        AwsProtocol.StsQuery => new AwsResponse(error.Status, AwsResponse.XmlContentType, Encoding.UTF8.GetBytes(
            $"<ErrorResponse xmlns=\"{StsNamespace}\">" +
            $"<Error><Type>{(error.SenderFault ? "Sender" : "Receiver")}</Type><Code>{Esc(error.Code)}</Code><Message>{Esc(error.Message)}</Message></Error>" +
            $"<RequestId>{requestId}</RequestId></ErrorResponse>")),
        AwsProtocol.Ec2Query => new AwsResponse(error.Status, AwsResponse.XmlContentType + ";charset=UTF-8", Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
            $"<Response><Errors><Error><Code>{Esc(error.Code)}</Code><Message>{Esc(error.Message)}</Message></Error></Errors>" +
            $"<RequestID>{requestId}</RequestID></Response>")),
        AwsProtocol.Json11 => AwsResponse.Json(error.Status,
            new JsonObject { ["__type"] = error.Code, ["message"] = error.Message }, AwsResponse.Json11ContentType),
        _ => AwsResponse.Json(error.Status, new JsonObject { ["message"] = error.Message, ["__type"] = error.Code }),
    };

    /// <summary>JSON protocols also carry the type in <c>x-amzn-ErrorType</c> (checked first by SDKs).</summary>
    public static bool UsesErrorTypeHeader(AwsProtocol protocol) => protocol is AwsProtocol.RestJson or AwsProtocol.Json11;

    public static string Esc(string s) => System.Security.SecurityElement.Escape(s) ?? "";
}
