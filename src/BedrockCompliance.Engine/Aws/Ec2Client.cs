using System.Net.Http;
using System.Xml;
using System.Xml.Linq;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// EC2 DescribeVpcEndpoints over the EC2 query protocol (API version 2016-11-15): a form-encoded POST, an XML
/// answer, XML errors (<c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;</c>).
/// </summary>
/// <remarks>
/// Why not AWSSDK.EC2: it is served, but it is the largest AWSSDK service assembly (several MB, thousands of
/// types) and the module needs one read-only operation. A hand-written call on our signed sender keeps the
/// module small and shares the retry policy, per-account rate limit, concurrency gate, response size cap and
/// error types with every other call, instead of configuring a second stack to behave the same way.
/// </remarks>
internal sealed class Ec2Client
{
    public const string ApiVersion = "2016-11-15";
    const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";
    /// <summary>Pages followed at most (a server that keeps answering with a token must not loop forever).</summary>
    public const int MaxPages = 100;

    static readonly AwsRequestOptions QueryProtocol = new AwsRequestOptions { ErrorParser = ParseQueryError };
    readonly AwsHttpSender _sender;

    public Ec2Client(AwsHttpSender sender) => _sender = sender;

    /// <summary>
    /// Every VPC endpoint in the connection's region that matches the filters (all pages). A null or empty filter
    /// is not sent. Filter values are ORed within a filter, filters are ANDed.
    /// </summary>
    public async Task<IReadOnlyList<VpcEndpoint>> DescribeVpcEndpointsAsync(IReadOnlyCollection<string>? serviceNames, string? vpcEndpointType, CancellationToken ct)
    {
        const string op = "DescribeVpcEndpoints";
        var filters = new List<KeyValuePair<string, IReadOnlyCollection<string>>>();
        if (serviceNames != null && serviceNames.Count > 0) filters.Add(new KeyValuePair<string, IReadOnlyCollection<string>>("service-name", serviceNames));
        if (!string.IsNullOrEmpty(vpcEndpointType)) filters.Add(new KeyValuePair<string, IReadOnlyCollection<string>>("vpc-endpoint-type", new[] { vpcEndpointType! }));

        var endpoints = new List<VpcEndpoint>();
        var seenTokens = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        for (int page = 1; ; page++)
        {
            var form = new List<KeyValuePair<string, string>>
            {
                new KeyValuePair<string, string>("Action", op),
                new KeyValuePair<string, string>("Version", ApiVersion),
            };
            for (int i = 0; i < filters.Count; i++)
            {
                form.Add(new KeyValuePair<string, string>($"Filter.{i + 1}.Name", filters[i].Key));
                int j = 0;
                foreach (var value in filters[i].Value)
                    form.Add(new KeyValuePair<string, string>($"Filter.{i + 1}.Value.{++j}", value));
            }
            if (token != null) form.Add(new KeyValuePair<string, string>("NextToken", token));

            var response = await _sender.SendAsync(AwsService.Ec2, op, HttpMethod.Post, "/", FormBody(form), FormContentType, QueryProtocol, ct).ConfigureAwait(false);
            var root = LoadXml(op, response, "DescribeVpcEndpointsResponse");
            var ns = root.Name.Namespace;
            var set = root.Element(ns + "vpcEndpointSet");
            int index = 0;
            if (set != null)
            {
                foreach (var item in set.Elements(ns + "item"))
                {
                    string p = $"vpcEndpointSet.item[{index++}].";
                    endpoints.Add(new VpcEndpoint
                    {
                        VpcEndpointId = Required(op, response, item, "vpcEndpointId", p),
                        VpcEndpointType = Optional(item, "vpcEndpointType"),
                        VpcId = Optional(item, "vpcId"),
                        ServiceName = Required(op, response, item, "serviceName", p),
                        State = Optional(item, "state"),
                        PrivateDnsEnabled = Bool(op, response, item, "privateDnsEnabled", p),
                        OwnerId = Optional(item, "ownerId"),
                    });
                }
            }
            string? next = Optional(root, "nextToken");
            if (string.IsNullOrEmpty(next)) return endpoints;
            if (!seenTokens.Add(next!))
                throw new AwsResponseFormatException(AwsService.Ec2.DisplayName, op, $"page {page} repeats an earlier NextToken; the listing would never end", RequestId(response, root));
            if (page >= MaxPages)
                throw new AwsResponseFormatException(AwsService.Ec2.DisplayName, op, $"more than {MaxPages} pages; stopped rather than loop", RequestId(response, root));
            token = next;
        }
    }

    /// <summary>
    /// EC2 query errors: <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;/Errors&gt;&lt;RequestID/&gt;&lt;/Response&gt;</c>
    /// (also the <c>&lt;ErrorResponse&gt;&lt;Error&gt;</c> form of the other query services). An answer that is not
    /// such XML becomes <c>Http&lt;status&gt;</c> with the start of the body as the message.
    /// </summary>
    public static AwsServiceException ParseQueryError(AwsService service, string operation, AwsResponse response)
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
                    code = error.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
                    message = error.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value;
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

    static byte[] FormBody(IEnumerable<KeyValuePair<string, string>> form) =>
        Encoding.UTF8.GetBytes(string.Join("&", form.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value))));

    static XDocument Parse(byte[] body)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        using var reader = XmlReader.Create(new MemoryStream(body), settings);
        return XDocument.Load(reader);
    }

    static XElement LoadXml(string op, AwsResponse response, string rootName)
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
            throw new AwsResponseFormatException(AwsService.Ec2.DisplayName, op, problem, response.RequestId, ex);
        }
        var root = doc.Root!;
        if (root.Name.LocalName != rootName)
            throw new AwsResponseFormatException(AwsService.Ec2.DisplayName, op, $"the root element is <{root.Name.LocalName}>; expected <{rootName}>", RequestId(response, root));
        return root;
    }

    static string? RequestId(AwsResponse response, XElement root) =>
        response.RequestId ?? root.Elements().FirstOrDefault(e => e.Name.LocalName == "requestId")?.Value;

    static string? Optional(XElement parent, string name)
    {
        var e = parent.Element(parent.Name.Namespace + name);
        return e == null || string.IsNullOrEmpty(e.Value) ? null : e.Value;
    }

    static string Required(string op, AwsResponse response, XElement parent, string name, string path) =>
        Optional(parent, name) ?? throw new AwsResponseFormatException(AwsService.Ec2.DisplayName, op, $"'{path}{name}' is missing; it is required", RequestId(response, parent.Document!.Root!));

    static bool? Bool(string op, AwsResponse response, XElement parent, string name, string path)
    {
        string? s = Optional(parent, name);
        if (s == null) return null;
        if (s == "true") return true;
        if (s == "false") return false;
        throw new AwsResponseFormatException(AwsService.Ec2.DisplayName, op, $"'{path}{name}' is '{s}'; expected true or false", RequestId(response, parent.Document!.Root!));
    }
}

internal sealed class VpcEndpoint
{
    public string VpcEndpointId { get; set; } = "";
    /// <summary>Interface, Gateway, GatewayLoadBalancer, Resource, ServiceNetwork.</summary>
    public string? VpcEndpointType { get; set; }
    public string? VpcId { get; set; }
    public string ServiceName { get; set; } = "";
    /// <summary>As AWS writes it: available, pending, pendingAcceptance, deleting, failed, … (lower camel case).</summary>
    public string? State { get; set; }
    public bool? PrivateDnsEnabled { get; set; }
    public string? OwnerId { get; set; }

    public bool IsAvailable => string.Equals(State, "available", StringComparison.OrdinalIgnoreCase);
}
