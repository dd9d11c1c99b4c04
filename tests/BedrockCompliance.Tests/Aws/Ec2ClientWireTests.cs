using System.Net;
using System.Text;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Tests.Aws;

/// <summary>EC2 DescribeVpcEndpoints over the query protocol: form body, XML answers, pagination and XML errors.</summary>
public class Ec2ClientWireTests
{
    const string Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";
    const string Runtime = "com.amazonaws.us-east-1.bedrock-runtime";

    internal static HttpResponseMessage Xml(int status, string xml, string? requestIdHeader = "ec2-req")
    {
        var r = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") };
        if (requestIdHeader != null) r.Headers.TryAddWithoutValidation("x-amzn-RequestId", requestIdHeader);
        return r;
    }

    internal static string Item(string id, string service = Runtime, string state = "available", string vpc = "vpc-1", string dns = "true", string type = "Interface") =>
        $"<item><vpcEndpointId>{id}</vpcEndpointId><vpcEndpointType>{type}</vpcEndpointType><vpcId>{vpc}</vpcId><serviceName>{service}</serviceName>" +
        $"<state>{state}</state><routeTableIdSet/><subnetIdSet><item>subnet-1</item></subnetIdSet><privateDnsEnabled>{dns}</privateDnsEnabled><ownerId>111111111111</ownerId></item>";

    internal static string Page(string items, string? next = null) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeVpcEndpointsResponse xmlns=\"{Ns}\"><requestId>body-req</requestId><vpcEndpointSet>{items}</vpcEndpointSet>" +
        (next != null ? $"<nextToken>{next}</nextToken>" : "") + "</DescribeVpcEndpointsResponse>";

    static Ec2Client Client(FakeHttp http, int maxAttempts = 3) => new(new AwsHttpSender(FakeHttp.Connection(maxAttempts), new HttpClient(http)));

    [Fact]
    public async Task Posts_a_form_with_indexed_filters_signed_for_ec2()
    {
        var http = new FakeHttp().Then(_ => Xml(200, Page(Item("vpce-1"))));
        var endpoints = await Client(http).DescribeVpcEndpointsAsync(new[] { Runtime, "com.amazonaws.us-east-1.bedrock" }, "Interface", default);
        var (req, body) = http.Requests.Single();
        Assert.Equal(HttpMethod.Post, req.Method);
        Assert.Equal("/", req.RequestUri!.PathAndQuery);
        Assert.Equal("application/x-www-form-urlencoded", req.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("Action=DescribeVpcEndpoints&Version=2016-11-15&Filter.1.Name=service-name&Filter.1.Value.1=com.amazonaws.us-east-1.bedrock-runtime" +
            "&Filter.1.Value.2=com.amazonaws.us-east-1.bedrock&Filter.2.Name=vpc-endpoint-type&Filter.2.Value.1=Interface", body);
        Assert.False(req.Headers.Contains("X-Amz-Target"));
        Assert.Contains("/us-east-1/ec2/aws4_request", req.Headers.GetValues("Authorization").Single());

        var e = Assert.Single(endpoints);
        Assert.Equal("vpce-1", e.VpcEndpointId);
        Assert.Equal("Interface", e.VpcEndpointType);
        Assert.Equal("vpc-1", e.VpcId);
        Assert.Equal(Runtime, e.ServiceName);
        Assert.True(e.IsAvailable);
        Assert.True(e.PrivateDnsEnabled);
        Assert.Equal("111111111111", e.OwnerId);
    }

    [Fact]
    public async Task Without_filters_sends_only_action_and_version()
    {
        var http = new FakeHttp().Then(_ => Xml(200, Page("")));
        Assert.Empty(await Client(http).DescribeVpcEndpointsAsync(null, null, default));
        Assert.Equal("Action=DescribeVpcEndpoints&Version=2016-11-15", http.Requests.Single().Body);
    }

    [Fact]
    public async Task Follows_NextToken_until_the_last_page_and_encodes_it()
    {
        var http = new FakeHttp()
            .Then(_ => Xml(200, Page(Item("vpce-1"), next: "tok/1+=")))
            .Then(_ => Xml(200, Page(Item("vpce-2", state: "pendingAcceptance", dns: "false"), next: "")));
        var endpoints = await Client(http).DescribeVpcEndpointsAsync(new[] { Runtime }, "Interface", default);
        Assert.Equal(new[] { "vpce-1", "vpce-2" }, endpoints.Select(e => e.VpcEndpointId));
        Assert.EndsWith("&NextToken=tok%2F1%2B%3D", http.Requests[1].Body);
        Assert.DoesNotContain("NextToken", http.Requests[0].Body);
        Assert.False(endpoints[1].IsAvailable);
        Assert.False(endpoints[1].PrivateDnsEnabled);
    }

    [Fact]
    public async Task A_repeated_NextToken_stops_with_a_clear_error()
    {
        var http = new FakeHttp().Then(_ => Xml(200, Page(Item("vpce-1"), "same"))).Then(_ => Xml(200, Page(Item("vpce-1"), "same")));
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() => Client(http).DescribeVpcEndpointsAsync(null, null, default));
        Assert.Contains("repeats an earlier NextToken", ex.Message);
    }

    [Fact]
    public async Task Xml_errors_give_code_message_and_the_body_request_id_and_are_not_retried()
    {
        var http = new FakeHttp().Then(_ => Xml(403,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>b1c2</RequestID></Response>",
            requestIdHeader: null));
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => Client(http).DescribeVpcEndpointsAsync(null, null, default));
        Assert.Equal("UnauthorizedOperation", ex.ErrorCode);
        Assert.Equal("You are not authorized to perform this operation.", ex.ServiceMessage);
        Assert.Equal("b1c2", ex.RequestId);
        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("EC2", ex.Service);
        Assert.Single(http.Requests);
    }

    [Fact]
    public async Task RequestLimitExceeded_is_throttling_and_retried()
    {
        var http = new FakeHttp()
            .Then(_ => Xml(503, "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r</RequestID></Response>"))
            .Then(_ => Xml(200, Page(Item("vpce-1"))));
        Assert.Single(await Client(http).DescribeVpcEndpointsAsync(null, null, default));
        Assert.Equal(2, http.Requests.Count);
    }

    [Fact]
    public void The_query_error_parser_reads_the_ErrorResponse_form_and_survives_non_xml()
    {
        var sts = QueryXml.ParseError(AwsService.Ec2, "Op", new AwsResponse(400, Encoding.UTF8.GetBytes(
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error><RequestId>q</RequestId></ErrorResponse>"), null, null, "text/xml"));
        Assert.Equal("AccessDenied", sts.ErrorCode);
        Assert.Equal("q", sts.RequestId);
        var html = QueryXml.ParseError(AwsService.Ec2, "Op", new AwsResponse(502, Encoding.UTF8.GetBytes("<html><body>Bad gateway"), "hdr", null, "text/html"));
        Assert.Equal("Http502", html.ErrorCode);
        Assert.Contains("Bad gateway", html.ServiceMessage);
        Assert.Equal("hdr", html.RequestId);
        var empty = QueryXml.ParseError(AwsService.Ec2, "Op", new AwsResponse(401, Array.Empty<byte>(), null, null, null));
        Assert.Equal("Http401", empty.ErrorCode);
    }

    [Theory]
    [InlineData("<Other xmlns=\"" + Ns + "\"/>", "the root element is <Other>; expected <DescribeVpcEndpointsResponse>")]
    [InlineData("<DescribeVpcEndpointsResponse xmlns=\"" + Ns + "\"><vpcEndpointSet><item><vpcEndpointId>v</vpcEndpointId>", "not well-formed XML")]
    [InlineData("", "not well-formed XML")]
    [InlineData("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><DescribeVpcEndpointsResponse>&e;</DescribeVpcEndpointsResponse>", "not well-formed XML")]
    public async Task Unusable_answers_are_format_errors(string xml, string expected)
    {
        var http = new FakeHttp().Then(_ => Xml(200, xml));
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() => Client(http).DescribeVpcEndpointsAsync(null, null, default));
        Assert.Contains(expected, ex.Message);
        Assert.Contains("EC2 DescribeVpcEndpoints", ex.Message);
    }

    [Fact]
    public async Task A_missing_member_is_named_by_its_path()
    {
        var http = new FakeHttp().Then(_ => Xml(200, Page(Item("vpce-1") + "<item><serviceName>s</serviceName></item>")));
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() => Client(http).DescribeVpcEndpointsAsync(null, null, default));
        Assert.Contains("'vpcEndpointSet.item[1].vpcEndpointId' is missing", ex.Message);
        Assert.Contains("ec2-req", ex.Message);
    }

    [Fact]
    public async Task A_boolean_that_is_not_true_or_false_is_refused()
    {
        var http = new FakeHttp().Then(_ => Xml(200, Page(Item("vpce-1", dns: "yes"))));
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() => Client(http).DescribeVpcEndpointsAsync(null, null, default));
        Assert.Contains("'vpcEndpointSet.item[0].privateDnsEnabled' is 'yes'; expected true or false", ex.Message);
    }

    [Fact]
    public async Task A_json_body_is_reported_as_not_xml()
    {
        var http = new FakeHttp().ThenJson(200, "{}");
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() => Client(http).DescribeVpcEndpointsAsync(null, null, default));
        Assert.Contains("'application/json', not XML", ex.Message);
    }
}
