using BedrockCompliance.Engine.Aws;
using static BedrockCompliance.Engine.Privacy.PrivacyText;

namespace BedrockCompliance.Engine.Privacy.Checks;

/// <summary>An available interface VPC endpoint for bedrock-runtime; the other Bedrock endpoints (bedrock-mantle included) are reported.</summary>
internal sealed class PrivateLinkCheck() : PrivacyCheckBase(PrivacyCheck.PrivateLink, "ec2:DescribeVpcEndpoints")
{
    static readonly string[] RelatedServices = { "bedrock", "bedrock-agent-runtime", "bedrock-mantle" };

    /// <summary>com.amazonaws.&lt;region&gt;.&lt;service&gt; (cn.com.amazonaws… in the China partition).</summary>
    public static string EndpointServiceName(string region, string service) =>
        (region.StartsWith("cn-", StringComparison.Ordinal) ? "cn.com.amazonaws." : "com.amazonaws.") + region + "." + service;

    protected override async Task<BedrockPrivacyCheck> GatherAndJudgeAsync(PrivacyCheckContext context, CancellationToken ct)
    {
        string region = context.Region;
        var names = new[] { EndpointServiceName(region, "bedrock-runtime") }.Concat(RelatedServices.Select(s => EndpointServiceName(region, s))).ToList();
        var endpoints = await context.Clients.Ec2.DescribeVpcEndpointsAsync(names, "Interface", ct).ConfigureAwait(false);
        return Judge(region, endpoints);
    }

    public static BedrockPrivacyCheck Judge(string region, IReadOnlyList<VpcEndpoint> endpoints)
    {
        string runtime = EndpointServiceName(region, "bedrock-runtime");
        var result = new BedrockPrivacyCheck
        {
            Check = PrivacyCheck.PrivateLink,
            Requirement = $"an available interface VPC endpoint for {runtime}",
        };
        // The filter asked for interface endpoints; check again rather than trust it.
        var forRuntime = endpoints.Where(e => e.ServiceName == runtime && string.Equals(e.VpcEndpointType ?? "Interface", "Interface", StringComparison.OrdinalIgnoreCase)).ToList();
        var available = forRuntime.Where(e => e.IsAvailable).ToList();
        string related = string.Join("; ", RelatedServices.Select(s =>
        {
            var found = endpoints.Where(e => e.ServiceName == EndpointServiceName(region, s) && e.IsAvailable).Select(e => e.VpcEndpointId).ToList();
            return $"{s}: {(found.Count > 0 ? string.Join(", ", found) : "none")}";
        }));
        if (available.Count > 0)
        {
            result.Status = PrivacyCheckStatus.Pass;
            result.Resources = available.Select(e => e.VpcEndpointId).ToArray();
            result.VpcIds = available.Select(e => e.VpcId).Where(v => v != null).Select(v => v!).Distinct(StringComparer.Ordinal).ToArray();
            var noDns = available.Where(e => e.PrivateDnsEnabled == false).Select(e => e.VpcEndpointId).ToList();
            result.Detail = Cap($"{available.Count} available interface endpoint(s) for {runtime}: " +
                string.Join(", ", available.Select(e => $"{e.VpcEndpointId} in {e.VpcId ?? "an unnamed VPC"}")) + "." +
                (noDns.Count > 0 ? $" Private DNS is off on {string.Join(", ", noDns)}: clients that call bedrock-runtime.{region}.amazonaws.com still reach the public endpoint " +
                    $"unless they use the endpoint's own DNS name (aws ec2 modify-vpc-endpoint --vpc-endpoint-id {noDns[0]} --private-dns-enabled)." : "") +
                $" Other Bedrock endpoints ({related}). VPCs without an endpoint still reach Bedrock over the internet.");
            return result;
        }
        result.Status = PrivacyCheckStatus.Fail;
        result.Resources = forRuntime.Select(e => e.VpcEndpointId).ToArray();
        result.Detail = Cap(forRuntime.Count == 0
            ? $"No interface VPC endpoint for {runtime}: inference calls leave the VPC for Bedrock's public endpoint. Other Bedrock endpoints ({related})."
            : $"No endpoint for {runtime} is available: " + string.Join(", ", forRuntime.Select(e => $"{e.VpcEndpointId} is {e.State ?? "in an unknown state"}")) + ".");
        result.Remediation = forRuntime.Any(e => string.Equals(e.State, "pendingAcceptance", StringComparison.OrdinalIgnoreCase))
            ? "The endpoint waits for acceptance; accept it or recreate it (VPC console > Endpoints)."
            : $"Create one per VPC that calls Bedrock: aws ec2 create-vpc-endpoint --region {region} --vpc-endpoint-type Interface --service-name {runtime} " +
              "--vpc-id <vpc> --subnet-ids <subnets> --security-group-ids <sg> --private-dns-enabled (VPC console > Endpoints > Create endpoint).";
        return result;
    }
}
