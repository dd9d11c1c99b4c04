using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace BedrockCompliance.Tests.Emulator;

/// <summary><c>/_emulator/*</c>: state contents, account patches and reset.</summary>
public class ControlApiTests
{
    [Fact]
    public async Task State_records_agreements_use_case_and_call_counts()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Accounts = 2);
        var member = await emu.AssumeMemberAsync("200000000002", "evidence-run");
        await emu.PostJsonAsync("/use-case-for-model-access", new JsonObject { ["formData"] = TestEmulator.AnthropicForm() }, member);
        var offers = await TestEmulator.JsonAsync(await emu.GetAsync("/list-foundation-model-agreement-offers/anthropic.claude-haiku-4-5-20251001-v1%3A0", member, "eu-west-1"));
        var offer = offers["offers"]![0]!;
        var created = await emu.PostJsonAsync("/create-foundation-model-agreement",
            new JsonObject { ["offerToken"] = (string)offer["offerToken"]!, ["modelId"] = "anthropic.claude-haiku-4-5-20251001-v1:0" }, member, "eu-west-1");
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        await emu.PostJsonAsync("/create-foundation-model-agreement",
            new JsonObject { ["offerToken"] = (string)offer["offerToken"]!, ["modelId"] = "anthropic.claude-haiku-4-5-20251001-v1:0" }, member, "eu-west-1");

        var state = await emu.StateAsync();
        Assert.Equal(3, state["accounts"]!.AsArray().Count);
        var account = TestEmulator.Account(state, "200000000002");
        Assert.False((bool)account["isManagement"]!);
        Assert.Equal("arn:aws:iam::200000000002:role/OrganizationAccountAccessRole", (string)account["principalArn"]!);

        var useCase = account["useCase"]!;
        Assert.Equal(TestEmulator.AnthropicForm(), (string)useCase["formData"]!);
        Assert.Equal("Acme", (string)useCase["form"]!["companyName"]!);
        Assert.Equal("arn:aws:sts::200000000002:assumed-role/OrganizationAccountAccessRole/evidence-run", (string)useCase["submittedBy"]!);

        var region = account["regions"]!.AsArray().Single(r => (string)r!["region"]! == "eu-west-1")!;
        var agreement = region["agreements"]![0]!;
        Assert.Equal("anthropic.claude-haiku-4-5-20251001-v1:0", (string)agreement["modelId"]!);
        Assert.Equal("AVAILABLE", (string)agreement["status"]!);
        Assert.Equal((string)offer["offerId"]!, (string)agreement["offerId"]!);
        Assert.Equal((string)offer["offerToken"]!, (string)agreement["offerToken"]!);
        Assert.Equal("arn:aws:sts::200000000002:assumed-role/OrganizationAccountAccessRole/evidence-run", (string)agreement["acceptedBy"]!);
        Assert.True(DateTimeOffset.Parse((string)agreement["createdAt"]!) <= DateTimeOffset.UtcNow);

        var calls = account["calls"]!;
        Assert.Equal(2, (int)calls["CreateFoundationModelAgreement"]!["total"]!);
        Assert.Equal(1, (int)calls["CreateFoundationModelAgreement"]!["successful"]!);
        Assert.Equal(4, (int)account["totals"]!["calls"]!);
        var management = TestEmulator.Account(state, "111111111111");
        Assert.Equal(1, (int)management["calls"]!["AssumeRole"]!["successful"]!);
        Assert.Equal(5, (int)state["totals"]!["calls"]!);
        Assert.Equal(4, (int)state["totals"]!["successful"]!);

        // Stable: the same state renders identically apart from the generation time.
        var again = await emu.StateAsync();
        state.Remove("generatedAt");
        again.Remove("generatedAt");
        Assert.Equal(state.ToJsonString(), again.ToJsonString());
    }

    [Fact]
    public async Task Account_patch_configures_privacy_denial_and_use_case()
    {
        await using var emu = await TestEmulator.StartAsync();
        var patch = JsonNode.Parse("""
        {
          "deny": ["ListFoundationModels"],
          "useCase": {"companyName":"Beta","companyWebsite":"https://beta.example","intendedUsers":"1",
                      "industryOption":"Energy","otherIndustryOption":"","useCases":"Support"},
          "trails": [{"name":"member-trail","homeRegion":"eu-west-1","isMultiRegionTrail":false,"isLogging":false}],
          "vpcEndpoints": {"eu-west-1": [{"state":"pending"}]},
          "loggingConfig": {"eu-west-1": {"textDataDeliveryEnabled": true}}
        }
        """)!;
        Assert.Equal(HttpStatusCode.OK, (await emu.ControlAsync("accounts/200000000001", patch)).StatusCode);
        var member = await emu.AssumeMemberAsync("200000000001");

        Assert.Equal(HttpStatusCode.Forbidden, (await emu.GetAsync("/foundation-models", member)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await emu.GetAsync("/use-case-for-model-access", member)).StatusCode);

        var trails = (await TestEmulator.JsonAsync(await emu.CloudTrailAsync("DescribeTrails", new JsonObject(), member, "eu-west-1")))["trailList"]!.AsArray();
        Assert.Equal("member-trail", (string)trails.Single()!["Name"]!);
        var status = await TestEmulator.JsonAsync(await emu.CloudTrailAsync("GetTrailStatus", new JsonObject { ["Name"] = "member-trail" }, member, "eu-west-1"));
        Assert.False((bool)status["IsLogging"]!);

        var xml = XDocument.Parse(await (await emu.PostFormAsync("Action=DescribeVpcEndpoints&Version=2016-11-15", "ec2", member, "eu-west-1")).Content.ReadAsStringAsync());
        XNamespace ns = "http://ec2.amazonaws.com/doc/2016-11-15/";
        Assert.Equal("pending", xml.Descendants(ns + "state").Single().Value);

        var logging = await TestEmulator.JsonAsync(await emu.GetAsync("/logging/modelinvocations", member, "eu-west-1"));
        Assert.True((bool)logging["loggingConfig"]!["textDataDeliveryEnabled"]!);

        var state = TestEmulator.Account(await emu.StateAsync(), "200000000001");
        Assert.Equal("ListFoundationModels", (string)state["deniedOperations"]![0]!);
        Assert.Equal("Beta", (string)state["useCase"]!["form"]!["companyName"]!);
    }

    [Fact]
    public async Task Invalid_patches_are_rejected_without_changes()
    {
        await using var emu = await TestEmulator.StartAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await emu.ControlAsync("accounts/12345", new JsonObject())).StatusCode);
        var bad = JsonNode.Parse("""{"deny":["Converse"],"useCase":{"companyName":"x"}}""")!;
        Assert.Equal(HttpStatusCode.BadRequest, (await emu.ControlAsync("accounts/200000000001", bad)).StatusCode);
        Assert.Empty(TestEmulator.Account(await emu.StateAsync(), "200000000001")["deniedOperations"]!.AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await emu.ControlAsync("nope")).StatusCode);
    }

    [Fact]
    public async Task Patch_can_add_an_account_and_reset_restores_start_state()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Accounts = 1);
        await emu.ControlAsync("accounts/300000000000", new JsonObject { ["assumable"] = true });
        var extra = await emu.AssumeMemberAsync("300000000000");
        Assert.Equal(HttpStatusCode.OK, (await emu.GetAsync("/foundation-models", extra)).StatusCode);
        await emu.PostJsonAsync("/use-case-for-model-access", new JsonObject { ["formData"] = TestEmulator.AnthropicForm() });

        Assert.Equal(HttpStatusCode.OK, (await emu.ControlAsync("reset")).StatusCode);
        var state = await emu.StateAsync();
        Assert.Equal(new[] { "111111111111", "200000000001" }, state["accounts"]!.AsArray().Select(a => (string)a!["accountId"]!));
        Assert.Null(state["accounts"]![0]!["useCase"]);
        Assert.Equal(0, (int)state["totals"]!["calls"]!);
    }

    [Fact]
    public async Task Every_response_has_a_request_id()
    {
        await using var emu = await TestEmulator.StartAsync();
        foreach (var response in new[]
                 {
                     await emu.GetAsync("/foundation-models"),
                     await emu.Http.GetAsync("/foundation-models"),
                     await emu.Http.GetAsync("/_emulator/state"),
                     await emu.PostFormAsync("Action=GetCallerIdentity&Version=2011-06-15", "sts"),
                 })
            Assert.True(Guid.TryParse(response.Headers.GetValues("x-amzn-RequestId").Single(), out _));
    }
}
