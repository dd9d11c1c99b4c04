using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using BedrockCompliance.Emulator.Services;

namespace BedrockCompliance.Tests.Emulator;

/// <summary>Control-plane and Converse behaviour: agreements, use-case gating, offers, validation.</summary>
public class BedrockBehaviourTests
{
    // Models of the 2026 list (Claude 3 Haiku and Command R+ are retired). Anthropic and Amazon text models are listed
    // for INFERENCE_PROFILE only, so they are invoked through the us. profile; Writer Palmyra Vision is a
    // Marketplace-sold model invocable on demand.
    const string Haiku = "anthropic.claude-haiku-4-5-20251001-v1:0";
    const string Writer = "writer.palmyra-vision-7b";
    const string NovaMicro = "amazon.nova-micro-v1:0";
    const string Llama = "meta.llama3-3-70b-instruct-v1:0";

    static string E(string s) => Uri.EscapeDataString(s);

    static async Task<string> OfferTokenAsync(TestEmulator emu, string modelId, Amazon.Runtime.AWSCredentials? creds = null)
    {
        var offers = await TestEmulator.JsonAsync(await emu.GetAsync($"/list-foundation-model-agreement-offers/{E(modelId)}?offerType=PUBLIC", creds));
        return (string)offers["offers"]![0]!["offerToken"]!;
    }

    static async Task<HttpResponseMessage> CreateAgreementAsync(TestEmulator emu, string modelId, Amazon.Runtime.AWSCredentials? creds = null) =>
        await emu.PostJsonAsync("/create-foundation-model-agreement",
            new JsonObject { ["offerToken"] = await OfferTokenAsync(emu, modelId, creds), ["modelId"] = modelId }, creds);

    static async Task<string> AgreementStatusAsync(TestEmulator emu, string modelId, Amazon.Runtime.AWSCredentials? creds = null) =>
        (string)(await TestEmulator.JsonAsync(await emu.GetAsync($"/foundation-model-availability/{E(modelId)}", creds)))["agreementAvailability"]!["status"]!;

    static Task<HttpResponseMessage> ConverseAsync(TestEmulator emu, string modelId, int maxTokens = 64, Amazon.Runtime.AWSCredentials? creds = null) =>
        emu.PostJsonAsync($"/model/{E(modelId)}/converse", JsonNode.Parse(
            $"{{\"messages\":[{{\"role\":\"user\",\"content\":[{{\"text\":\"Say hello\"}}]}}],\"inferenceConfig\":{{\"maxTokens\":{maxTokens}}}}}")!, creds);

    static async Task AssertError(HttpResponseMessage response, HttpStatusCode status, string type, string? message = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(type, response.Headers.GetValues("x-amzn-ErrorType").Single());
        if (message is not null) Assert.Equal(message, (string)(await TestEmulator.JsonAsync(response))["message"]!);
    }

    [Fact]
    public async Task Agreement_goes_pending_then_available_after_the_delay()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var emu = await TestEmulator.StartAsync(o => { o.TimeProvider = clock; o.AgreementDelayMs = 60_000; });
        Assert.Equal("NOT_AVAILABLE", await AgreementStatusAsync(emu, Writer));
        var created = await CreateAgreementAsync(emu, Writer);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Equal(Writer, (string)(await TestEmulator.JsonAsync(created))["modelId"]!);
        Assert.Equal("PENDING", await AgreementStatusAsync(emu, Writer));
        await AssertError(await ConverseAsync(emu, Writer), HttpStatusCode.Forbidden, "AccessDeniedException");

        clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal("AVAILABLE", await AgreementStatusAsync(emu, Writer));
        Assert.Equal(HttpStatusCode.OK, (await ConverseAsync(emu, Writer)).StatusCode);
    }

    [Fact]
    public async Task Agreement_conflicts_and_deletion()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var emu = await TestEmulator.StartAsync(o => { o.TimeProvider = clock; o.AgreementDelayMs = 1000; });
        Assert.Equal(HttpStatusCode.Accepted, (await CreateAgreementAsync(emu, Writer)).StatusCode);
        await AssertError(await CreateAgreementAsync(emu, Writer), HttpStatusCode.BadRequest, "ConflictException");
        var delete = new JsonObject { ["modelId"] = Writer };
        await AssertError(await emu.PostJsonAsync("/delete-foundation-model-agreement", delete), HttpStatusCode.BadRequest, "ConflictException");

        clock.Advance(TimeSpan.FromSeconds(2));
        await AssertError(await CreateAgreementAsync(emu, Writer), HttpStatusCode.BadRequest, "ConflictException");
        var deleted = await emu.PostJsonAsync("/delete-foundation-model-agreement", delete);
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal("NOT_AVAILABLE", await AgreementStatusAsync(emu, Writer));
        await AssertError(await emu.PostJsonAsync("/delete-foundation-model-agreement", delete), HttpStatusCode.NotFound, "ResourceNotFoundException");

        var region = (await emu.StateAsync())["accounts"]![0]!["regions"]![0]!;
        Assert.Empty(region["agreements"]!.AsArray());
        Assert.Equal(Writer, (string)region["revokedAgreements"]![0]!["modelId"]!);
    }

    [Fact]
    public async Task Anthropic_needs_the_use_case_form_for_agreement_and_converse()
    {
        await using var emu = await TestEmulator.StartAsync();
        await AssertError(await CreateAgreementAsync(emu, Haiku), HttpStatusCode.NotFound, "ResourceNotFoundException", BedrockControlPlane.NoUseCaseMessage);
        await AssertError(await ConverseAsync(emu, "us." + Haiku), HttpStatusCode.NotFound, "ResourceNotFoundException", BedrockControlPlane.NoUseCaseMessage);

        Assert.Equal(HttpStatusCode.Created, (await emu.PostJsonAsync("/use-case-for-model-access", new JsonObject { ["formData"] = TestEmulator.AnthropicForm() })).StatusCode);
        await AssertError(await ConverseAsync(emu, "us." + Haiku), HttpStatusCode.Forbidden, "AccessDeniedException",
            "You don't have access to the model with the specified model ID.");
        Assert.Equal(HttpStatusCode.Accepted, (await CreateAgreementAsync(emu, Haiku)).StatusCode);

        var answer = await ConverseAsync(emu, "us." + Haiku);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await TestEmulator.JsonAsync(answer);
        Assert.Equal("assistant", (string)body["output"]!["message"]!["role"]!);
        Assert.False(string.IsNullOrEmpty((string)body["output"]!["message"]!["content"]![0]!["text"]!));
        Assert.Equal("end_turn", (string)body["stopReason"]!);
        Assert.Equal((int)body["usage"]!["inputTokens"]! + (int)body["usage"]!["outputTokens"]!, (int)body["usage"]!["totalTokens"]!);
        Assert.NotNull(body["metrics"]!["latencyMs"]);
    }

    [Fact]
    public async Task Use_case_is_returned_double_base64_and_is_per_account()
    {
        await using var emu = await TestEmulator.StartAsync();
        await AssertError(await emu.GetAsync("/use-case-for-model-access"), HttpStatusCode.NotFound, "ResourceNotFoundException",
            "You have not filled out the request form.");
        var form = TestEmulator.AnthropicForm();
        await emu.PostJsonAsync("/use-case-for-model-access", new JsonObject { ["formData"] = form });
        var stored = (string)(await TestEmulator.JsonAsync(await emu.GetAsync("/use-case-for-model-access")))["formData"]!;
        Assert.Equal(form, Encoding.UTF8.GetString(Convert.FromBase64String(stored)));

        var member = await emu.AssumeMemberAsync("200000000001");
        await AssertError(await emu.GetAsync("/use-case-for-model-access", member), HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Theory]
    [InlineData("bm90IGpzb24gYXQgYWxs")]                                                  // "not json at all"
    [InlineData("eyJjb21wYW55TmFtZSI6IkFjbWUiLCJpbnRlbmRlZFVzZXJzIjoiSW50ZXJuYWwifQ==")]  // missing keys, free-text intendedUsers
    [InlineData("%%%")]
    public async Task Invalid_use_case_form_is_rejected(string formData)
    {
        await using var emu = await TestEmulator.StartAsync();
        await AssertError(await emu.PostJsonAsync("/use-case-for-model-access", new JsonObject { ["formData"] = formData }),
            HttpStatusCode.BadRequest, "ValidationException", "Invalid form data");
    }

    [Fact]
    public async Task Amazon_models_need_no_agreement_and_have_no_offers()
    {
        await using var emu = await TestEmulator.StartAsync();
        Assert.Equal("AVAILABLE", await AgreementStatusAsync(emu, NovaMicro));
        var offers = await TestEmulator.JsonAsync(await emu.GetAsync($"/list-foundation-model-agreement-offers/{E(NovaMicro)}"));
        Assert.Empty(offers["offers"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, (await ConverseAsync(emu, "us." + NovaMicro)).StatusCode);
    }

    [Fact]
    public async Task Offers_carry_legal_terms_from_the_licence_catalog_and_a_rate_card()
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = await TestEmulator.JsonAsync(await emu.GetAsync($"/list-foundation-model-agreement-offers/{E(Llama)}?offerType=ALL"));
        Assert.Equal(Llama, (string)body["modelId"]!);
        var offer = body["offers"]![0]!;
        Assert.StartsWith("offer-", (string)offer["offerId"]!);
        Assert.Equal("https://github.com/meta-llama/llama-models/blob/main/models/llama3_3/LICENSE",
            (string)offer["termDetails"]!["legalTerm"]!["url"]!);
        Assert.NotEmpty(offer["termDetails"]!["usageBasedPricingTerm"]!["rateCard"]!.AsArray());
        Assert.NotNull(offer["termDetails"]!["supportTerm"]!["refundPolicyDescription"]);

        await AssertError(await emu.GetAsync($"/list-foundation-model-agreement-offers/{E(Llama)}?offerType=PRIVATE"),
            HttpStatusCode.BadRequest, "ValidationException");
        await AssertError(await emu.PostJsonAsync("/create-foundation-model-agreement",
            new JsonObject { ["offerToken"] = "forged", ["modelId"] = Llama }), HttpStatusCode.BadRequest, "ValidationException");
    }

    [Fact]
    public async Task Non_marketplace_third_party_models_answer_without_an_agreement_through_a_profile()
    {
        await using var emu = await TestEmulator.StartAsync();
        await AssertError(await ConverseAsync(emu, Llama), HttpStatusCode.BadRequest, "ValidationException",
            $"Invocation of model ID {Llama} with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.");
        Assert.Equal(HttpStatusCode.OK, (await ConverseAsync(emu, "us." + Llama)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ConverseAsync(emu, $"arn:aws:bedrock:us-east-1:111111111111:inference-profile/us.{Llama}")).StatusCode);
    }

    [Fact]
    public async Task Converse_validates_inference_config_and_honours_max_tokens()
    {
        await using var emu = await TestEmulator.StartAsync();
        await AssertError(await ConverseAsync(emu, "us." + NovaMicro, maxTokens: 0), HttpStatusCode.BadRequest, "ValidationException",
            "1 validation error detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1");
        var short_ = await TestEmulator.JsonAsync(await ConverseAsync(emu, "us." + NovaMicro, maxTokens: 2));
        Assert.Equal("max_tokens", (string)short_["stopReason"]!);
        Assert.Equal(2, (int)short_["usage"]!["outputTokens"]!);
        await AssertError(await ConverseAsync(emu, "x.unknown-model"), HttpStatusCode.BadRequest, "ValidationException",
            "The provided model identifier is invalid.");
    }

    [Theory]
    [InlineData("/foundation-models/a.b", HttpStatusCode.BadRequest, "ValidationException")]
    [InlineData("/foundation-model-availability/Not%20Valid", HttpStatusCode.BadRequest, "ValidationException")]
    [InlineData("/foundation-models/x.does-not-exist", HttpStatusCode.NotFound, "ResourceNotFoundException")]
    [InlineData("/foundation-models?byOutputModality=VIDEO", HttpStatusCode.BadRequest, "ValidationException")]
    [InlineData("/no-such-route", HttpStatusCode.NotFound, "UnknownOperationException")]
    public async Task Invalid_requests_get_modelled_errors(string path, HttpStatusCode status, string type)
    {
        await using var emu = await TestEmulator.StartAsync();
        await AssertError(await emu.GetAsync(path), status, type);
    }

    [Fact]
    public async Task List_filters_select_models()
    {
        await using var emu = await TestEmulator.StartAsync();
        async Task<JsonArray> List(string q, string region = "us-east-1") => (await TestEmulator.JsonAsync(await emu.GetAsync("/foundation-models" + q, region: region)))["modelSummaries"]!.AsArray();
        // The 2026 list (119 IDs) per Region, as the reference observed it: 100 in us-east-1 (95 + 5 launched after the
        // snapshot, whose Regions were not observed), 95 in us-west-2, 43 in eu-west-1.
        Assert.Equal(100, (await List("")).Count);
        Assert.Equal(95, (await List("", "us-west-2")).Count);
        var eu = await List("", "eu-west-1");
        Assert.Equal(43, eu.Count);
        Assert.All(eu, m => Assert.StartsWith("arn:aws:bedrock:eu-west-1::foundation-model/", (string)m!["modelArn"]!));
        Assert.DoesNotContain(await List(""), m => (string)m!["modelId"]! == "zai.glm-5.3");          // us-west-2 only
        Assert.Contains(await List("", "us-west-2"), m => (string)m!["modelId"]! == "zai.glm-5.3");
        Assert.All(await List(""), m => Assert.Null(m!["regions"]));                                   // the file's member, not the wire shape
        Assert.All(await List("?byProvider=anthropic"), m => Assert.Equal("Anthropic", (string)m!["providerName"]!));
        Assert.All(await List("?byOutputModality=EMBEDDING"), m => Assert.Contains("EMBEDDING", m!["outputModalities"]!.AsArray().Select(x => (string)x!)));
        Assert.All(await List("?byInferenceType=PROVISIONED"), m => Assert.Contains("PROVISIONED", m!["inferenceTypesSupported"]!.AsArray().Select(x => (string)x!)));
        Assert.All(await List("?byCustomizationType=FINE_TUNING"), m => Assert.Contains("FINE_TUNING", m!["customizationsSupported"]!.AsArray().Select(x => (string)x!)));
        var west = await List("");
        Assert.StartsWith("arn:aws:bedrock:us-east-1::foundation-model/", (string)west[0]!["modelArn"]!);
    }

    [Fact]
    public async Task Invocation_logging_configuration_round_trips()
    {
        await using var emu = await TestEmulator.StartAsync();
        var member = await emu.AssumeMemberAsync("200000000001");
        Assert.Empty(await TestEmulator.JsonAsync(await emu.GetAsync("/logging/modelinvocations", member)));

        var config = JsonNode.Parse("{\"loggingConfig\":{\"s3Config\":{\"bucketName\":\"logs-bucket\"},\"textDataDeliveryEnabled\":true}}")!;
        var put = await emu.SendAsync(emu.Signed(HttpMethod.Put, "/logging/modelinvocations", config.ToJsonString(), member));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var got = await TestEmulator.JsonAsync(await emu.GetAsync("/logging/modelinvocations", member));
        Assert.Equal("logs-bucket", (string)got["loggingConfig"]!["s3Config"]!["bucketName"]!);

        Assert.Equal(HttpStatusCode.OK, (await emu.SendAsync(emu.Signed(HttpMethod.Delete, "/logging/modelinvocations", credentials: member))).StatusCode);
        Assert.Empty(await TestEmulator.JsonAsync(await emu.GetAsync("/logging/modelinvocations", member)));
    }
}
