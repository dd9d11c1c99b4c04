using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace BedrockCompliance.Tests.Emulator;

/// <summary>Data retention on both surfaces (control plane restJson, mantle snake_case), projects, and the
/// retention gate at Converse (bedrock-privacy-2026.md §1, §3).</summary>
public class DataRetentionTests
{
    static Task<HttpResponseMessage> Put(TestEmulator emu, string path, JsonNode body, string service = "bedrock", string region = "us-east-1",
        Amazon.Runtime.AWSCredentials? credentials = null) =>
        emu.SendAsync(emu.Signed(HttpMethod.Put, path, body.ToJsonString(), credentials, service, region));

    static Task<HttpResponseMessage> Mantle(TestEmulator emu, HttpMethod method, string path, JsonNode? body = null, string region = "us-east-1",
        Action<HttpRequestMessage>? tamper = null) =>
        emu.SendAsync(emu.Signed(method, path, body?.ToJsonString(), service: "bedrock-mantle", region: region, tamper: tamper));

    [Fact]
    public async Task Control_plane_mode_starts_inherit_and_put_returns_iso_timestamp()
    {
        await using var emu = await TestEmulator.StartAsync();
        var get = await emu.GetAsync("/data-retention");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var initial = await TestEmulator.JsonAsync(get);
        Assert.Equal("inherit", (string)initial["mode"]!);
        Assert.False(initial.ContainsKey("updatedAt"));

        var put = await Put(emu, "/data-retention", new JsonObject { ["mode"] = "provider_data_share" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = await TestEmulator.JsonAsync(put);
        Assert.Equal("provider_data_share", (string)body["mode"]!);
        Assert.Equal(JsonValueKind.String, body["updatedAt"]!.GetValueKind());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string)body["updatedAt"]!);

        Assert.Equal("provider_data_share", (string)(await TestEmulator.JsonAsync(await emu.GetAsync("/data-retention")))["mode"]!);
        // Per Region: eu-west-1 is untouched.
        Assert.Equal("inherit", (string)(await TestEmulator.JsonAsync(await emu.GetAsync("/data-retention", region: "eu-west-1")))["mode"]!);
        // The mantle setting is separate.
        var mantle = await TestEmulator.JsonAsync(await Mantle(emu, HttpMethod.Get, "/v1/data_retention"));
        Assert.Equal("inherit", (string)mantle["mode"]!);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("default")]
    [InlineData("aws_review")]
    [InlineData("provider_data_share")]
    [InlineData("inherit")]
    public async Task Every_mode_of_the_sdk_enum_is_accepted(string mode)
    {
        await using var emu = await TestEmulator.StartAsync();
        var put = await Put(emu, "/data-retention", new JsonObject { ["mode"] = mode });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(mode, (string)(await TestEmulator.JsonAsync(put))["mode"]!);
    }

    [Fact]
    public async Task Bad_or_missing_mode_is_a_validation_exception()
    {
        await using var emu = await TestEmulator.StartAsync();
        var bad = await Put(emu, "/data-retention", new JsonObject { ["mode"] = "forever" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("ValidationException", bad.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains("enum value set: [default, none, aws_review, provider_data_share, inherit]", (string)(await TestEmulator.JsonAsync(bad))["message"]!);
        var missing = await Put(emu, "/data-retention", new JsonObject());
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        var mantle = await Mantle(emu, HttpMethod.Put, "/v1/data_retention", new JsonObject { ["mode"] = "forever" });
        Assert.Equal(HttpStatusCode.BadRequest, mantle.StatusCode);
        var error = (await TestEmulator.JsonAsync(mantle))["error"]!;
        Assert.Equal("invalid_request_error", (string)error["type"]!);
        Assert.Equal("ValidationException", (string)error["code"]!);
    }

    [Fact]
    public async Task Mantle_mode_is_snake_case_with_epoch_seconds()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.TimeProvider = new ManualClock(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero)));
        var initial = await TestEmulator.JsonAsync(await Mantle(emu, HttpMethod.Get, "/v1/data_retention"));
        Assert.Equal("inherit", (string)initial["mode"]!);
        Assert.Null(initial["updated_at"]);

        var put = await Mantle(emu, HttpMethod.Put, "/v1/data_retention", new JsonObject { ["mode"] = "aws_review" });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = await TestEmulator.JsonAsync(put);
        Assert.Equal("aws_review", (string)body["mode"]!);
        Assert.Equal(JsonValueKind.Number, body["updated_at"]!.GetValueKind());
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), (long)body["updated_at"]!);
        Assert.Equal("inherit", (string)(await TestEmulator.JsonAsync(await emu.GetAsync("/data-retention")))["mode"]!);
    }

    [Fact]
    public async Task Mantle_must_be_signed_as_bedrock_mantle_and_accepts_api_keys()
    {
        await using var emu = await TestEmulator.StartAsync();
        var wrong = await emu.SendAsync(emu.Signed(HttpMethod.Get, "/v1/data_retention", service: "bedrock"));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal("InvalidSignatureException", (string)(await TestEmulator.JsonAsync(wrong))["error"]!["code"]!);

        foreach (var header in new[] { "Authorization", "x-api-key" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/data_retention");
            request.Headers.TryAddWithoutValidation(header, header == "Authorization" ? "Bearer " + emu.Options.BearerToken : emu.Options.BearerToken);
            var ok = await emu.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var none = new HttpRequestMessage(HttpMethod.Get, "/v1/data_retention");
        var missing = await emu.Http.SendAsync(none);
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", (string)(await TestEmulator.JsonAsync(missing))["error"]!["code"]!);
    }

    [Fact]
    public async Task Mantle_models_report_status_allowed_modes_and_source()
    {
        await using var emu = await TestEmulator.StartAsync();
        // A model that needs aws_review (Fable-class), set through the control API so the test does not depend on the
        // retention data; the model must be one the 2026 list serves in us-east-1.
        const string model = "meta.llama3-8b-instruct-v1:0";
        Assert.Equal(HttpStatusCode.OK, (await emu.ControlAsync("model-retention", new JsonObject { [model] = new JsonObject { ["minimumMode"] = "aws_review" } })).StatusCode);

        var list = await TestEmulator.JsonAsync(await Mantle(emu, HttpMethod.Get, "/v1/models"));
        Assert.Equal("list", (string)list["object"]!);
        var entry = list["data"]!.AsArray().Single(m => (string)m!["id"]! == model)!;
        Assert.Equal("unavailable", (string)entry["status"]!);
        Assert.Equal("This model is not available under data retention mode 'default'.", (string)entry["status_reason"]!);
        Assert.Equal("default", (string)entry["data_retention"]!["mode"]!);
        Assert.Equal("model_default", (string)entry["data_retention"]!["source"]!);
        Assert.Equal(new[] { "aws_review", "provider_data_share" }, entry["data_retention"]!["allowed_modes"]!.AsArray().Select(n => (string)n!));
        // The list is the Region's: Fable 5.1 (us-east-1 only) is there, needing aws_review from the data file; Opus 5.5 (us-west-2 only) is not.
        var fable = list["data"]!.AsArray().Single(m => (string)m!["id"]! == "anthropic.claude-fable-5-1")!;
        Assert.Equal("unavailable", (string)fable["status"]!);
        Assert.Equal(new[] { "aws_review", "provider_data_share" }, fable["data_retention"]!["allowed_modes"]!.AsArray().Select(n => (string)n!));
        Assert.DoesNotContain(list["data"]!.AsArray(), m => (string)m!["id"]! == "anthropic.claude-opus-5-5");
        var west = await TestEmulator.JsonAsync(await Mantle(emu, HttpMethod.Get, "/v1/models", region: "us-west-2"));
        Assert.Contains(west["data"]!.AsArray(), m => (string)m!["id"]! == "anthropic.claude-opus-5-5");
        Assert.DoesNotContain(west["data"]!.AsArray(), m => (string)m!["id"]! == "anthropic.claude-fable-5-1");
        var other = list["data"]!.AsArray().First(m => (string)m!["id"]! != model && (string)m["id"]! != "anthropic.claude-fable-5-1")!;
        Assert.Equal("available", (string)other["status"]!);
        Assert.Equal(4, other["data_retention"]!["allowed_modes"]!.AsArray().Count);

        await Mantle(emu, HttpMethod.Put, "/v1/data_retention", new JsonObject { ["mode"] = "aws_review" });
        var one = await TestEmulator.JsonAsync(await Mantle(emu, HttpMethod.Get, "/v1/models/" + Uri.EscapeDataString(model)));
        Assert.Equal("available", (string)one["status"]!);
        Assert.Equal("account", (string)one["data_retention"]!["source"]!);
        Assert.False(one.ContainsKey("status_reason"));

        var missing = await Mantle(emu, HttpMethod.Get, "/v1/models/nobody.nothing-v1");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Converse_is_refused_when_the_control_plane_mode_is_below_the_model_minimum()
    {
        await using var emu = await TestEmulator.StartAsync();
        // Invoked directly, so an ON_DEMAND model of the 2026 list; the profile case below needs a profile-only model.
        const string model = "meta.llama3-8b-instruct-v1:0";
        const string profileOnly = "amazon.nova-micro-v1:0";
        await emu.ControlAsync("model-retention", new JsonObject
        {
            [model] = new JsonObject { ["minimumMode"] = "aws_review" },
            [profileOnly] = new JsonObject { ["minimumMode"] = "aws_review" },
        });
        var body = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["text"] = "hi" }) }) };

        var refused = await emu.PostJsonAsync($"/model/{Uri.EscapeDataString(model)}/converse", body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("ValidationException", refused.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("data retention mode 'default' is not available for this model", (string)(await TestEmulator.JsonAsync(refused))["message"]!);

        await Put(emu, "/data-retention", new JsonObject { ["mode"] = "none" });
        var none = await emu.PostJsonAsync($"/model/{Uri.EscapeDataString(model)}/converse", body);
        Assert.Contains("'none'", (string)(await TestEmulator.JsonAsync(none))["message"]!);

        // The mantle setting does not govern bedrock-runtime.
        await Mantle(emu, HttpMethod.Put, "/v1/data_retention", new JsonObject { ["mode"] = "aws_review" });
        Assert.Equal(HttpStatusCode.BadRequest, (await emu.PostJsonAsync($"/model/{Uri.EscapeDataString(model)}/converse", body)).StatusCode);

        await Put(emu, "/data-retention", new JsonObject { ["mode"] = "aws_review" });
        Assert.Equal(HttpStatusCode.OK, (await emu.PostJsonAsync($"/model/{Uri.EscapeDataString(model)}/converse", body)).StatusCode);
        // Through a profile too: the gate applies to the model behind it.
        Assert.Equal(HttpStatusCode.OK, (await emu.PostJsonAsync($"/model/{Uri.EscapeDataString("us." + profileOnly)}/converse", body)).StatusCode);
        await Put(emu, "/data-retention", new JsonObject { ["mode"] = "default" });
        var viaProfile = await emu.PostJsonAsync($"/model/{Uri.EscapeDataString("us." + profileOnly)}/converse", body);
        Assert.Equal(HttpStatusCode.BadRequest, viaProfile.StatusCode);
        Assert.Equal("data retention mode 'default' is not available for this model", (string)(await TestEmulator.JsonAsync(viaProfile))["message"]!);
    }

    [Fact]
    public async Task Converse_refuses_models_without_text_output()
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["text"] = "hi" }) }) };
        var refused = await emu.PostJsonAsync($"/model/{Uri.EscapeDataString("amazon.titan-embed-text-v2:0")}/converse", body);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("ValidationException", refused.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("This action doesn't support the model that you provided. Try again with a supported text or chat model.",
            (string)(await TestEmulator.JsonAsync(refused))["message"]!);
    }

    [Fact]
    public async Task Projects_resolve_against_the_account_and_list_on_both_surfaces()
    {
        await using var emu = await TestEmulator.StartAsync();
        var created = await emu.PostJsonAsync("/projects", new JsonObject { ["name"] = "research", ["dataRetention"] = new JsonObject { ["mode"] = "aws_review" } });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var project = await TestEmulator.JsonAsync(created);
        var id = (string)project["id"]!;
        Assert.StartsWith("proj_", id);
        Assert.Equal($"arn:aws:bedrock:us-east-1:111111111111:project/{id}", (string)project["arn"]!);
        Assert.Equal("aws_review", (string)project["dataRetention"]!["mode"]!);
        Assert.Equal("active", (string)project["status"]!);
        Assert.Equal(JsonValueKind.String, project["createdAt"]!.GetValueKind());

        var list = await TestEmulator.JsonAsync(await emu.GetAsync("/projects"));
        var summaries = list["projectSummaries"]!.AsArray();
        Assert.Equal(new[] { "default", id }, summaries.Select(p => (string)p!["id"]!));
        Assert.Equal("inherit", (string)summaries[0]!["dataRetention"]!["mode"]!);

        var mantle = await TestEmulator.JsonAsync(await Mantle(emu, HttpMethod.Get, "/v1/organization/projects"));
        Assert.Equal("list", (string)mantle["object"]!);
        var m = mantle["data"]!.AsArray().Single(p => (string)p!["id"]! == id)!;
        Assert.Equal("organization.project", (string)m["object"]!);
        Assert.Equal("aws_review", (string)m["data_retention"]!["mode"]!);
        Assert.Equal(JsonValueKind.Number, m["created_at"]!.GetValueKind());
        Assert.False((bool)mantle["has_more"]!);

        // Mantle update, then the control plane sees it.
        var updated = await Mantle(emu, HttpMethod.Post, "/v1/organization/projects/" + id, new JsonObject { ["data_retention"] = new JsonObject { ["mode"] = "none" } });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("none", (string)(await TestEmulator.JsonAsync(await emu.GetAsync("/projects/" + id)))["dataRetention"]!["mode"]!);

        // Under the project, a model needing aws_review is unavailable even with the account at aws_review.
        const string model = "meta.llama3-8b-instruct-v1:0";
        await emu.ControlAsync("model-retention", new JsonObject { [model] = new JsonObject { ["minimumMode"] = "aws_review" } });
        await Mantle(emu, HttpMethod.Put, "/v1/data_retention", new JsonObject { ["mode"] = "aws_review" });
        var scoped = await TestEmulator.JsonAsync(await Mantle(emu, HttpMethod.Get, "/v1/models/" + Uri.EscapeDataString(model),
            tamper: r => r.Headers.Add("OpenAI-Project", id)));
        Assert.Equal("unavailable", (string)scoped["status"]!);
        Assert.Equal("project", (string)scoped["data_retention"]!["source"]!);
        Assert.Equal("none", (string)scoped["data_retention"]!["mode"]!);
    }

    [Fact]
    public async Task Project_rules_update_exactly_one_archive_terminal_default_immutable()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = (string)(await TestEmulator.JsonAsync(await emu.PostJsonAsync("/projects", new JsonObject { ["name"] = "p" })))["id"]!;
        Assert.Equal("inherit", (string)(await TestEmulator.JsonAsync(await emu.GetAsync("/projects/" + id)))["dataRetention"]!["mode"]!);

        var both = await emu.PostJsonAsync("/projects/" + id, new JsonObject { ["name"] = "q", ["dataRetention"] = new JsonObject { ["mode"] = "none" } });
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        var renamed = await TestEmulator.JsonAsync(await emu.PostJsonAsync("/projects/" + id, new JsonObject { ["name"] = "q" }));
        Assert.Equal("q", (string)renamed["name"]!);

        Assert.Equal(HttpStatusCode.BadRequest, (await emu.PostJsonAsync("/projects/default", new JsonObject { ["name"] = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await emu.PostJsonAsync("/projects/default/archive", new JsonObject())).StatusCode);

        var archived = await TestEmulator.JsonAsync(await emu.PostJsonAsync($"/projects/{id}/archive", new JsonObject()));
        Assert.Equal("archived", (string)archived["status"]!);
        Assert.True(archived.ContainsKey("archivedAt"));
        Assert.Equal(HttpStatusCode.OK, (await emu.PostJsonAsync($"/projects/{id}/archive", new JsonObject())).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await emu.PostJsonAsync("/projects/" + id, new JsonObject { ["name"] = "r" })).StatusCode);

        var active = await TestEmulator.JsonAsync(await emu.GetAsync("/projects?statusFilter=active"));
        Assert.Equal(new[] { "default" }, active["projectSummaries"]!.AsArray().Select(p => (string)p!["id"]!));
        var missing = await emu.GetAsync("/projects/proj_nope");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("ResourceNotFoundException", missing.Headers.GetValues("x-amzn-ErrorType").Single());
        var page = await TestEmulator.JsonAsync(await emu.GetAsync("/projects?maxResults=1"));
        Assert.Single(page["projectSummaries"]!.AsArray());
        Assert.Equal("1", (string)page["nextToken"]!);
    }

    [Fact]
    public async Task Control_api_sets_modes_projects_and_zdr_per_account_and_region()
    {
        await using var emu = await TestEmulator.StartAsync();
        const string member = "200000000001";
        var patch = await emu.ControlAsync("accounts/" + member, new JsonObject
        {
            ["dataRetention"] = new JsonObject
            {
                ["us-east-1"] = "none",
                ["eu-west-1"] = new JsonObject { ["control"] = "default", ["mantle"] = "provider_data_share" },
            },
            ["projects"] = new JsonObject { ["us-east-1"] = new JsonArray(new JsonObject { ["id"] = "proj_review", ["name"] = "review", ["mode"] = "aws_review" }) },
            ["zdrModels"] = new JsonArray("meta.llama3-8b-instruct-v1:0"),
        });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var creds = await emu.AssumeMemberAsync(member);
        Assert.Equal("none", (string)(await TestEmulator.JsonAsync(await emu.GetAsync("/data-retention", creds)))["mode"]!);
        Assert.Equal("default", (string)(await TestEmulator.JsonAsync(await emu.GetAsync("/data-retention", creds, "eu-west-1")))["mode"]!);
        var mantle = await emu.SendAsync(emu.Signed(HttpMethod.Get, "/v1/data_retention", credentials: creds, service: "bedrock-mantle", region: "eu-west-1"));
        Assert.Equal("provider_data_share", (string)(await TestEmulator.JsonAsync(mantle))["mode"]!);
        var project = await TestEmulator.JsonAsync(await emu.GetAsync("/projects/proj_review", creds));
        Assert.Equal("aws_review", (string)project["dataRetention"]!["mode"]!);

        var state = TestEmulator.Account(await emu.StateAsync(), member);
        var region = state["regions"]!.AsArray().Single(r => (string)r!["region"]! == "us-east-1")!;
        Assert.Equal("none", (string)region["dataRetention"]!["control"]!["mode"]!);
        Assert.Equal("proj_review", (string)region["projects"]![0]!["id"]!);

        var bad = await emu.ControlAsync("accounts/" + member, new JsonObject { ["dataRetention"] = new JsonObject { ["us-east-1"] = "forever" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("forever", (string)(await TestEmulator.JsonAsync(bad))["message"]!);
    }

    [Fact]
    public async Task Denial_can_name_one_surface()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.ControlAsync("accounts/111111111111", new JsonObject { ["deny"] = new JsonArray("bedrock-mantle:GetAccountDataRetention") });
        var mantle = await Mantle(emu, HttpMethod.Get, "/v1/data_retention");
        Assert.Equal(HttpStatusCode.Forbidden, mantle.StatusCode);
        Assert.Contains("bedrock-mantle:GetAccountDataRetention", (string)(await TestEmulator.JsonAsync(mantle))["error"]!["message"]!);
        Assert.Equal(HttpStatusCode.OK, (await emu.GetAsync("/data-retention")).StatusCode);

        await emu.ControlAsync("accounts/111111111111", new JsonObject { ["deny"] = new JsonArray("GetAccountDataRetention") });
        var control = await emu.GetAsync("/data-retention");
        Assert.Equal(HttpStatusCode.Forbidden, control.StatusCode);
        Assert.Equal("AccessDeniedException", control.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal(HttpStatusCode.Forbidden, (await Mantle(emu, HttpMethod.Get, "/v1/data_retention")).StatusCode);
    }
}
