using System.Net;
using System.Net.Http;
using System.Text;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using BedrockCompliance.Tests.Aws;
using Xunit;

namespace BedrockCompliance.Tests.Privacy
{
    /// <summary>Answers by AWS operation (the checks run concurrently, so a script in call order would not do).</summary>
    internal sealed class RoutingHttp : HttpMessageHandler
    {
        readonly Dictionary<string, Func<string?, HttpResponseMessage>> _routes = new();
        readonly List<string> _calls = new();

        public IReadOnlyList<string> Calls { get { lock (_calls) return _calls.ToList(); } }

        public RoutingHttp On(string operation, Func<string?, HttpResponseMessage> answer) { _routes[operation] = answer; return this; }
        public RoutingHttp OnJson(string operation, string json) => On(operation, _ => Json(200, json));

        public static HttpResponseMessage Json(int status, string json, string type = "application/x-amz-json-1.1")
        {
            var r = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, type) };
            r.Headers.TryAddWithoutValidation("x-amzn-RequestId", "rid");
            return r;
        }

        public static HttpResponseMessage Denied(string operation) => Json(403,
            $"{{\"__type\":\"AccessDeniedException\",\"message\":\"User: arn:aws:iam::1:user/u is not authorized to perform: x:{operation}\"}}");

        public static HttpResponseMessage Ec2Denied() => Ec2ClientWireTests.Xml(403,
            "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>r</RequestID></Response>");

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            string? body = request.Content == null ? null : await request.Content.ReadAsStringAsync(ct);
            string op = request.Headers.TryGetValues("X-Amz-Target", out var t) ? t.Single().Split('.').Last()
                : body != null && body.StartsWith("Action=", StringComparison.Ordinal) ? body.Substring(7).Split('&')[0]
                : request.RequestUri!.AbsolutePath == "/logging/modelinvocations" ? "GetModelInvocationLoggingConfiguration"
                : request.RequestUri.AbsolutePath;
            lock (_calls) _calls.Add(op);
            if (!_routes.TryGetValue(op, out var answer)) throw new InvalidOperationException("No route for " + op);
            return answer(body);
        }

        public PrivacyChecker Checker(int maxAttempts = 1) => new(new AwsHttpSender(FakeHttp.Connection(maxAttempts), new HttpClient(this)));
    }

    public class PrivacyCheckerTests
    {
        const string Region = "us-east-1";
        const string OrgArn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org";
        const string Logging = "{\"IsLogging\":true,\"LatestDeliveryTime\":1764500000}";
        const string AllManagement = "{\"EventSelectors\":[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]}";
        static readonly PrivacyCheckOptions All = new() { AllowedRegions = new[] { "us-*" }, InvocationLogging = InvocationLoggingRequirement.Enabled };

        static string Trails(params string[] trails) => "{\"trailList\":[" + string.Join(",", trails) + "]}";
        static string Trail(string name = "org", string home = Region, bool multi = true, string? arn = null) =>
            $"{{\"Name\":\"{name}\",\"HomeRegion\":\"{home}\",\"IsMultiRegionTrail\":{(multi ? "true" : "false")},\"TrailARN\":\"{arn ?? $"arn:aws:cloudtrail:{home}:111111111111:trail/{name}"}\",\"S3BucketName\":\"logs\"}}";
        static string Advanced(params string[] fieldSelectors) => "{\"AdvancedEventSelectors\":[{\"Name\":\"s\",\"FieldSelectors\":[" + string.Join(",", fieldSelectors) + "]}]}";

        static RoutingHttp Compliant() => new RoutingHttp()
            .OnJson("DescribeTrails", Trails(Trail()))
            .OnJson("GetTrailStatus", Logging)
            .OnJson("GetEventSelectors", AllManagement)
            .On("DescribeVpcEndpoints", _ => Ec2ClientWireTests.Xml(200, Ec2ClientWireTests.Page(Ec2ClientWireTests.Item("vpce-1"))))
            .On("GetModelInvocationLoggingConfiguration", _ => RoutingHttp.Json(200, "{\"loggingConfig\":{\"cloudWatchConfig\":{\"logGroupName\":\"/lg\",\"roleArn\":\"r\"},\"textDataDeliveryEnabled\":true}}", "application/json"));

        static async Task<BedrockPrivacyCheck> Run(RoutingHttp http, PrivacyCheck check, PrivacyCheckOptions? options = null)
        {
            var o = options ?? All;
            var results = await http.Checker().CheckAsync("111111111111", Region, new PrivacyCheckOptions
            {
                Checks = new[] { check }, AllowedRegions = o.AllowedRegions, InvocationLogging = o.InvocationLogging, InvocationLogDataKinds = o.InvocationLogDataKinds,
            }, default);
            return Assert.Single(results);
        }

        // ------------------------------------------------------------ whole run

        [Fact]
        public async Task A_compliant_account_passes_every_check_with_its_facts()
        {
            var http = Compliant();
            var results = await http.Checker().CheckAsync("111111111111", Region, All, default);
            Assert.Equal(new[] { PrivacyCheck.RegionAllowed, PrivacyCheck.CloudTrail, PrivacyCheck.PrivateLink, PrivacyCheck.InvocationLogging }, results.Select(r => r.Check));
            Assert.All(results, r =>
            {
                Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
                Assert.Null(r.Remediation);
                Assert.Equal("111111111111", r.AccountId);
                Assert.Equal(Region, r.Region);
                Assert.NotEqual(default, r.CheckedAt);
            });
            Assert.Equal(new[] { OrgArn }, results[1].Resources);
            Assert.Equal(new[] { "vpce-1" }, results[2].Resources);
            Assert.Equal(new[] { "vpc-1" }, results[2].VpcIds);
            Assert.Equal(new[] { "cloudwatch:/lg" }, results[3].Resources);
            Assert.Equal(new[] { "Text" }, results[3].DataKinds);
            Assert.Equal(EvidenceOutcome.Succeeded, PrivacyChecker.EvidenceOutcomeFor(results));
            string details = PrivacyChecker.EvidenceDetails(results);
            Assert.Contains("RegionAllowed=Pass req us-*", details);
            Assert.Contains($"CloudTrail=Pass [{OrgArn}]", details);
            Assert.Contains("PrivateLink=Pass [vpce-1]", details);
            Assert.Contains("InvocationLogging=Pass req Enabled (any data kind) [cloudwatch:/lg] data Text", details);
        }

        [Fact]
        public async Task Only_the_selected_checks_run_and_call_AWS()
        {
            var http = Compliant();
            var results = await http.Checker().CheckAsync(null, Region, new PrivacyCheckOptions { Checks = new[] { PrivacyCheck.PrivateLink, PrivacyCheck.RegionAllowed } }, default);
            Assert.Equal(new[] { PrivacyCheck.RegionAllowed, PrivacyCheck.PrivateLink }, results.Select(r => r.Check));
            Assert.Equal(new[] { "DescribeVpcEndpoints" }, http.Calls);
        }

        [Fact]
        public async Task A_denied_EC2_call_makes_only_PrivateLink_unknown()
        {
            var http = Compliant().On("DescribeVpcEndpoints", _ => RoutingHttp.Ec2Denied());
            var results = await http.Checker().CheckAsync("1", Region, All, default);
            var link = results.Single(r => r.Check == PrivacyCheck.PrivateLink);
            Assert.Equal(PrivacyCheckStatus.Unknown, link.Status);
            Assert.Equal("UnauthorizedOperation", link.ErrorCode);
            Assert.StartsWith("Could not verify: permission denied. UnauthorizedOperation: You are not authorized", link.Detail);
            Assert.Contains("ec2:DescribeVpcEndpoints", link.Remediation);
            Assert.All(results.Where(r => r.Check != PrivacyCheck.PrivateLink), r => Assert.Equal(PrivacyCheckStatus.Pass, r.Status));
            Assert.Equal(EvidenceOutcome.Observed, PrivacyChecker.EvidenceOutcomeFor(results));
            Assert.Contains("PrivateLink=Unknown (UnauthorizedOperation)", PrivacyChecker.EvidenceDetails(results));
        }

        [Fact]
        public async Task A_failure_anywhere_makes_the_evidence_outcome_failed()
        {
            var http = Compliant().OnJson("DescribeTrails", "{\"trailList\":[]}");
            var results = await http.Checker().CheckAsync("1", Region, All, default);
            Assert.Equal(EvidenceOutcome.Failed, PrivacyChecker.EvidenceOutcomeFor(results));
        }

        // ------------------------------------------------------------ RegionAllowed

        [Theory]
        [InlineData(null, PrivacyCheckStatus.Unknown)]
        [InlineData("us-east-1", PrivacyCheckStatus.Pass)]
        [InlineData("US-EAST-1", PrivacyCheckStatus.Pass)]
        [InlineData("us-*", PrivacyCheckStatus.Pass)]
        [InlineData("us-east-?", PrivacyCheckStatus.Pass)]
        [InlineData("eu-*", PrivacyCheckStatus.Fail)]
        [InlineData("us-east", PrivacyCheckStatus.Fail)]
        public void RegionAllowed_judges_the_residency_list(string? allowed, PrivacyCheckStatus expected)
        {
            var r = PrivacyChecker.RegionAllowed(Region, allowed == null ? null : new[] { "eu-west-1", allowed });
            Assert.Equal(expected, r.Status);
            if (expected == PrivacyCheckStatus.Unknown) Assert.Contains("no data-residency list given", r.Detail);
            if (expected == PrivacyCheckStatus.Fail) Assert.Contains("aws:RequestedRegion", r.Remediation);
            if (expected == PrivacyCheckStatus.Pass) Assert.Null(r.Remediation);
        }

        [Fact]
        public void An_empty_residency_list_is_not_a_pass() =>
            Assert.Equal(PrivacyCheckStatus.Unknown, PrivacyChecker.RegionAllowed(Region, Array.Empty<string>()).Status);

        // ------------------------------------------------------------ CloudTrail

        [Fact]
        public async Task No_trail_fails_with_create_trail()
        {
            var r = await Run(Compliant().OnJson("DescribeTrails", "{\"trailList\":[]}"), PrivacyCheck.CloudTrail);
            Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
            Assert.Contains("aws cloudtrail create-trail", r.Remediation);
        }

        [Fact]
        public async Task A_single_region_trail_homed_elsewhere_does_not_cover_the_region()
        {
            var http = Compliant().OnJson("DescribeTrails", Trails(Trail("eu", home: "eu-west-1", multi: false)));
            var r = await Run(http, PrivacyCheck.CloudTrail);
            Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
            Assert.Contains("None of the 1 visible trail(s) covers us-east-1", r.Detail);
            Assert.DoesNotContain("GetTrailStatus", http.Calls);
        }

        [Fact]
        public async Task A_shadow_trail_is_queried_by_its_arn()
        {
            string arn = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/multi";
            var bodies = new List<string?>();
            var http = Compliant().OnJson("DescribeTrails", Trails(Trail("multi", home: "eu-west-1", multi: true)))
                .On("GetTrailStatus", b => { lock (bodies) bodies.Add(b); return RoutingHttp.Json(200, Logging); })
                .On("GetEventSelectors", b => { lock (bodies) bodies.Add(b); return RoutingHttp.Json(200, AllManagement); });
            var r = await Run(http, PrivacyCheck.CloudTrail);
            Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
            Assert.Equal(new[] { $"{{\"Name\":\"{arn}\"}}", $"{{\"TrailName\":\"{arn}\"}}" }, bodies);
        }

        [Theory]
        [InlineData("{\"IsLogging\":false,\"StopLoggingTime\":1764000000}", PrivacyCheckStatus.Fail, "start-logging")]
        [InlineData("{\"IsLogging\":true,\"LatestDeliveryError\":\"AccessDenied\"}", PrivacyCheckStatus.Fail, "bucket policy of 'logs'")]
        [InlineData("{}", PrivacyCheckStatus.Unknown, "Rerun")]
        public async Task Trail_status_decides_before_selectors(string status, PrivacyCheckStatus expected, string remediation)
        {
            var http = Compliant().OnJson("GetTrailStatus", status);
            var r = await Run(http, PrivacyCheck.CloudTrail);
            Assert.Equal(expected, r.Status);
            Assert.Contains(remediation, r.Remediation);
            Assert.DoesNotContain("GetEventSelectors", http.Calls);
        }

        [Theory]
        [InlineData("{\"EventSelectors\":[{\"ReadWriteType\":\"WriteOnly\",\"IncludeManagementEvents\":true}]}", "write-only management events")]
        [InlineData("{\"EventSelectors\":[{\"ReadWriteType\":\"ReadOnly\",\"IncludeManagementEvents\":true}]}", "read-only management events")]
        [InlineData("{\"EventSelectors\":[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":false}]}", "no management events")]
        [InlineData("{\"EventSelectors\":[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true,\"ExcludeManagementEventSources\":[\"bedrock.amazonaws.com\"]}]}", "excludes bedrock.amazonaws.com")]
        [InlineData("{\"EventSelectors\":[{\"ReadWriteType\":\"Sometimes\"}]}", "is not one of All")]
        [InlineData("{}", "no event selectors")]
        public async Task Basic_selectors_that_miss_reads_or_writes_fail(string selectors, string detail)
        {
            var r = await Run(Compliant().OnJson("GetEventSelectors", selectors), PrivacyCheck.CloudTrail);
            Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
            Assert.Contains(detail, r.Detail);
            Assert.Contains("put-event-selectors", r.Remediation);
            Assert.Contains("\"ReadWriteType\":\"All\"", r.Remediation);
        }

        [Fact]
        public async Task Read_only_and_write_only_selectors_together_cover_both()
        {
            var r = await Run(Compliant().OnJson("GetEventSelectors",
                "{\"EventSelectors\":[{\"ReadWriteType\":\"ReadOnly\"},{\"ReadWriteType\":\"WriteOnly\"}]}"), PrivacyCheck.CloudTrail);
            Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
        }

        const string Mgmt = "{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}";

        [Theory]
        [InlineData(PrivacyCheckStatus.Pass, "", Mgmt)]
        [InlineData(PrivacyCheckStatus.Pass, "", Mgmt, "{\"Field\":\"eventSource\",\"NotEquals\":[\"kms.amazonaws.com\",\"rdsdata.amazonaws.com\"]}")]
        [InlineData(PrivacyCheckStatus.Fail, "read-only management events", Mgmt, "{\"Field\":\"readOnly\",\"Equals\":[\"true\"]}")]
        [InlineData(PrivacyCheckStatus.Fail, "write-only management events", Mgmt, "{\"Field\":\"readOnly\",\"Equals\":[\"false\"]}")]
        [InlineData(PrivacyCheckStatus.Fail, "excludes bedrock.amazonaws.com", Mgmt, "{\"Field\":\"eventSource\",\"NotEquals\":[\"bedrock.amazonaws.com\"]}")]
        [InlineData(PrivacyCheckStatus.Fail, "excludes bedrock.amazonaws.com", Mgmt, "{\"Field\":\"eventSource\",\"Equals\":[\"s3.amazonaws.com\"]}")]
        [InlineData(PrivacyCheckStatus.Fail, "filters on userIdentity.arn", Mgmt, "{\"Field\":\"userIdentity.arn\",\"NotStartsWith\":[\"arn:aws:sts::1:assumed-role/x\"]}")]
        [InlineData(PrivacyCheckStatus.Fail, "no management events", "{\"Field\":\"eventCategory\",\"Equals\":[\"Data\"]}", "{\"Field\":\"resources.type\",\"Equals\":[\"AWS::S3::Object\"]}")]
        [InlineData(PrivacyCheckStatus.Fail, "no management events", "{\"Field\":\"readOnly\",\"Equals\":[\"true\"]}")]
        public async Task Advanced_selectors_are_read_field_by_field(PrivacyCheckStatus expected, string detail, params string[] fields)
        {
            var r = await Run(Compliant().OnJson("GetEventSelectors", Advanced(fields)), PrivacyCheck.CloudTrail);
            Assert.Equal(expected, r.Status);
            Assert.Contains(detail, r.Detail);
            if (expected == PrivacyCheckStatus.Fail) Assert.Contains("--advanced-event-selectors", r.Remediation);
        }

        [Fact]
        public async Task A_denied_DescribeTrails_is_unknown_with_the_permission_to_grant()
        {
            var r = await Run(Compliant().On("DescribeTrails", _ => RoutingHttp.Denied("cloudtrail:DescribeTrails")), PrivacyCheck.CloudTrail);
            Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
            Assert.Equal("AccessDeniedException", r.ErrorCode);
            Assert.Contains("CloudTrail DescribeTrails", r.Detail);
            Assert.Contains("cloudtrail:DescribeTrails, cloudtrail:GetTrailStatus and cloudtrail:GetEventSelectors", r.Remediation);
        }

        [Theory]
        [InlineData("GetTrailStatus")]
        [InlineData("GetEventSelectors")]
        public async Task A_denied_trail_call_is_unknown_not_pass(string operation)
        {
            var r = await Run(Compliant().On(operation, _ => RoutingHttp.Denied(operation)), PrivacyCheck.CloudTrail);
            Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
            Assert.Equal("AccessDeniedException", r.ErrorCode);
            Assert.Contains(operation + " failed", r.Detail);
            Assert.Contains("Grant cloudtrail:", r.Remediation);
            Assert.Equal(new[] { OrgArn }, r.Resources);
        }

        [Fact]
        public async Task One_proven_trail_passes_even_when_another_cannot_be_read()
        {
            string other = "arn:aws:cloudtrail:us-east-1:111111111111:trail/other";
            var http = Compliant().OnJson("DescribeTrails", Trails(Trail("other"), Trail("org")))
                .On("GetTrailStatus", b => b!.Contains(other) ? RoutingHttp.Denied("GetTrailStatus") : RoutingHttp.Json(200, Logging));
            var r = await Run(http, PrivacyCheck.CloudTrail);
            Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
            Assert.Equal(new[] { OrgArn }, r.Resources);
        }

        [Fact]
        public async Task A_stopped_trail_and_an_unreadable_trail_are_unknown_not_fail()
        {
            var http = Compliant().OnJson("DescribeTrails", Trails(Trail("a"), Trail("b")))
                .On("GetTrailStatus", b => b!.Contains("trail/a") ? RoutingHttp.Json(200, "{\"IsLogging\":false}") : RoutingHttp.Denied("GetTrailStatus"));
            var r = await Run(http, PrivacyCheck.CloudTrail);
            Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
            Assert.Contains("trail 'a'", r.Detail);
            Assert.Contains("is not logging", r.Detail);
        }

        [Fact]
        public async Task An_unreachable_endpoint_is_unknown_and_says_to_rerun()
        {
            var http = Compliant().On("DescribeTrails", _ => throw new HttpRequestException("connection refused"));
            var r = await Run(http, PrivacyCheck.CloudTrail);
            Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
            Assert.Equal("EndpointUnreachable", r.ErrorCode);
            Assert.Contains("connection refused", r.Detail);
            Assert.StartsWith("Rerun", r.Remediation);
        }

        [Fact]
        public async Task A_malformed_answer_is_unknown()
        {
            var r = await Run(Compliant().OnJson("DescribeTrails", "{\"trailList\":\"x\"}"), PrivacyCheck.CloudTrail);
            Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
            Assert.Equal("InvalidResponse", r.ErrorCode);
        }

        // ------------------------------------------------------------ PrivateLink

        static VpcEndpoint Endpoint(string id, string service = "com.amazonaws.us-east-1.bedrock-runtime", string state = "available", bool? dns = true, string type = "Interface", string vpc = "vpc-1") =>
            new() { VpcEndpointId = id, ServiceName = service, State = state, PrivateDnsEnabled = dns, VpcEndpointType = type, VpcId = vpc };

        [Fact]
        public void Available_runtime_endpoints_pass_with_ids_and_vpcs()
        {
            var r = PrivacyChecker.JudgePrivateLink(Region, new[]
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
            var r = PrivacyChecker.JudgePrivateLink(Region, new[] { Endpoint("vpce-1", dns: false) });
            Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
            Assert.Contains("Private DNS is off on vpce-1", r.Detail);
            Assert.Contains("--private-dns-enabled", r.Detail);
        }

        [Fact]
        public void No_endpoint_fails_with_create_vpc_endpoint()
        {
            var r = PrivacyChecker.JudgePrivateLink(Region, new[] { Endpoint("vpce-cp", service: "com.amazonaws.us-east-1.bedrock"), Endpoint("vpce-gw", type: "Gateway") });
            Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
            Assert.Empty(r.Resources);
            Assert.Contains("No interface VPC endpoint for com.amazonaws.us-east-1.bedrock-runtime", r.Detail);
            Assert.Contains("aws ec2 create-vpc-endpoint --region us-east-1 --vpc-endpoint-type Interface --service-name com.amazonaws.us-east-1.bedrock-runtime", r.Remediation);
        }

        [Fact]
        public void An_endpoint_that_is_not_available_fails_and_says_its_state()
        {
            var r = PrivacyChecker.JudgePrivateLink(Region, new[] { Endpoint("vpce-1", state: "pendingAcceptance") });
            Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
            Assert.Contains("vpce-1 is pendingAcceptance", r.Detail);
            Assert.Contains("accept", r.Remediation);
        }

        [Fact]
        public void China_regions_use_the_cn_service_prefix() =>
            Assert.Equal("cn.com.amazonaws.cn-north-1.bedrock-runtime", PrivacyChecker.EndpointServiceName("cn-north-1", "bedrock-runtime"));

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

        // ------------------------------------------------------------ InvocationLogging

        static InvocationLoggingConfiguration Config(bool text = false, bool image = false, bool embedding = false, string? logGroup = "/lg", string? bucket = null) => new()
        {
            Configured = true, CloudWatchLogGroup = logGroup, S3Bucket = bucket, S3KeyPrefix = bucket != null ? "p/" : null,
            TextDataDeliveryEnabled = text, ImageDataDeliveryEnabled = image, EmbeddingDataDeliveryEnabled = embedding,
        };

        static readonly InvocationLoggingConfiguration None = new() { Configured = false };
        static readonly InvocationLogDataKind[] NoKinds = Array.Empty<InvocationLogDataKind>();

        [Fact]
        public void Without_a_requirement_logging_is_reported_but_unknown()
        {
            var r = PrivacyChecker.JudgeInvocationLogging(Region, Config(text: true), null, NoKinds);
            Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
            Assert.Null(r.ErrorCode);
            Assert.Contains("no invocation-logging requirement given", r.Detail);
            Assert.Contains("Text data to cloudwatch:/lg", r.Detail);
            Assert.Equal(new[] { "cloudwatch:/lg" }, r.Resources);
        }

        [Fact]
        public void Any_passes_whatever_is_configured()
        {
            Assert.Equal(PrivacyCheckStatus.Pass, PrivacyChecker.JudgeInvocationLogging(Region, None, InvocationLoggingRequirement.Any, NoKinds).Status);
            Assert.Equal(PrivacyCheckStatus.Pass, PrivacyChecker.JudgeInvocationLogging(Region, Config(text: true), InvocationLoggingRequirement.Any, NoKinds).Status);
        }

        public static IEnumerable<object[]> EnabledCases() => new[]
        {
            new object[] { None, NoKinds, PrivacyCheckStatus.Fail, "no model-invocation logging is configured" },
            new object[] { Config(text: true), NoKinds, PrivacyCheckStatus.Pass, "" },
            new object[] { Config(), NoKinds, PrivacyCheckStatus.Fail, "No data kind is delivered" },
            new object[] { Config(text: true, logGroup: null), NoKinds, PrivacyCheckStatus.Fail, "names no destination" },
            new object[] { Config(text: true), new[] { InvocationLogDataKind.Text, InvocationLogDataKind.Image }, PrivacyCheckStatus.Fail, "Required but not delivered: Image" },
            new object[] { Config(text: true, image: true, logGroup: null, bucket: "b"), new[] { InvocationLogDataKind.Image }, PrivacyCheckStatus.Pass, "s3://b/p/" },
        };

        [Theory]
        [MemberData(nameof(EnabledCases))]
        public void Enabled_needs_a_destination_and_the_required_kinds(InvocationLoggingConfiguration config, InvocationLogDataKind[] kinds, PrivacyCheckStatus expected, string detail)
        {
            var r = PrivacyChecker.JudgeInvocationLogging(Region, config, InvocationLoggingRequirement.Enabled, kinds);
            Assert.Equal(expected, r.Status);
            Assert.Contains(detail, r.Detail, StringComparison.OrdinalIgnoreCase);
            if (expected == PrivacyCheckStatus.Fail) Assert.Contains("put-model-invocation-logging-configuration --region us-east-1", r.Remediation);
            else Assert.Null(r.Remediation);
        }

        public static IEnumerable<object[]> DisabledCases() => new[]
        {
            new object[] { None, NoKinds, PrivacyCheckStatus.Pass, "Disabled (no data kind delivered)" },
            new object[] { Config(), NoKinds, PrivacyCheckStatus.Pass, "Disabled (no data kind delivered)" },
            new object[] { Config(embedding: true), NoKinds, PrivacyCheckStatus.Fail, "Disabled (no data kind delivered)" },
            new object[] { Config(text: true), new[] { InvocationLogDataKind.Image }, PrivacyCheckStatus.Pass, "Disabled (no Image delivered)" },
            new object[] { Config(text: true, image: true), new[] { InvocationLogDataKind.Image }, PrivacyCheckStatus.Fail, "Disabled (no Image delivered)" },
        };

        [Theory]
        [MemberData(nameof(DisabledCases))]
        public void Disabled_forbids_the_listed_kinds(InvocationLoggingConfiguration config, InvocationLogDataKind[] kinds, PrivacyCheckStatus expected, string requirement)
        {
            var r = PrivacyChecker.JudgeInvocationLogging(Region, config, InvocationLoggingRequirement.Disabled, kinds);
            Assert.Equal(expected, r.Status);
            Assert.Equal(requirement, r.Requirement);
            if (expected == PrivacyCheckStatus.Fail)
            {
                Assert.Contains("delete-model-invocation-logging-configuration", r.Remediation);
                Assert.Contains("is stored, which the requirement forbids", r.Detail);
            }
        }

        [Fact]
        public async Task A_denied_logging_read_is_unknown()
        {
            var http = Compliant().On("GetModelInvocationLoggingConfiguration", _ => RoutingHttp.Json(403,
                "{\"message\":\"not authorized\"}", "application/json").WithHeader("x-amzn-ErrorType", "AccessDeniedException"));
            var r = await Run(http, PrivacyCheck.InvocationLogging);
            Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
            Assert.Equal("AccessDeniedException", r.ErrorCode);
            Assert.Contains("bedrock:GetModelInvocationLoggingConfiguration", r.Remediation);
        }

        [Fact]
        public async Task An_unconfigured_account_reads_as_not_configured()
        {
            var r = await Run(Compliant().On("GetModelInvocationLoggingConfiguration", _ => RoutingHttp.Json(200, "{}", "application/json")), PrivacyCheck.InvocationLogging,
                new PrivacyCheckOptions { InvocationLogging = InvocationLoggingRequirement.Enabled });
            Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
            Assert.Empty(r.DataKinds);
        }

        [Fact]
        public async Task Cancellation_is_not_turned_into_unknown()
        {
            using var cts = new CancellationTokenSource();
            var http = Compliant().On("DescribeTrails", _ => { cts.Cancel(); throw new OperationCanceledException(cts.Token); });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.Checker().CheckAsync("1", Region,
                new PrivacyCheckOptions { Checks = new[] { PrivacyCheck.CloudTrail } }, cts.Token));
        }
    }

    internal static class ResponseExtensions
    {
        public static HttpResponseMessage WithHeader(this HttpResponseMessage r, string name, string value)
        {
            r.Headers.TryAddWithoutValidation(name, value);
            return r;
        }
    }
}
