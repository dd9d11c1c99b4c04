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
internal sealed class Ec2Client(AwsHttpSender sender)
{
    public const string ApiVersion = "2016-11-15";

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
        await AwsPaging.FollowAsync(AwsService.Ec2, op, "NextToken", async token =>
        {
            var form = new List<KeyValuePair<string, string>>();
            for (int i = 0; i < filters.Count; i++)
            {
                form.Add(new($"Filter.{i + 1}.Name", filters[i].Key));
                int j = 0;
                foreach (var value in filters[i].Value)
                    form.Add(new($"Filter.{i + 1}.Value.{++j}", value));
            }
            if (token != null) form.Add(new("NextToken", token));

            var (root, response) = await QueryXml.CallAsync(sender, AwsService.Ec2, op, ApiVersion, form, ct).ConfigureAwait(false);
            int index = 0;
            foreach (var item in QueryXml.Child(root, "vpcEndpointSet")?.Elements().Where(e => e.Name.LocalName == "item") ?? Enumerable.Empty<XElement>())
            {
                string p = $"vpcEndpointSet.item[{index++}].";
                endpoints.Add(new VpcEndpoint(
                    QueryXml.Required(AwsService.Ec2, op, response, item, "vpcEndpointId", p), QueryXml.Optional(item, "vpcEndpointType"), QueryXml.Optional(item, "vpcId"),
                    QueryXml.Required(AwsService.Ec2, op, response, item, "serviceName", p), QueryXml.Optional(item, "state"),
                    QueryXml.Bool(AwsService.Ec2, op, response, item, "privateDnsEnabled", p), QueryXml.Optional(item, "ownerId")));
            }
            return (QueryXml.Optional(root, "nextToken"), response.RequestId ?? QueryXml.Optional(root, "requestId"));
        }).ConfigureAwait(false);
        return endpoints;
    }
}

/// <param name="VpcEndpointType">Interface, Gateway, GatewayLoadBalancer, Resource, ServiceNetwork.</param>
/// <param name="State">As AWS writes it: available, pending, pendingAcceptance, deleting, failed, … (lower camel case).</param>
internal sealed record VpcEndpoint(string VpcEndpointId, string? VpcEndpointType, string? VpcId, string ServiceName, string? State,
    bool? PrivateDnsEnabled, string? OwnerId)
{
    public bool IsAvailable => string.Equals(State, "available", StringComparison.OrdinalIgnoreCase);
}
