using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace BedrockCompliance.Tests.Emulator;

/// <summary>Guardrails, enforced guardrails, inference profiles (control plane), IAM service-specific credentials,
/// S3 bucket encryption and CloudWatch Logs (bedrock-privacy-2026.md §2, §4, §5, §8).</summary>
public class PrivacyApiTests
{
    static readonly XNamespace Iam = "https://iam.amazonaws.com/doc/2010-05-08/";
    static readonly XNamespace S3 = "http://s3.amazonaws.com/doc/2006-03-01/";

    static JsonObject Guardrail() => new()
    {
        ["guardrailId"] = "gr0000000001",
        ["name"] = "baseline",
        ["version"] = "2",
        ["contentPolicy"] = new JsonObject
        {
            ["filters"] = new JsonArray(new JsonObject { ["type"] = "PROMPT_ATTACK", ["inputStrength"] = "HIGH", ["outputStrength"] = "NONE" }),
        },
        ["sensitiveInformationPolicy"] = new JsonObject
        {
            ["piiEntities"] = new JsonArray(new JsonObject { ["type"] = "EMAIL", ["action"] = "ANONYMIZE" }),
            ["regexes"] = new JsonArray(),
        },
    };

    [Fact]
    public async Task Guardrails_list_drafts_and_get_returns_policies()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.ControlAsync("accounts/111111111111", new JsonObject { ["guardrails"] = new JsonObject { ["us-east-1"] = new JsonArray(Guardrail()) } });

        var list = await TestEmulator.JsonAsync(await emu.GetAsync("/guardrails"));
        var summary = list["guardrails"]!.AsArray().Single()!;
        Assert.Equal("gr0000000001", (string)summary["id"]!);
        Assert.Equal("arn:aws:bedrock:us-east-1:111111111111:guardrail/gr0000000001", (string)summary["arn"]!);
        Assert.Equal("DRAFT", (string)summary["version"]!);
        Assert.Equal("READY", (string)summary["status"]!);
        Assert.Equal(JsonValueKind.String, summary["createdAt"]!.GetValueKind());
        var versions = await TestEmulator.JsonAsync(await emu.GetAsync("/guardrails?guardrailIdentifier=gr0000000001"));
        Assert.Equal(new[] { "DRAFT", "2" }, versions["guardrails"]!.AsArray().Select(g => (string)g!["version"]!));

        var get = await TestEmulator.JsonAsync(await emu.GetAsync("/guardrails/gr0000000001?guardrailVersion=2"));
        Assert.Equal("2", (string)get["version"]!);
        Assert.Equal("baseline", (string)get["name"]!);
        Assert.Equal("HIGH", (string)get["contentPolicy"]!["filters"]![0]!["inputStrength"]!);
        Assert.Equal("EMAIL", (string)get["sensitiveInformationPolicy"]!["piiEntities"]![0]!["type"]!);
        Assert.NotNull(get["blockedInputMessaging"]);
        Assert.Equal("DRAFT", (string)(await TestEmulator.JsonAsync(await emu.GetAsync("/guardrails/" + Uri.EscapeDataString((string)summary["arn"]!))))["version"]!);

        Assert.Equal(HttpStatusCode.NotFound, (await emu.GetAsync("/guardrails/gr0000000001?guardrailVersion=7")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await emu.GetAsync("/guardrails/nope")).StatusCode);
        Assert.Empty((await TestEmulator.JsonAsync(await emu.GetAsync("/guardrails", region: "eu-west-1")))["guardrails"]!.AsArray());
    }

    [Fact]
    public async Task Enforced_guardrail_put_list_delete()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.ControlAsync("accounts/111111111111", new JsonObject { ["guardrails"] = new JsonObject { ["us-east-1"] = new JsonArray(Guardrail()) } });
        Assert.Empty((await TestEmulator.JsonAsync(await emu.GetAsync("/enforcedGuardrailsConfiguration")))["guardrailsConfig"]!.AsArray());

        JsonObject Config(string version) => new()
        {
            ["guardrailInferenceConfig"] = new JsonObject
            {
                ["guardrailIdentifier"] = "gr0000000001",
                ["guardrailVersion"] = version,
                ["selectiveContentGuarding"] = new JsonObject { ["system"] = "COMPREHENSIVE", ["messages"] = "COMPREHENSIVE" },
            },
        };
        var put = await emu.SendAsync(emu.Signed(HttpMethod.Put, "/enforcedGuardrailsConfiguration", Config("2").ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var result = await TestEmulator.JsonAsync(put);
        var configId = (string)result["configId"]!;
        Assert.Matches("^[a-z0-9]+$", configId);
        Assert.Equal("arn:aws:iam::111111111111:user/compliance-admin", (string)result["updatedBy"]!);

        var listed = (await TestEmulator.JsonAsync(await emu.GetAsync("/enforcedGuardrailsConfiguration")))["guardrailsConfig"]!.AsArray().Single()!;
        Assert.Equal(configId, (string)listed["configId"]!);
        Assert.Equal("gr0000000001", (string)listed["guardrailId"]!);
        Assert.Equal("2", (string)listed["guardrailVersion"]!);
        Assert.Equal("ACCOUNT", (string)listed["owner"]!);
        Assert.Equal("COMPREHENSIVE", (string)listed["selectiveContentGuarding"]!["messages"]!);

        var second = await emu.SendAsync(emu.Signed(HttpMethod.Put, "/enforcedGuardrailsConfiguration", Config("2").ToJsonString()));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("ConflictException", second.Headers.GetValues("x-amzn-ErrorType").Single());
        var draft = await emu.SendAsync(emu.Signed(HttpMethod.Put, "/enforcedGuardrailsConfiguration", Config("DRAFT").ToJsonString()));
        Assert.Equal("ValidationException", draft.Headers.GetValues("x-amzn-ErrorType").Single());

        var delete = await emu.SendAsync(emu.Signed(HttpMethod.Delete, "/enforcedGuardrailsConfiguration/" + configId));
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal("{}", await delete.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await emu.SendAsync(emu.Signed(HttpMethod.Delete, "/enforcedGuardrailsConfiguration/" + configId))).StatusCode);

        // The control API arranges one directly; an unknown guardrail is refused.
        var patch = await emu.ControlAsync("accounts/111111111111", new JsonObject
        {
            ["enforcedGuardrails"] = new JsonObject { ["us-east-1"] = new JsonArray(new JsonObject { ["guardrailIdentifier"] = "gr0000000001", ["guardrailVersion"] = "2" }) },
        });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        Assert.Single((await TestEmulator.JsonAsync(await emu.GetAsync("/enforcedGuardrailsConfiguration")))["guardrailsConfig"]!.AsArray());
        var unknown = await emu.ControlAsync("accounts/111111111111", new JsonObject
        {
            ["enforcedGuardrails"] = new JsonObject { ["us-east-1"] = new JsonArray(new JsonObject { ["guardrailIdentifier"] = "zzz", ["guardrailVersion"] = "1" }) },
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Inference_profiles_name_real_destination_regions()
    {
        await using var emu = await TestEmulator.StartAsync();
        var us = await TestEmulator.JsonAsync(await emu.GetAsync("/inference-profiles"));
        var ids = us["inferenceProfileSummaries"]!.AsArray().Select(p => (string)p!["inferenceProfileId"]!).ToList();
        Assert.Contains("us.amazon.nova-micro-v1:0", ids);
        Assert.Contains("global.amazon.nova-micro-v1:0", ids);
        Assert.DoesNotContain("eu.amazon.nova-micro-v1:0", ids);
        Assert.DoesNotContain(ids, id => id.StartsWith("us.amazon.titan-tg1", StringComparison.Ordinal));

        var profile = await TestEmulator.JsonAsync(await emu.GetAsync("/inference-profiles/" + Uri.EscapeDataString("us.amazon.nova-micro-v1:0")));
        Assert.Equal("arn:aws:bedrock:us-east-1:111111111111:inference-profile/us.amazon.nova-micro-v1:0", (string)profile["inferenceProfileArn"]!);
        Assert.Equal("SYSTEM_DEFINED", (string)profile["type"]!);
        Assert.Equal("ACTIVE", (string)profile["status"]!);
        Assert.Equal(new[] { "us-east-1", "us-east-2", "us-west-2" }, Regions(profile));

        var apac = await TestEmulator.JsonAsync(await emu.GetAsync("/inference-profiles/" + Uri.EscapeDataString("apac.amazon.nova-micro-v1:0"), region: "ap-southeast-2"));
        Assert.Contains("me-central-1", Regions(apac));
        var global = await TestEmulator.JsonAsync(await emu.GetAsync("/inference-profiles/" + Uri.EscapeDataString("global.amazon.nova-micro-v1:0"), region: "eu-west-1"));
        Assert.Contains("il-central-1", Regions(global));
        Assert.Contains("sa-east-1", Regions(global));
        Assert.Equal(HttpStatusCode.NotFound, (await emu.GetAsync("/inference-profiles/" + Uri.EscapeDataString("apac.amazon.nova-micro-v1:0"))).StatusCode);

        var page = await TestEmulator.JsonAsync(await emu.GetAsync("/inference-profiles?maxResults=2"));
        Assert.Equal(2, page["inferenceProfileSummaries"]!.AsArray().Count);
        Assert.NotNull(page["nextToken"]);
        Assert.Equal("ValidationException", (await emu.GetAsync("/inference-profiles?type=OTHER")).Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task Control_api_adds_application_profiles_and_hides_system_ones()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.ControlAsync("accounts/111111111111", new JsonObject
        {
            ["inferenceProfiles"] = new JsonObject
            {
                ["eu-west-1"] = new JsonObject
                {
                    ["systemProfiles"] = false,
                    ["profiles"] = new JsonArray(
                        new JsonObject { ["inferenceProfileId"] = "global.amazon.nova-micro-v1:0", ["models"] = new JsonArray("arn:aws:bedrock:ap-south-1::foundation-model/amazon.nova-micro-v1:0") },
                        new JsonObject { ["inferenceProfileId"] = "app1abc", ["type"] = "APPLICATION", ["models"] = new JsonArray("arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-micro-v1:0") }),
                },
            },
        });
        var system = await TestEmulator.JsonAsync(await emu.GetAsync("/inference-profiles", region: "eu-west-1"));
        Assert.Equal(new[] { "global.amazon.nova-micro-v1:0" }, system["inferenceProfileSummaries"]!.AsArray().Select(p => (string)p!["inferenceProfileId"]!));
        var app = await TestEmulator.JsonAsync(await emu.GetAsync("/inference-profiles?type=APPLICATION", region: "eu-west-1"));
        var a = app["inferenceProfileSummaries"]!.AsArray().Single()!;
        Assert.Equal("arn:aws:bedrock:eu-west-1:111111111111:application-inference-profile/app1abc", (string)a["inferenceProfileArn"]!);
    }

    static string[] Regions(JsonObject profile) =>
        profile["models"]!.AsArray().Select(m => ((string)m!["modelArn"]!).Split(':')[3]).ToArray();

    [Fact]
    public async Task Iam_creates_and_lists_bedrock_api_keys()
    {
        await using var emu = await TestEmulator.StartAsync();
        var create = await emu.PostFormAsync("Action=CreateServiceSpecificCredential&Version=2010-05-08&UserName=compliance-admin&ServiceName=bedrock.amazonaws.com&CredentialAgeDays=30", "iam");
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        var xml = XDocument.Parse(await create.Content.ReadAsStringAsync());
        Assert.Equal(Iam + "CreateServiceSpecificCredentialResponse", xml.Root!.Name);
        var credential = xml.Descendants(Iam + "ServiceSpecificCredential").Single();
        var secret = credential.Element(Iam + "ServiceCredentialSecret")!.Value;
        Assert.StartsWith("ABSK", secret);
        Assert.Equal("Active", credential.Element(Iam + "Status")!.Value);
        Assert.NotNull(credential.Element(Iam + "ExpirationDate"));

        var list = XDocument.Parse(await (await emu.PostFormAsync("Action=ListServiceSpecificCredentials&Version=2010-05-08&ServiceName=bedrock.amazonaws.com&AllUsers=true", "iam")).Content.ReadAsStringAsync());
        var member = list.Descendants(Iam + "ServiceSpecificCredentials").Single().Elements(Iam + "member").Single();
        Assert.Equal("compliance-admin", member.Element(Iam + "UserName")!.Value);
        Assert.Equal("bedrock.amazonaws.com", member.Element(Iam + "ServiceName")!.Value);
        Assert.Null(member.Element(Iam + "ServiceCredentialSecret"));

        // The key works as a bearer token on Bedrock.
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/data-retention");
        bearer.Headers.TryAddWithoutValidation("Authorization", "Bearer " + secret);
        Assert.Equal(HttpStatusCode.OK, (await emu.Http.SendAsync(bearer)).StatusCode);

        var unknown = await emu.PostFormAsync("Action=CreateServiceSpecificCredential&Version=2010-05-08&UserName=ghost&ServiceName=bedrock.amazonaws.com", "iam");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("<Code>NoSuchEntity</Code>", await unknown.Content.ReadAsStringAsync());
        await emu.PostFormAsync("Action=CreateServiceSpecificCredential&Version=2010-05-08&UserName=compliance-admin&ServiceName=bedrock.amazonaws.com", "iam");
        var third = await emu.PostFormAsync("Action=CreateServiceSpecificCredential&Version=2010-05-08&UserName=compliance-admin&ServiceName=bedrock.amazonaws.com", "iam");
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains("LimitExceeded", await third.Content.ReadAsStringAsync());

        var wrongRegion = await emu.PostFormAsync("Action=ListUsers&Version=2010-05-08", "iam", region: "eu-west-1");
        Assert.Equal(HttpStatusCode.Forbidden, wrongRegion.StatusCode);
        Assert.Contains("<Code>SignatureDoesNotMatch</Code>", await wrongRegion.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Control_api_api_keys_with_dates_and_expiry()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emu = await TestEmulator.StartAsync(o => o.TimeProvider = clock);
        await emu.ControlAsync("accounts/200000000001", new JsonObject
        {
            ["apiKeys"] = new JsonArray(
                new JsonObject { ["userName"] = "dev", ["createDate"] = "2026-01-01T00:00:00Z", ["secret"] = "ABSKfixed" },
                new JsonObject { ["userName"] = "old", ["createDate"] = "2025-01-01T00:00:00Z", ["expirationDate"] = "2025-06-01T00:00:00Z" }),
        });
        var creds = await emu.AssumeMemberAsync("200000000001");
        var list = XDocument.Parse(await (await emu.PostFormAsync("Action=ListServiceSpecificCredentials&Version=2010-05-08&AllUsers=true&ServiceName=bedrock.amazonaws.com", "iam", creds)).Content.ReadAsStringAsync());
        var members = list.Descendants(Iam + "member").ToList();
        Assert.Equal(new[] { "dev", "old" }, members.Select(m => m.Element(Iam + "UserName")!.Value));
        Assert.Equal("2026-01-01T00:00:00Z", members[0].Element(Iam + "CreateDate")!.Value);
        Assert.Null(members[0].Element(Iam + "ExpirationDate"));
        Assert.Equal("Expired", members[1].Element(Iam + "Status")!.Value);
        var users = XDocument.Parse(await (await emu.PostFormAsync("Action=ListUsers&Version=2010-05-08", "iam", creds)).Content.ReadAsStringAsync());
        Assert.Equal(new[] { "dev", "old" }, users.Descendants(Iam + "UserName").Select(e => e.Value));
        var asRole = await emu.PostFormAsync("Action=ListServiceSpecificCredentials&Version=2010-05-08", "iam", creds);
        Assert.Equal(HttpStatusCode.BadRequest, asRole.StatusCode);

        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/v1/data_retention");
        bearer.Headers.TryAddWithoutValidation("x-api-key", "ABSKfixed");
        Assert.Equal(HttpStatusCode.OK, (await emu.Http.SendAsync(bearer)).StatusCode);
    }

    [Fact]
    public async Task S3_bucket_encryption_and_its_not_found_error()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.ControlAsync("accounts/111111111111", new JsonObject
        {
            ["buckets"] = new JsonObject
            {
                ["logs-kms"] = new JsonObject { ["encryption"] = new JsonObject { ["sseAlgorithm"] = "aws:kms", ["kmsMasterKeyId"] = "arn:aws:kms:us-east-1:111111111111:key/k1", ["bucketKeyEnabled"] = true } },
                ["logs-plain"] = new JsonObject(),
            },
        });
        var ok = await emu.SendAsync(emu.Signed(HttpMethod.Get, "/logs-kms?encryption", service: "s3",
            declaredPayloadHash: BedrockCompliance.Emulator.Auth.SigV4.EmptyPayloadHash));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var xml = XDocument.Parse(await ok.Content.ReadAsStringAsync());
        Assert.Equal(S3 + "ServerSideEncryptionConfiguration", xml.Root!.Name);
        Assert.Equal("aws:kms", xml.Descendants(S3 + "SSEAlgorithm").Single().Value);
        Assert.Equal("arn:aws:kms:us-east-1:111111111111:key/k1", xml.Descendants(S3 + "KMSMasterKeyID").Single().Value);

        var none = await emu.SendAsync(emu.Signed(HttpMethod.Get, "/logs-plain?encryption", service: "s3", declaredPayloadHash: "UNSIGNED-PAYLOAD"));
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        var error = XDocument.Parse(await none.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("ServerSideEncryptionConfigurationNotFoundError", error.Element("Code")!.Value);
        Assert.Equal("logs-plain", error.Element("BucketName")!.Value);

        var missing = await emu.SendAsync(emu.Signed(HttpMethod.Get, "/nope?encryption", service: "s3"));
        Assert.Equal("NoSuchBucket", XDocument.Parse(await missing.Content.ReadAsStringAsync()).Root!.Element("Code")!.Value);

        await emu.ControlAsync("accounts/111111111111", new JsonObject { ["deny"] = new JsonArray("s3:GetEncryptionConfiguration") });
        var denied = await emu.SendAsync(emu.Signed(HttpMethod.Get, "/logs-kms?encryption", service: "s3"));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal("AccessDenied", XDocument.Parse(await denied.Content.ReadAsStringAsync()).Root!.Element("Code")!.Value);
    }

    [Fact]
    public async Task Log_groups_carry_kms_keys()
    {
        await using var emu = await TestEmulator.StartAsync();
        Task<HttpResponseMessage> Describe(JsonObject body, Amazon.Runtime.AWSCredentials? c = null, string region = "us-east-1") =>
            emu.SendAsync(emu.Signed(HttpMethod.Post, "/", body.ToJsonString(), c, "logs", region, contentType: "application/x-amz-json-1.1",
                tamper: m => m.Headers.Add("X-Amz-Target", "Logs_20140328.DescribeLogGroups")));

        var seeded = await Describe(new JsonObject { ["logGroupNamePrefix"] = "/aws/bedrock" });
        Assert.Equal(HttpStatusCode.OK, seeded.StatusCode);
        Assert.Equal("application/x-amz-json-1.1", seeded.Content.Headers.ContentType!.MediaType);
        var group = (await TestEmulator.JsonAsync(seeded))["logGroups"]!.AsArray().Single()!;
        Assert.Equal("/aws/bedrock/modelinvocations", (string)group["logGroupName"]!);
        Assert.StartsWith("arn:aws:kms:us-east-1:111111111111:key/", (string)group["kmsKeyId"]!);
        Assert.Equal(JsonValueKind.Number, group["creationTime"]!.GetValueKind());

        await emu.ControlAsync("accounts/200000000001", new JsonObject
        {
            ["logGroups"] = new JsonObject { ["eu-west-1"] = new JsonArray(new JsonObject { ["logGroupName"] = "/bedrock/plain" }) },
        });
        var member = await emu.AssumeMemberAsync("200000000001");
        var plain = (await TestEmulator.JsonAsync(await Describe(new JsonObject(), member, "eu-west-1")))["logGroups"]!.AsArray().Single()!;
        Assert.Null(plain["kmsKeyId"]);
        Assert.Empty((await TestEmulator.JsonAsync(await Describe(new JsonObject(), member)))["logGroups"]!.AsArray());
    }
}
