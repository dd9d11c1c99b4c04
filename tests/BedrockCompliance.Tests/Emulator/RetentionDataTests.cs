using System.Net;
using System.Text.Json.Nodes;
using BedrockCompliance.Emulator.Catalog;
using BedrockCompliance.Emulator.State;

namespace BedrockCompliance.Tests.Emulator;

/// <summary>The emulator's per-model retention data (abuse-detection page, §1.8) and resolution rules (§1.3),
/// and mantle paging and key handling.</summary>
public class RetentionDataTests
{
    [Theory]
    [InlineData("anthropic.claude-fable-5-2", "aws_review", "all")]
    [InlineData("anthropic.claude-fable-5-1", "aws_review", "all")]
    [InlineData("openai.gpt-5.6-sol", "default", "flagged")]
    [InlineData("openai.gpt-6-astra", "default", "flagged")]
    [InlineData("anthropic.claude-opus-4-8", "none", "none")]
    public void Data_file_gives_the_documented_minimums(string modelId, string minimum, string retains)
    {
        var catalog = new RetentionCatalog();
        Assert.Equal("default", catalog.DefaultMode);
        var r = catalog.For(modelId);
        Assert.Equal(minimum, r.MinimumMode);
        Assert.Equal(retains, r.Retains);
    }

    [Fact]
    public void Allowed_modes_are_the_minimum_and_above_plus_none_for_zdr_approvals()
    {
        var catalog = new RetentionCatalog();
        var account = new AccountState("200000000001", isManagement: false, compliantByDefault: false);
        Assert.Equal(new[] { "aws_review", "provider_data_share" }, catalog.AllowedModes("anthropic.claude-fable-5-2", account));
        Assert.Equal(RetentionModes.Ordered, catalog.AllowedModes("amazon.nova-micro-v1:0", account));
        account.ZdrModels = new HashSet<string> { "openai.gpt-5.6-sol" };
        Assert.Equal(RetentionModes.Ordered, catalog.AllowedModes("openai.gpt-5.6-sol", account));
    }

    [Theory]
    [InlineData(null, "inherit", "default", "model_default")]
    [InlineData("inherit", "none", "none", "account")]
    [InlineData("aws_review", "none", "aws_review", "project")]
    [InlineData(null, "provider_data_share", "provider_data_share", "account")]
    public void Resolution_takes_the_first_non_inherit_scope(string? project, string account, string mode, string source)
    {
        Assert.Equal((mode, source), RetentionModes.Resolve(project, account, "default"));
    }

    [Fact]
    public async Task Mantle_projects_page_with_after_and_hide_archived()
    {
        await using var emu = await TestEmulator.StartAsync();
        Task<HttpResponseMessage> Mantle(HttpMethod m, string path, JsonNode? body = null) =>
            emu.SendAsync(emu.Signed(m, path, body?.ToJsonString(), service: "bedrock-mantle"));
        var ids = new List<string>();
        foreach (var name in new[] { "a", "b" })
        {
            var created = await Mantle(HttpMethod.Post, "/v1/organization/projects", new JsonObject { ["name"] = name });
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            var p = await TestEmulator.JsonAsync(created);
            Assert.Equal("inherit", (string)p["data_retention"]!["mode"]!);
            Assert.Null(p["archived_at"]);
            ids.Add((string)p["id"]!);
        }
        var first = await TestEmulator.JsonAsync(await Mantle(HttpMethod.Get, "/v1/organization/projects?limit=2"));
        Assert.True((bool)first["has_more"]!);
        Assert.Equal("default", (string)first["first_id"]!);
        var next = await TestEmulator.JsonAsync(await Mantle(HttpMethod.Get, "/v1/organization/projects?limit=2&after=" + (string)first["last_id"]!));
        var paged = first["data"]!.AsArray().Concat(next["data"]!.AsArray()).Select(p => (string)p!["id"]!).ToList();
        Assert.Equal(new[] { "default" }.Concat(ids.Order(StringComparer.Ordinal)), paged);
        Assert.False((bool)next["has_more"]!);

        var archived = await TestEmulator.JsonAsync(await Mantle(HttpMethod.Post, $"/v1/organization/projects/{ids[0]}/archive"));
        Assert.Equal("archived", (string)archived["status"]!);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, archived["archived_at"]!.GetValueKind());
        var visible = await TestEmulator.JsonAsync(await Mantle(HttpMethod.Get, "/v1/organization/projects"));
        Assert.DoesNotContain(ids[0], visible["data"]!.AsArray().Select(p => (string)p!["id"]!));
        var all = await TestEmulator.JsonAsync(await Mantle(HttpMethod.Get, "/v1/organization/projects?include_archived=true"));
        Assert.Contains(ids[0], all["data"]!.AsArray().Select(p => (string)p!["id"]!));
        Assert.Equal(HttpStatusCode.NotFound, (await Mantle(HttpMethod.Get, "/v1/organization/projects/proj_missing")).StatusCode);
    }

    [Fact]
    public async Task Unknown_api_key_and_badly_typed_patch_are_refused()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.TryAddWithoutValidation("x-api-key", "ABSKnot-a-key");
        var response = await emu.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("UnrecognizedClientException", (string)(await TestEmulator.JsonAsync(response))["error"]!["code"]!);

        var bad = await emu.ControlAsync("accounts/111111111111", new JsonObject { ["projects"] = new JsonObject { ["us-east-1"] = new JsonArray("not-an-object") } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badProfile = await emu.ControlAsync("accounts/111111111111", new JsonObject
        {
            ["inferenceProfiles"] = new JsonObject { ["us-east-1"] = new JsonObject { ["profiles"] = new JsonArray(new JsonObject { ["inferenceProfileId"] = "x" }) } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, badProfile.StatusCode);
        Assert.Contains("models", (string)(await TestEmulator.JsonAsync(badProfile))["message"]!);
    }
}
