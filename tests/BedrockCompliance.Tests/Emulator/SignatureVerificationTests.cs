using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using BedrockCompliance.Emulator.Protocols;

namespace BedrockCompliance.Tests.Emulator;

/// <summary>Requests signed by the official AWSSDK signer verify; tampered ones fail with AWS's shapes.</summary>
public class SignatureVerificationTests
{
    const string SonnetV2 = "anthropic.claude-3-5-sonnet-20241022-v2:0";

    static async Task AssertRestJsonError(HttpResponseMessage response, HttpStatusCode status, string type, string? message = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(type, response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("x-amzn-RequestId").Single()));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await TestEmulator.JsonAsync(response);
        Assert.Equal(type, (string)body["__type"]!);
        if (message is not null) Assert.Equal(message, (string)body["message"]!);
    }

    [Fact]
    public async Task Sdk_signed_get_with_model_id_label_verifies()
    {
        await using var emu = await TestEmulator.StartAsync();
        var response = await emu.GetAsync("/foundation-models/" + Uri.EscapeDataString(SonnetV2));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SonnetV2, (string)(await TestEmulator.JsonAsync(response))["modelDetails"]!["modelId"]!);
    }

    [Fact]
    public async Task Sdk_signed_get_with_arn_label_verifies_and_is_decoded()
    {
        await using var emu = await TestEmulator.StartAsync();
        var arn = "arn:aws:bedrock:eu-west-1::foundation-model/meta.llama3-1-70b-instruct-v1:0";
        var response = await emu.GetAsync("/foundation-models/" + Uri.EscapeDataString(arn), region: "eu-west-1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var details = (await TestEmulator.JsonAsync(response))["modelDetails"]!;
        Assert.Equal("meta.llama3-1-70b-instruct-v1:0", (string)details["modelId"]!);
        Assert.Equal(arn, (string)details["modelArn"]!);
    }

    [Fact]
    public async Task Sdk_signed_query_string_verifies()
    {
        await using var emu = await TestEmulator.StartAsync();
        var response = await emu.GetAsync("/foundation-models?byProvider=Mistral%20AI&byOutputModality=TEXT");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var models = (await TestEmulator.JsonAsync(response))["modelSummaries"]!.AsArray();
        Assert.Equal(11, models.Count); // Mistral's text models listed in us-east-1 in the 2026 list (3 in the old 25-model sample)
        Assert.All(models, m => Assert.Equal("Mistral AI", (string)m!["providerName"]!));
    }

    [Fact]
    public async Task Sdk_signed_post_with_json_body_verifies()
    {
        await using var emu = await TestEmulator.StartAsync();
        var response = await emu.PostJsonAsync("/use-case-for-model-access", new JsonObject { ["formData"] = TestEmulator.AnthropicForm() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Session_credentials_from_assume_role_verify_and_act_in_the_member_account()
    {
        await using var emu = await TestEmulator.StartAsync();
        var session = await emu.AssumeMemberAsync("200000000002");
        var response = await emu.GetAsync("/foundation-model-availability/" + Uri.EscapeDataString(SonnetV2), session);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var member = TestEmulator.Account(await emu.StateAsync(), "200000000002");
        Assert.Equal(1, (int)member["calls"]!["GetFoundationModelAvailability"]!["successful"]!);
    }

    [Fact]
    public async Task Session_credentials_without_the_token_header_are_rejected()
    {
        await using var emu = await TestEmulator.StartAsync();
        var session = await emu.AssumeMemberAsync("200000000001");
        var noToken = new BasicAWSCredentials(session.GetCredentials().AccessKey, session.GetCredentials().SecretKey);
        var response = await emu.GetAsync("/foundation-models", noToken);
        await AssertRestJsonError(response, HttpStatusCode.Forbidden, "UnrecognizedClientException", CommonErrors.InvalidTokenMessage);
    }

    public static TheoryData<string, Action<HttpRequestMessage>> Tamperings() => new()
    {
        { "path", m => m.RequestUri = new Uri(m.RequestUri!.ToString().Replace("use-case-for-model-access", "use-case-for-model-access/")) },
        { "query", m => m.RequestUri = new Uri(m.RequestUri + "?extra=1") },
        { "body", m => m.Content = new StringContent("{\"formData\":\"eyJhIjoiYiJ9eHh4eHg=\"}", Encoding.UTF8, "application/json") },
        { "signed header", m => m.Headers.Remove("X-Amz-Date") },
        { "signed header value", m => m.Content!.Headers.ContentType = new("application/x-amz-json-1.0") },
        { "signature", m => { var a = m.Headers.GetValues("Authorization").Single(); m.Headers.Remove("Authorization"); m.Headers.TryAddWithoutValidation("Authorization", a[..^4] + "0000"); } },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Tampered_requests_are_rejected_with_invalid_signature(string what, Action<HttpRequestMessage> tamper)
    {
        await using var emu = await TestEmulator.StartAsync();
        var message = emu.Signed(HttpMethod.Post, "/use-case-for-model-access",
            new JsonObject { ["formData"] = TestEmulator.AnthropicForm() }.ToJsonString(), tamper: tamper);
        var response = await emu.SendAsync(message);
        if (what is "signed header")
            await AssertRestJsonError(response, HttpStatusCode.Forbidden, "IncompleteSignatureException");
        else if (what is "body")
            await AssertRestJsonError(response, HttpStatusCode.Forbidden, "InvalidSignatureException",
                "The provided 'x-amz-content-sha256' header does not match what was computed.");
        else
            await AssertRestJsonError(response, HttpStatusCode.Forbidden, "InvalidSignatureException", CommonErrors.SignatureMismatchMessage);
    }

    [Fact]
    public async Task Tampered_path_label_is_rejected()
    {
        await using var emu = await TestEmulator.StartAsync();
        var message = emu.Signed(HttpMethod.Get, "/foundation-models/" + Uri.EscapeDataString(SonnetV2),
            tamper: m => m.RequestUri = new Uri(m.RequestUri!.ToString().Replace("v2%3A0", "v1%3A0")));
        await AssertRestJsonError(await emu.SendAsync(message), HttpStatusCode.Forbidden, "InvalidSignatureException", CommonErrors.SignatureMismatchMessage);
    }

    [Fact]
    public async Task Body_changed_together_with_its_hash_header_is_rejected()
    {
        await using var emu = await TestEmulator.StartAsync();
        var other = "{\"formData\":\"" + TestEmulator.AnthropicForm() + "\",\"x\":1}";
        var message = emu.Signed(HttpMethod.Post, "/use-case-for-model-access", "{\"formData\":\"" + TestEmulator.AnthropicForm() + "\"}",
            tamper: m =>
            {
                m.Content = new StringContent(other, Encoding.UTF8);
                m.Content.Headers.ContentType = new("application/json");
                m.Headers.Remove("X-Amz-Content-SHA256");
                m.Headers.Add("X-Amz-Content-SHA256", BedrockCompliance.Emulator.Auth.SigV4.HexSha256(Encoding.UTF8.GetBytes(other)));
            });
        await AssertRestJsonError(await emu.SendAsync(message), HttpStatusCode.Forbidden, "InvalidSignatureException", CommonErrors.SignatureMismatchMessage);
    }

    [Fact]
    public async Task Wrong_secret_is_rejected()
    {
        await using var emu = await TestEmulator.StartAsync();
        var wrong = new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGKEY");
        await AssertRestJsonError(await emu.GetAsync("/foundation-models", wrong), HttpStatusCode.Forbidden,
            "InvalidSignatureException", CommonErrors.SignatureMismatchMessage);
    }

    [Fact]
    public async Task Unknown_access_key_is_unrecognized_client()
    {
        await using var emu = await TestEmulator.StartAsync();
        var unknown = new BasicAWSCredentials("AKIAUNKNOWNKEY000000", "secret");
        await AssertRestJsonError(await emu.GetAsync("/foundation-models", unknown), HttpStatusCode.Forbidden,
            "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    [Fact]
    public async Task Missing_authorization_is_missing_authentication_token()
    {
        await using var emu = await TestEmulator.StartAsync();
        await AssertRestJsonError(await emu.Http.GetAsync("/foundation-models"), HttpStatusCode.Forbidden,
            "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    [Fact]
    public async Task Signature_older_than_fifteen_minutes_is_expired()
    {
        await using var emu = await TestEmulator.StartAsync();
        var message = emu.Signed(HttpMethod.Get, "/foundation-models", signedAt: DateTime.UtcNow.AddMinutes(-16));
        var response = await emu.SendAsync(message);
        await AssertRestJsonError(response, HttpStatusCode.Forbidden, "InvalidSignatureException");
        Assert.StartsWith("Signature expired: ", (string)(await TestEmulator.JsonAsync(response))["message"]!);
    }

    [Fact]
    public async Task Signature_within_skew_is_accepted()
    {
        await using var emu = await TestEmulator.StartAsync();
        var response = await emu.SendAsync(emu.Signed(HttpMethod.Get, "/foundation-models", signedAt: DateTime.UtcNow.AddMinutes(-14)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Scope_for_another_service_is_rejected()
    {
        await using var emu = await TestEmulator.StartAsync();
        var response = await emu.SendAsync(emu.Signed(HttpMethod.Get, "/foundation-models", service: "bedrock-runtime"));
        await AssertRestJsonError(response, HttpStatusCode.Forbidden, "InvalidSignatureException",
            "Credential should be scoped to correct service: 'bedrock'. ");
    }

    [Fact]
    public async Task Unsigned_payload_is_not_accepted_for_bedrock()
    {
        await using var emu = await TestEmulator.StartAsync();
        var response = await emu.SendAsync(emu.Signed(HttpMethod.Post, "/use-case-for-model-access",
            new JsonObject { ["formData"] = TestEmulator.AnthropicForm() }.ToJsonString(), declaredPayloadHash: "UNSIGNED-PAYLOAD"));
        await AssertRestJsonError(response, HttpStatusCode.Forbidden, "InvalidSignatureException");
    }

    [Fact]
    public async Task Bearer_token_is_accepted_on_bedrock_and_maps_to_management()
    {
        await using var emu = await TestEmulator.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/foundation-models");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer bedrock-api-key-EXAMPLE");
        Assert.Equal(HttpStatusCode.OK, (await emu.SendAsync(request)).StatusCode);
        var management = TestEmulator.Account(await emu.StateAsync(), "111111111111");
        Assert.Equal(1, (int)management["calls"]!["ListFoundationModels"]!["successful"]!);
    }

    [Fact]
    public async Task Unknown_bearer_token_is_forbidden_and_sts_refuses_bearer()
    {
        await using var emu = await TestEmulator.StartAsync();
        var bad = new HttpRequestMessage(HttpMethod.Get, "/foundation-models");
        bad.Headers.TryAddWithoutValidation("Authorization", "Bearer nope");
        await AssertRestJsonError(await emu.SendAsync(bad), HttpStatusCode.Forbidden, "UnrecognizedClientException");

        var sts = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = new StringContent("Action=GetCallerIdentity&Version=2011-06-15", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        sts.Headers.TryAddWithoutValidation("Authorization", "Bearer bedrock-api-key-EXAMPLE");
        var response = await emu.SendAsync(sts);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<Code>IncompleteSignature</Code>", await response.Content.ReadAsStringAsync());
    }
}
