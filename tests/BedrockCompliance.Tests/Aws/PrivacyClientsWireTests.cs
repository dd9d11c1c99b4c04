using System.Net;
using System.Text;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Tests.Aws;

/// <summary>The 2026 privacy clients on the wire: request line, signing service and region, body, and what is parsed back.</summary>
public class PrivacyClientsWireTests
{
    static AwsHttpSender Sender(FakeHttp http, string? bearer = null) => new(FakeHttp.Connection(1, bearer), new HttpClient(http));

    static HttpResponseMessage Body(int status, string body, string type)
    {
        var r = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, type) };
        r.Headers.TryAddWithoutValidation("x-amzn-RequestId", "rid");
        return r;
    }

    static string Auth(HttpRequestMessage r) => r.Headers.GetValues("Authorization").Single();

    [Fact]
    public async Task Control_plane_data_retention_is_a_signed_GET_and_reads_updatedAt_or_updated_at()
    {
        var http = new FakeHttp().ThenJson(200, "{\"mode\":\"provider_data_share\",\"updatedAt\":\"2026-06-07T20:19:44.723Z\"}")
            .ThenJson(200, "{\"mode\":\"aws_review\",\"updated_at\":\"2026-09-10T00:00:00Z\"}");
        var client = new BedrockPrivacyClient(Sender(http));
        var first = await client.GetAccountDataRetentionAsync(default);
        var second = await client.GetAccountDataRetentionAsync(default);
        var (req, body) = http.Requests[0];
        Assert.Equal(HttpMethod.Get, req.Method);
        Assert.Equal("/data-retention", req.RequestUri!.PathAndQuery);
        Assert.Null(body);
        Assert.Contains("/us-east-1/bedrock/aws4_request", Auth(req));
        Assert.Equal(DataRetentionMode.ProviderDataShare, first.Mode);
        Assert.Equal(new DateTimeOffset(2026, 6, 7, 20, 19, 44, 723, TimeSpan.Zero), first.UpdatedAt);
        Assert.Equal(DataRetentionMode.AwsReview, second.Mode);
        Assert.NotNull(second.UpdatedAt);
    }

    [Fact]
    public async Task An_unknown_mode_is_kept_as_text_not_guessed()
    {
        var http = new FakeHttp().ThenJson(200, "{\"mode\":\"share_everything\"}");
        var s = await new BedrockPrivacyClient(Sender(http)).GetAccountDataRetentionAsync(default);
        Assert.Null(s.Mode);
        Assert.Equal("share_everything", s.ModeText);
    }

    [Fact]
    public async Task Control_plane_projects_follow_nextToken_and_default_to_inherit()
    {
        var http = new FakeHttp()
            .ThenJson(200, "{\"projectSummaries\":[{\"id\":\"default\",\"arn\":\"arn:aws:bedrock:us-east-1:1:project/default\",\"name\":\"default\",\"status\":\"active\",\"dataRetention\":{\"mode\":\"inherit\"}}],\"nextToken\":\"t1\"}")
            .ThenJson(200, "{\"projectSummaries\":[{\"id\":\"proj_a\",\"name\":\"a\",\"status\":\"active\"}]}");
        var projects = await new BedrockPrivacyClient(Sender(http)).ListProjectsAsync(default);
        Assert.Equal("/projects?maxResults=100&statusFilter=active", http.Requests[0].Request.RequestUri!.PathAndQuery);
        Assert.Equal("/projects?maxResults=100&statusFilter=active&nextToken=t1", http.Requests[1].Request.RequestUri!.PathAndQuery);
        Assert.Equal(new[] { "default", "proj_a" }, projects.Select(p => p.Id));
        Assert.All(projects, p => Assert.Equal(DataRetentionMode.Inherit, p.Mode));
    }

    [Fact]
    public async Task A_repeated_nextToken_is_a_malformed_answer_not_a_loop()
    {
        var http = new FakeHttp().ThenJson(200, "{\"guardrails\":[],\"nextToken\":\"x\"}").ThenJson(200, "{\"guardrails\":[],\"nextToken\":\"x\"}");
        await Assert.ThrowsAsync<AwsResponseFormatException>(() => new BedrockPrivacyClient(Sender(http)).ListGuardrailsAsync(default));
    }

    [Fact]
    public async Task Mantle_is_signed_as_bedrock_mantle_and_reads_epoch_seconds()
    {
        var http = new FakeHttp().ThenJson(200, "{\"mode\":\"aws_review\",\"updated_at\":1733529600}");
        var s = await new MantleClient(Sender(http)).GetAccountDataRetentionAsync(default);
        var req = http.Requests.Single().Request;
        Assert.Equal("/v1/data_retention", req.RequestUri!.PathAndQuery);
        Assert.Contains("/us-east-1/bedrock-mantle/aws4_request", Auth(req));
        Assert.Equal(DataRetentionMode.AwsReview, s.Mode);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1733529600), s.UpdatedAt);
    }

    [Fact]
    public async Task Mantle_accepts_the_bearer_token()
    {
        var http = new FakeHttp().ThenJson(200, "{\"object\":\"list\",\"data\":[]}");
        await new MantleClient(Sender(http, bearer: "bedrock-api-key-x")).ListModelsAsync(default);
        Assert.Equal("Bearer bedrock-api-key-x", Auth(http.Requests.Single().Request));
    }

    [Fact]
    public async Task Mantle_projects_page_by_after_and_read_a_project_listed_without_its_retention()
    {
        var http = new FakeHttp()
            .ThenJson(200, "{\"object\":\"list\",\"data\":[{\"id\":\"proj_1\",\"name\":\"one\",\"data_retention\":{\"mode\":\"aws_review\"}}],\"has_more\":true}")
            .ThenJson(200, "{\"object\":\"list\",\"data\":[{\"id\":\"proj_2\",\"name\":\"two\"}],\"has_more\":false}")
            .ThenJson(200, "{\"id\":\"proj_2\",\"name\":\"two\",\"data_retention\":{\"mode\":\"none\"}}");
        var projects = await new MantleClient(Sender(http)).ListProjectsAsync(default);
        Assert.Equal("/v1/organization/projects?limit=100", http.Requests[0].Request.RequestUri!.PathAndQuery);
        Assert.Equal("/v1/organization/projects?limit=100&after=proj_1", http.Requests[1].Request.RequestUri!.PathAndQuery);
        Assert.Equal("/v1/organization/projects/proj_2", http.Requests[2].Request.RequestUri!.PathAndQuery);
        Assert.Equal(new DataRetentionMode?[] { DataRetentionMode.AwsReview, DataRetentionMode.None }, projects.Select(p => p.Mode));
    }

    [Fact]
    public async Task Mantle_models_carry_status_allowed_modes_and_source()
    {
        var http = new FakeHttp().ThenJson(200, "{\"object\":\"list\",\"data\":[{\"id\":\"anthropic.claude-fable-5\",\"created\":1733443200,\"owned_by\":\"system\",\"status\":\"unavailable\"," +
            "\"status_reason\":\"This model is not available under data retention mode 'default'.\",\"data_retention\":{\"mode\":\"default\",\"source\":\"account\",\"allowed_modes\":[\"aws_review\",\"provider_data_share\"]}}]}");
        var m = Assert.Single(await new MantleClient(Sender(http)).ListModelsAsync(default));
        Assert.Equal("/v1/models", http.Requests.Single().Request.RequestUri!.PathAndQuery);
        Assert.Equal("unavailable", m.Status);
        Assert.Equal("account", m.RetentionSource);
        Assert.Equal(new[] { "aws_review", "provider_data_share" }, m.AllowedModes);
    }

    [Fact]
    public async Task A_mantle_403_in_the_OpenAI_shape_is_an_access_denial()
    {
        var http = new FakeHttp().Then(_ => Body(403, "{\"error\":{\"message\":\"not allowed\",\"type\":\"permission_error\"}}", "application/json"));
        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => new MantleClient(Sender(http)).ListModelsAsync(default));
        Assert.Equal("AccessDeniedException", ex.ErrorCode);
        Assert.True(AwsErrorCodes.IsAccessDenied(ex));
    }

    [Fact]
    public async Task Enforced_guardrails_guardrails_and_inference_profiles_parse_their_members()
    {
        var http = new FakeHttp()
            .ThenJson(200, "{\"guardrailsConfig\":[{\"configId\":\"c1\",\"guardrailArn\":\"arn:aws:bedrock:us-east-1:1:guardrail/g1\",\"guardrailId\":\"g1\",\"guardrailVersion\":\"2\"," +
                "\"selectiveContentGuarding\":{\"system\":\"COMPREHENSIVE\",\"messages\":\"SELECTIVE\"},\"modelEnforcement\":{\"includedModels\":[\"ALL\"],\"excludedModels\":[\"amazon.titan-embed-text-v2:0\"]},\"owner\":\"ACCOUNT\"}]}")
            .ThenJson(200, "{\"guardrails\":[{\"id\":\"g1\",\"arn\":\"arn:aws:bedrock:us-east-1:1:guardrail/g1\",\"name\":\"pii\",\"version\":\"DRAFT\",\"status\":\"READY\"}]}")
            .ThenJson(200, "{\"guardrailId\":\"g1\",\"name\":\"pii\",\"version\":\"DRAFT\",\"status\":\"READY\",\"contentPolicy\":{\"filters\":[{\"type\":\"PROMPT_ATTACK\",\"inputStrength\":\"HIGH\",\"outputStrength\":\"NONE\"}]}," +
                "\"sensitiveInformationPolicy\":{\"piiEntities\":[{\"type\":\"EMAIL\",\"action\":\"ANONYMIZE\"}],\"regexes\":[]}}")
            .ThenJson(200, "{\"inferenceProfileSummaries\":[{\"inferenceProfileId\":\"global.anthropic.claude-fable-5-1\",\"inferenceProfileArn\":\"arn:aws:bedrock:us-east-1:1:inference-profile/global.anthropic.claude-fable-5-1\"," +
                "\"inferenceProfileName\":\"g\",\"type\":\"SYSTEM_DEFINED\",\"status\":\"ACTIVE\",\"models\":[{\"modelArn\":\"arn:aws:bedrock:::foundation-model/anthropic.claude-fable-5-1\"}]}]}")
            .ThenJson(200, "{\"inferenceProfileId\":\"eu.x\",\"inferenceProfileArn\":\"arn\",\"inferenceProfileName\":\"eu\",\"type\":\"SYSTEM_DEFINED\",\"status\":\"ACTIVE\"," +
                "\"models\":[{\"modelArn\":\"arn:aws:bedrock:eu-west-1::foundation-model/x\"},{\"modelArn\":\"arn:aws:bedrock:eu-west-3::foundation-model/x\"}]}");
        var client = new BedrockPrivacyClient(Sender(http));
        var config = Assert.Single(await client.ListEnforcedGuardrailsConfigurationAsync(default));
        Assert.Equal("SELECTIVE", config.MessagesGuarding);
        Assert.Equal(new[] { "ALL" }, config.IncludedModels);
        Assert.Equal(new[] { "amazon.titan-embed-text-v2:0" }, config.ExcludedModels);
        var summary = Assert.Single(await client.ListGuardrailsAsync(default));
        var detail = await client.GetGuardrailAsync(summary.Id, summary.Version, default);
        Assert.Equal("/guardrails/g1?guardrailVersion=DRAFT", http.Requests[2].Request.RequestUri!.PathAndQuery);
        Assert.Equal("HIGH", detail.ContentFilters.Single().InputStrength);
        Assert.Equal(new[] { "EMAIL" }, detail.PiiEntities);
        var profile = Assert.Single(await client.ListInferenceProfilesAsync("SYSTEM_DEFINED", default));
        Assert.Equal("/inference-profiles?maxResults=1000&type=SYSTEM_DEFINED", http.Requests[3].Request.RequestUri!.PathAndQuery);
        Assert.Empty(profile.DestinationRegions());
        Assert.Equal(new[] { "anthropic.claude-fable-5-1" }, profile.ModelIds());
        var eu = await client.GetInferenceProfileAsync("eu.x", default);
        Assert.Equal("/inference-profiles/eu.x", http.Requests[4].Request.RequestUri!.PathAndQuery);
        Assert.Equal(new[] { "eu-west-1", "eu-west-3" }, eu.DestinationRegions());
    }

    [Fact]
    public async Task IAM_is_query_protocol_signed_for_us_east_1_and_lists_keys_per_user()
    {
        var connection = FakeHttp.Connection(1);
        var euConnection = new AwsConnection("eu-west-1", connection.Credentials, null, connection.Endpoints, connection.Retry);
        var http = new FakeHttp()
            .Then(_ => Body(200, "<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListUsersResult><Users><member><UserName>alice</UserName><Arn>arn:aws:iam::1:user/alice</Arn></member></Users>" +
                "<IsTruncated>true</IsTruncated><Marker>m1</Marker></ListUsersResult></ListUsersResponse>", "text/xml"))
            .Then(_ => Body(200, "<ListUsersResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListUsersResult><Users><member><UserName>bob</UserName></member></Users><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>", "text/xml"))
            .Then(_ => Body(200, "<ListServiceSpecificCredentialsResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><ListServiceSpecificCredentialsResult><ServiceSpecificCredentials><member>" +
                "<UserName>alice</UserName><Status>Active</Status><ServiceUserName>alice-at-1</ServiceUserName><CreateDate>2026-01-01T00:00:00Z</CreateDate>" +
                "<ServiceSpecificCredentialId>ACCAEXAMPLE</ServiceSpecificCredentialId><ServiceName>bedrock.amazonaws.com</ServiceName></member></ServiceSpecificCredentials><IsTruncated>false</IsTruncated>" +
                "</ListServiceSpecificCredentialsResult></ListServiceSpecificCredentialsResponse>", "text/xml"));
        var iam = new IamClient(new AwsHttpSender(euConnection, new HttpClient(http)));
        Assert.Equal(new[] { "alice", "bob" }, await iam.ListUserNamesAsync(default));
        var key = Assert.Single(await iam.ListServiceSpecificCredentialsAsync("alice", IamClient.BedrockServiceName, default));
        Assert.Equal("Action=ListUsers&Version=2010-05-08", http.Requests[0].Body);
        Assert.Equal("Action=ListUsers&Version=2010-05-08&Marker=m1", http.Requests[1].Body);
        Assert.Equal("Action=ListServiceSpecificCredentials&Version=2010-05-08&UserName=alice&ServiceName=bedrock.amazonaws.com", http.Requests[2].Body);
        Assert.Contains("/us-east-1/iam/aws4_request", Auth(http.Requests[2].Request));
        Assert.Equal("ACCAEXAMPLE", key.Id);
        Assert.Null(key.ExpirationDate);
    }

    [Fact]
    public async Task IAM_never_takes_the_bedrock_bearer_token()
    {
        var http = new FakeHttp().Then(_ => Body(200, "<ListUsersResponse><ListUsersResult><Users/><IsTruncated>false</IsTruncated></ListUsersResult></ListUsersResponse>", "text/xml"));
        await new IamClient(Sender(http, bearer: "bedrock-api-key-x")).ListUserNamesAsync(default);
        Assert.StartsWith("AWS4-HMAC-SHA256", Auth(http.Requests.Single().Request));
    }

    [Fact]
    public async Task S3_bucket_encryption_reads_the_default_rule_and_a_missing_configuration()
    {
        var http = new FakeHttp()
            .Then(_ => Body(200, "<ServerSideEncryptionConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm>" +
                "<KMSMasterKeyID>arn:aws:kms:us-east-1:1:key/k</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>", "application/xml"))
            .Then(_ => Body(404, "<Error><Code>ServerSideEncryptionConfigurationNotFoundError</Code><Message>The server side encryption configuration was not found</Message><RequestId>r</RequestId></Error>", "application/xml"));
        var s3 = new S3Client(Sender(http));
        var kms = await s3.GetBucketEncryptionAsync("logs", default);
        var none = await s3.GetBucketEncryptionAsync("plain", default);
        var req = http.Requests[0].Request;
        Assert.Equal("/logs?encryption", req.RequestUri!.PathAndQuery);
        Assert.Contains("/us-east-1/s3/aws4_request", Auth(req));
        Assert.True(kms.IsKms);
        Assert.Equal("arn:aws:kms:us-east-1:1:key/k", kms.KmsKeyId);
        Assert.False(none.Configured);
    }

    [Fact]
    public async Task CloudWatch_log_groups_are_json_1_1_by_prefix_and_match_the_exact_name()
    {
        var http = new FakeHttp().Then(_ => Body(200, "{\"logGroups\":[{\"logGroupName\":\"/lg-other\"},{\"logGroupName\":\"/lg\",\"arn\":\"arn:aws:logs:us-east-1:1:log-group:/lg:*\",\"kmsKeyId\":\"arn:aws:kms:us-east-1:1:key/k\"}]}", "application/x-amz-json-1.1"));
        var group = await new CloudWatchLogsClient(Sender(http)).FindLogGroupAsync("/lg", default);
        var (req, body) = http.Requests.Single();
        Assert.Equal("Logs_20140328.DescribeLogGroups", req.Headers.GetValues("X-Amz-Target").Single());
        Assert.Equal("{\"logGroupNamePrefix\":\"/lg\"}", body);
        Assert.Contains("/us-east-1/logs/aws4_request", Auth(req));
        Assert.Equal("arn:aws:kms:us-east-1:1:key/k", group!.KmsKeyId);
    }

    [Fact]
    public void Default_endpoints_follow_each_service_s_host_pattern()
    {
        Assert.Equal("https://bedrock-mantle.eu-west-1.api.aws", AwsService.BedrockMantle.DefaultUrl("eu-west-1"));
        Assert.Equal("https://iam.amazonaws.com", AwsService.Iam.DefaultUrl("eu-west-1"));
        Assert.Equal("us-east-1", AwsService.Iam.SigningRegion("eu-west-1"));
        Assert.Equal("https://logs.eu-west-1.amazonaws.com", AwsService.CloudWatchLogs.DefaultUrl("eu-west-1"));
    }
}
