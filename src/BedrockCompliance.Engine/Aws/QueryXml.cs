using System.Globalization;
using System.Net.Http;
using System.Xml;
using System.Xml.Linq;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// The query protocol (EC2, IAM: form-encoded POST, XML answers and errors) and the XML of S3 REST-XML: read without
/// DTDs, by local name, with member paths in errors.
/// </summary>
internal static class QueryXml
{
    static readonly AwsRequestOptions QueryProtocol = new AwsRequestOptions { ErrorParser = ParseError };

    /// <summary>
    /// One query-protocol call: a form-encoded POST of Action, Version and <paramref name="parameters"/>; the answer's
    /// root element, which must be <c>&lt;Operation&gt;Response</c>.
    /// </summary>
    public static async Task<(XElement Root, AwsResponse Response)> CallAsync(AwsHttpSender sender, AwsService service, string op, string version,
        IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken ct)
    {
        var form = new[] { new KeyValuePair<string, string>("Action", op), new KeyValuePair<string, string>("Version", version) }.Concat(parameters);
        byte[] body = Encoding.UTF8.GetBytes(string.Join("&", form.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value))));
        var response = await sender.SendAsync(service, op, HttpMethod.Post, "/", body, "application/x-www-form-urlencoded; charset=utf-8", QueryProtocol, ct).ConfigureAwait(false);
        return (Load(service, op, response, op + "Response"), response);
    }

    public static XElement Load(AwsService service, string op, AwsResponse response, string rootName)
    {
        XDocument doc;
        try
        {
            if (response.Body.Length == 0) throw new XmlException("the body is empty");
            doc = Parse(response.Body);
        }
        catch (XmlException ex)
        {
            string problem = response.ContentType != null && response.ContentType.IndexOf("xml", StringComparison.OrdinalIgnoreCase) < 0
                ? $"the body is '{response.ContentType}', not XML"
                : $"the body is not well-formed XML ({ex.Message})";
            throw new AwsResponseFormatException(service.DisplayName, op, problem, response.RequestId, ex);
        }
        var root = doc.Root!;
        if (root.Name.LocalName != rootName)
            throw new AwsResponseFormatException(service.DisplayName, op, $"the root element is <{root.Name.LocalName}>; expected <{rootName}>", RequestId(response, root));
        return root;
    }

    /// <summary>
    /// Query errors: <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;/Errors&gt;&lt;RequestID/&gt;&lt;/Response&gt;</c>
    /// (EC2) or <c>&lt;ErrorResponse&gt;&lt;Error&gt;</c> (IAM, STS). An answer that is not such XML becomes
    /// <c>Http&lt;status&gt;</c> with the start of the body as the message.
    /// </summary>
    public static AwsServiceException ParseError(AwsService service, string operation, AwsResponse response)
    {
        string? code = null, message = null, requestId = response.RequestId;
        if (response.Body.Length > 0 && response.Body.Length < 1024 * 1024)
        {
            try
            {
                var root = Parse(response.Body).Root!;
                var error = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
                if (error != null)
                {
                    code = Child(error, "Code")?.Value;
                    message = Child(error, "Message")?.Value;
                }
                requestId ??= root.Elements().FirstOrDefault(e => e.Name.LocalName == "RequestID" || e.Name.LocalName == "RequestId")?.Value;
            }
            catch (XmlException)
            {
                message = Encoding.UTF8.GetString(response.Body, 0, Math.Min(response.Body.Length, 300));
            }
        }
        string sanitized = string.IsNullOrWhiteSpace(code) ? $"Http{response.StatusCode}" : AwsErrorCodes.Sanitize(code!);
        return new AwsServiceException(service.DisplayName, operation, sanitized, message, response.StatusCode, requestId);
    }

    static XDocument Parse(byte[] body)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        using var reader = XmlReader.Create(new MemoryStream(body), settings);
        return XDocument.Load(reader);
    }

    /// <summary>The header's request id, else the one EC2 writes into its answer (&lt;requestId&gt;).</summary>
    static string? RequestId(AwsResponse response, XElement root) => response.RequestId ?? Optional(root, "requestId");

    public static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static string? Optional(XElement parent, string name)
    {
        var e = Child(parent, name);
        return e == null || e.Value.Length == 0 ? null : e.Value;
    }

    public static string Required(AwsService service, string op, AwsResponse response, XElement parent, string name, string path) =>
        Optional(parent, name) ?? throw Malformed(service, op, response, parent, $"'{path}{name}' is missing; it is required");

    public static bool? Bool(AwsService service, string op, AwsResponse response, XElement parent, string name, string path) =>
        Optional(parent, name) switch
        {
            null => null,
            "true" => true,
            "false" => false,
            var s => throw Malformed(service, op, response, parent, $"'{path}{name}' is '{s}'; expected true or false"),
        };

    public static DateTimeOffset? Timestamp(AwsService service, string op, AwsResponse response, XElement parent, string name, string path)
    {
        string? s = Optional(parent, name);
        if (s == null) return null;
        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            throw Malformed(service, op, response, parent, $"'{path}{name}' is '{s}'; expected an ISO-8601 timestamp");
        return t;
    }

    static AwsResponseFormatException Malformed(AwsService service, string op, AwsResponse response, XElement at, string problem) =>
        new AwsResponseFormatException(service.DisplayName, op, problem, RequestId(response, at.Document?.Root ?? at));
}
