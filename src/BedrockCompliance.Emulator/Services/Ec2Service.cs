using System.Globalization;
using System.Text;
using static BedrockCompliance.Emulator.Protocols.ErrorWriter;

namespace BedrockCompliance.Emulator.Services;

/// <summary>EC2 DescribeVpcEndpoints (EC2 query protocol, XML in the 2016-11-15 namespace).</summary>
public sealed class Ec2Service : IServiceHandler
{
    const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    static readonly Dictionary<string, Func<VpcEndpointRecord, string>> Filters = new(StringComparer.Ordinal)
    {
        ["service-name"] = e => e.ServiceName,
        ["vpc-endpoint-type"] = e => e.VpcEndpointType,
        ["vpc-endpoint-state"] = e => e.State,
        ["vpc-id"] = e => e.VpcId,
        ["vpc-endpoint-id"] = e => e.VpcEndpointId,
    };

    public AwsResponse Handle(CallContext call) => call.Route.Operation switch
    {
        "DescribeVpcEndpoints" => DescribeVpcEndpoints(call),
        _ => throw AwsException.Of("InvalidAction", 400, $"The action {call.Route.Operation} is not valid for this web service."),
    };

    AwsResponse DescribeVpcEndpoints(CallContext call)
    {
        var p = call.Request.Parameters;
        var ids = Indexed(p, "VpcEndpointId").ToList();
        var filters = new List<(Func<VpcEndpointRecord, string> Get, HashSet<string> Values)>();
        for (var i = 1; p.TryGetValue($"Filter.{i}.Name", out var name); i++)
        {
            if (!Filters.TryGetValue(name, out var get))
                throw AwsException.Of("InvalidParameterValue", 400, $"The filter '{name}' is invalid");
            filters.Add((get, Indexed(p, $"Filter.{i}.Value").ToHashSet(StringComparer.Ordinal)));
        }

        List<VpcEndpointRecord> endpoints;
        lock (call.Account.Gate) endpoints = call.RegionLocked().VpcEndpoints.ToList();
        foreach (var id in ids.Where(id => endpoints.All(e => e.VpcEndpointId != id)))
            throw AwsException.Of("InvalidVpcEndpointId.NotFound", 400, $"The Vpc Endpoint Id '{id}' does not exist");

        var sb = new StringBuilder(AwsResponse.XmlDeclaration);
        sb.Append($"<DescribeVpcEndpointsResponse xmlns=\"{Namespace}\"><requestId>{call.RequestId}</requestId><vpcEndpointSet>");
        foreach (var e in endpoints)
        {
            if (ids.Count > 0 && !ids.Contains(e.VpcEndpointId)) continue;
            if (filters.Any(f => !f.Values.Contains(f.Get(e)))) continue;
            sb.Append("<item>")
              .Append($"<vpcEndpointId>{Esc(e.VpcEndpointId)}</vpcEndpointId>")
              .Append($"<vpcEndpointType>{Esc(e.VpcEndpointType)}</vpcEndpointType>")
              .Append($"<vpcId>{Esc(e.VpcId)}</vpcId>")
              .Append($"<serviceName>{Esc(e.ServiceName)}</serviceName>")
              .Append($"<state>{Esc(e.State)}</state>")
              .Append("<routeTableIdSet/><subnetIdSet/><groupSet/>")
              .Append($"<ipAddressType>ipv4</ipAddressType><dnsOptions><dnsRecordIpType>ipv4</dnsRecordIpType></dnsOptions>")
              .Append($"<privateDnsEnabled>{(e.PrivateDnsEnabled ? "true" : "false")}</privateDnsEnabled>")
              .Append("<requesterManaged>false</requesterManaged><networkInterfaceIdSet/><dnsEntrySet/>")
              .Append($"<creationTimestamp>{e.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}</creationTimestamp>")
              .Append($"<tagSet/><ownerId>{call.Account.AccountId}</ownerId>")
              .Append("</item>");
        }
        sb.Append("</vpcEndpointSet></DescribeVpcEndpointsResponse>");
        return new AwsResponse(200, AwsResponse.XmlContentType + ";charset=UTF-8", Encoding.UTF8.GetBytes(sb.ToString()));
    }

    /// <summary>Query-protocol list members: <c>Name.1</c>, <c>Name.2</c>, … until one is missing.</summary>
    static IEnumerable<string> Indexed(IReadOnlyDictionary<string, string> p, string prefix)
    {
        for (var i = 1; p.TryGetValue($"{prefix}.{i}", out var v); i++) yield return v;
    }
}
