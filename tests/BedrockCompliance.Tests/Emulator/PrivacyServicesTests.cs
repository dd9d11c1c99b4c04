using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace BedrockCompliance.Tests.Emulator;

/// <summary>CloudTrail (JSON 1.1) and EC2 DescribeVpcEndpoints (EC2 query XML) over the privacy state.</summary>
public class PrivacyServicesTests
{
    static readonly XNamespace Ec2 = "http://ec2.amazonaws.com/doc/2016-11-15/";

    [Fact]
    public async Task Management_has_a_logging_multi_region_trail_visible_from_every_region()
    {
        await using var emu = await TestEmulator.StartAsync();
        var home = await emu.CloudTrailAsync("DescribeTrails", new JsonObject());
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal("application/x-amz-json-1.1", home.Content.Headers.ContentType!.MediaType);
        var trail = (await TestEmulator.JsonAsync(home))["trailList"]![0]!;
        Assert.Equal("organization-trail", (string)trail["Name"]!);
        Assert.True((bool)trail["IsMultiRegionTrail"]!);
        Assert.Equal("us-east-1", (string)trail["HomeRegion"]!);

        var shadow = (await TestEmulator.JsonAsync(await emu.CloudTrailAsync("DescribeTrails", new JsonObject(), region: "eu-central-1")))["trailList"]!.AsArray();
        Assert.Single(shadow);
        var noShadow = await TestEmulator.JsonAsync(await emu.CloudTrailAsync("DescribeTrails",
            new JsonObject { ["includeShadowTrails"] = false }, region: "eu-central-1"));
        Assert.Empty(noShadow["trailList"]!.AsArray());

        var arn = (string)trail["TrailARN"]!;
        var status = await TestEmulator.JsonAsync(await emu.CloudTrailAsync("GetTrailStatus", new JsonObject { ["Name"] = arn }, region: "eu-central-1"));
        Assert.True((bool)status["IsLogging"]!);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, status["StartLoggingTime"]!.GetValueKind());

        var selectors = await TestEmulator.JsonAsync(await emu.CloudTrailAsync("GetEventSelectors", new JsonObject { ["TrailName"] = arn }));
        Assert.True((bool)selectors["EventSelectors"]![0]!["IncludeManagementEvents"]!);
        Assert.Equal("All", (string)selectors["EventSelectors"]![0]!["ReadWriteType"]!);
    }

    [Fact]
    public async Task Unknown_trail_is_trail_not_found_in_json_shape()
    {
        await using var emu = await TestEmulator.StartAsync();
        var response = await emu.CloudTrailAsync("GetTrailStatus", new JsonObject { ["Name"] = "nope" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await TestEmulator.JsonAsync(response);
        Assert.Equal("TrailNotFoundException", (string)body["__type"]!);
        Assert.Equal("Unknown trail: nope for the user: 111111111111", (string)body["message"]!);
    }

    [Fact]
    public async Task Cloudtrail_requests_must_be_signed_for_cloudtrail()
    {
        await using var emu = await TestEmulator.StartAsync();
        var response = await emu.SendAsync(emu.Signed(HttpMethod.Post, "/", "{}", service: "bedrock", contentType: "application/x-amz-json-1.1",
            tamper: m => m.Headers.Add("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails")));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("InvalidSignatureException", (string)(await TestEmulator.JsonAsync(response))["__type"]!);
    }

    [Fact]
    public async Task Management_has_a_bedrock_runtime_endpoint_in_every_region()
    {
        await using var emu = await TestEmulator.StartAsync();
        var response = await emu.PostFormAsync(
            "Action=DescribeVpcEndpoints&Version=2016-11-15&Filter.1.Name=service-name&Filter.1.Value.1=com.amazonaws.ap-southeast-2.bedrock-runtime",
            "ec2", region: "ap-southeast-2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Ec2 + "DescribeVpcEndpointsResponse", xml.Root!.Name);
        Assert.Equal(response.Headers.GetValues("x-amzn-RequestId").Single(), xml.Root.Element(Ec2 + "requestId")!.Value);
        var item = xml.Root.Element(Ec2 + "vpcEndpointSet")!.Elements(Ec2 + "item").Single();
        Assert.Equal("com.amazonaws.ap-southeast-2.bedrock-runtime", item.Element(Ec2 + "serviceName")!.Value);
        Assert.Equal("Interface", item.Element(Ec2 + "vpcEndpointType")!.Value);
        Assert.Equal("available", item.Element(Ec2 + "state")!.Value);
        Assert.StartsWith("vpce-", item.Element(Ec2 + "vpcEndpointId")!.Value);
        Assert.Equal("111111111111", item.Element(Ec2 + "ownerId")!.Value);
    }

    [Fact]
    public async Task Members_are_not_compliant_by_default()
    {
        await using var emu = await TestEmulator.StartAsync();
        var member = await emu.AssumeMemberAsync("200000000001");
        Assert.Empty((await TestEmulator.JsonAsync(await emu.CloudTrailAsync("DescribeTrails", new JsonObject(), member)))["trailList"]!.AsArray());
        var xml = XDocument.Parse(await (await emu.PostFormAsync("Action=DescribeVpcEndpoints&Version=2016-11-15", "ec2", member)).Content.ReadAsStringAsync());
        Assert.Empty(xml.Root!.Element(Ec2 + "vpcEndpointSet")!.Elements());
        Assert.Empty(await TestEmulator.JsonAsync(await emu.GetAsync("/logging/modelinvocations", member)));
    }

    [Fact]
    public async Task Ec2_errors_use_the_response_errors_shape()
    {
        await using var emu = await TestEmulator.StartAsync();
        var badFilter = await emu.PostFormAsync("Action=DescribeVpcEndpoints&Version=2016-11-15&Filter.1.Name=bogus&Filter.1.Value.1=x", "ec2");
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        var xml = XDocument.Parse(await badFilter.Content.ReadAsStringAsync());
        Assert.Equal("Response", xml.Root!.Name.LocalName);
        Assert.Equal("InvalidParameterValue", xml.Root.Element("Errors")!.Element("Error")!.Element("Code")!.Value);
        Assert.Equal(badFilter.Headers.GetValues("x-amzn-RequestId").Single(), xml.Root.Element("RequestID")!.Value);

        var unknownKey = await emu.PostFormAsync("Action=DescribeVpcEndpoints&Version=2016-11-15", "ec2",
            new Amazon.Runtime.BasicAWSCredentials("AKIAUNKNOWN000000000", "x"));
        Assert.Equal(HttpStatusCode.Unauthorized, unknownKey.StatusCode);
        Assert.Contains("<Code>AuthFailure</Code>", await unknownKey.Content.ReadAsStringAsync());

        var wrongSecret = await emu.PostFormAsync("Action=DescribeVpcEndpoints&Version=2016-11-15", "ec2",
            new Amazon.Runtime.BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "x"));
        Assert.Equal(HttpStatusCode.Forbidden, wrongSecret.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await wrongSecret.Content.ReadAsStringAsync());
    }
}
