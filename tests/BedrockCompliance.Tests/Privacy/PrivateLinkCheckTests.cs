using System.Net;
using System.Text;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using BedrockCompliance.Engine.Privacy.Checks;
using BedrockCompliance.Tests.Aws;
using static BedrockCompliance.Tests.Privacy.PrivacyFixtures;

namespace BedrockCompliance.Tests.Privacy;

public class PrivateLinkCheckTests
{

    static VpcEndpoint Endpoint(string id, string service = "com.amazonaws.us-east-1.bedrock-runtime", string state = "available", bool? dns = true, string type = "Interface", string vpc = "vpc-1") =>
        new(VpcEndpointId: id, ServiceName: service, State: state, PrivateDnsEnabled: dns, VpcEndpointType: type, VpcId: vpc, OwnerId: null);

    [Fact]
    public void Available_runtime_endpoints_pass_with_ids_and_vpcs()
    {
        var r = PrivateLinkCheck.Judge(Region, new[]
        {
            Endpoint("vpce-1"), Endpoint("vpce-2", vpc: "vpc-2"), Endpoint("vpce-3", vpc: "vpc-2"),
            Endpoint("vpce-9", state: "deleting"), Endpoint("vpce-cp", service: "com.amazonaws.us-east-1.bedrock"),
        });
        Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
        Assert.Equal(new[] { "vpce-1", "vpce-2", "vpce-3" }, r.Resources);
        Assert.Equal(new[] { "vpc-1", "vpc-2" }, r.VpcIds);
        Assert.Contains("bedrock: vpce-cp", r.Detail);
        Assert.Contains("bedrock-agent-runtime: none", r.Detail);
        Assert.DoesNotContain("Private DNS is off", r.Detail);
        Assert.Null(r.Remediation);
    }

    [Fact]
    public void Private_dns_off_is_noted_on_a_pass()
    {
        var r = PrivateLinkCheck.Judge(Region, new[] { Endpoint("vpce-1", dns: false) });
        Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
        Assert.Contains("Private DNS is off on vpce-1", r.Detail);
        Assert.Contains("--private-dns-enabled", r.Detail);
    }

    [Fact]
    public void No_endpoint_fails_with_create_vpc_endpoint()
    {
        var r = PrivateLinkCheck.Judge(Region, new[] { Endpoint("vpce-cp", service: "com.amazonaws.us-east-1.bedrock"), Endpoint("vpce-gw", type: "Gateway") });
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Empty(r.Resources);
        Assert.Contains("No interface VPC endpoint for com.amazonaws.us-east-1.bedrock-runtime", r.Detail);
        Assert.Contains("aws ec2 create-vpc-endpoint --region us-east-1 --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.bedrock-runtime", r.Remediation);
    }

    [Fact]
    public void An_endpoint_that_is_not_available_fails_and_says_its_state()
    {
        var r = PrivateLinkCheck.Judge(Region, new[] { Endpoint("vpce-1", state: "pendingAcceptance") });
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Contains("vpce-1 is pendingAcceptance", r.Detail);
        Assert.Contains("accept", r.Remediation);
    }

    [Fact]
    public void China_regions_use_the_cn_service_prefix() =>
        Assert.Equal("cn.com.amazonaws.cn-north-1.bedrock-runtime", PrivateLinkCheck.EndpointServiceName("cn-north-1", "bedrock-runtime"));

    [Fact]
    public async Task PrivateLink_asks_for_interface_endpoints_of_the_bedrock_services()
    {
        string? body = null;
        var http = Compliant().On("DescribeVpcEndpoints", b => { body = b; return Ec2ClientWireTests.Xml(200, Ec2ClientWireTests.Page("")); });
        var r = await Run(http, PrivacyCheck.PrivateLink);
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Contains("Filter.1.Name=service-name&Filter.1.Value.1=com.amazonaws.us-east-1.bedrock-runtime&Filter.1.Value.2=com.amazonaws.us-east-1.bedrock&", body);
        Assert.EndsWith("Filter.2.Name=vpc-endpoint-type&Filter.2.Value.1=Interface", body);
    }

    [Fact]
    public async Task PrivateLink_reports_the_bedrock_mantle_endpoint_service()
    {
        string? body = null;
        var http = Compliant().On("DescribeVpcEndpoints", b => { body = b; return Ec2ClientWireTests.Xml(200, Ec2ClientWireTests.Page(Ec2ClientWireTests.Item("vpce-1"))); });
        var r = await Run(http, PrivacyCheck.PrivateLink);
        Assert.Contains("Filter.1.Value.4=com.amazonaws.us-east-1.bedrock-mantle", body);
        Assert.Contains("bedrock-mantle: none", r.Detail);
    }
}
