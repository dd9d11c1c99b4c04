using System.Net;
using System.Text;
using Amazon.Runtime;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Tests.Aws;

/// <summary>What our client puts on the wire, compared with what the official SDKs send (bedrock-api.md, observed from JS v3).</summary>
public class BedrockClientWireTests
{
    const string Availability = "{\"modelId\":\"anthropic.claude-3-5-sonnet-20241022-v2:0\",\"agreementAvailability\":{\"status\":\"AVAILABLE\"},\"authorizationStatus\":\"AUTHORIZED\",\"entitlementAvailability\":\"AVAILABLE\",\"regionAvailability\":\"AVAILABLE\"}";

    [Fact]
    public async Task Get_with_a_model_id_encodes_the_colon_once_and_sends_no_body()
    {
        var http = new FakeHttp().ThenJson(200, Availability);
        var a = await http.Client().GetFoundationModelAvailabilityAsync("anthropic.claude-3-5-sonnet-20241022-v2:0", default);
        var (req, body) = http.Requests.Single();
        Assert.Equal(HttpMethod.Get, req.Method);
        Assert.Equal("/foundation-model-availability/anthropic.claude-3-5-sonnet-20241022-v2%3A0", req.RequestUri!.AbsolutePath);
        Assert.Null(body);
        Assert.Null(req.Content);
        Assert.Equal("AVAILABLE", a.AgreementStatus);
        string auth = req.Headers.GetValues("Authorization").Single();
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/", auth);
        Assert.Contains("/us-east-1/bedrock/aws4_request", auth);
        Assert.Contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date,", auth);
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", req.Headers.GetValues("X-Amz-Content-SHA256").Single());
    }

    [Fact]
    public async Task A_request_without_a_body_is_signed_as_the_signer_signs_it_hashing_the_body_itself()
    {
        // The sender hands the signer the empty body's hash to save it the work: the headers and the signature must be
        // exactly those the signer makes from the request alone, at the same time.
        var http = new FakeHttp().ThenJson(200, Availability);
        await http.Client(credentials: new SessionAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "token-1"))
            .GetFoundationModelAvailabilityAsync("anthropic.claude-3-5-sonnet-20241022-v2:0", default);
        var req = http.Requests.Single().Request;
        var signedAt = DateTime.ParseExact(req.Headers.GetValues("X-Amz-Date").Single(), "yyyyMMddTHHmmssZ",
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        var expected = Amazon.Runtime.Signing.AWSSigV4Signer.Sign(
            new Amazon.Runtime.Signing.AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = req.RequestUri },
            new Amazon.Runtime.Signing.AWSSigV4Parameters
            {
                Credentials = new SessionAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "token-1"),
                Region = Amazon.RegionEndpoint.USEast1, Service = "bedrock", SignedAt = signedAt,
            }).Headers;
        Assert.Equal(4, expected.Count);
        foreach (var header in expected) Assert.Equal(header.Value, req.Headers.GetValues(header.Key).Single());
    }

    [Fact]
    public async Task Arn_labels_keep_their_escapes()
    {
        var http = new FakeHttp().ThenJson(200, "{\"modelDetails\":{\"modelArn\":\"arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0\",\"modelId\":\"meta.llama3-1-70b-instruct-v1:0\"}}");
        await http.Client().GetFoundationModelAsync("arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0", default);
        Assert.Equal("/foundation-models/arn%3Aaws%3Abedrock%3Aus-east-1%3A%3Afoundation-model%2Fmeta.llama3-1-70b-instruct-v1%3A0",
            http.Requests.Single().Request.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task List_sends_only_the_filters_that_are_set_encoded_with_percent_20()
    {
        var http = new FakeHttp().ThenJson(200, "{\"modelSummaries\":[]}").ThenJson(200, "{\"modelSummaries\":[]}");
        var client = http.Client();
        await client.ListFoundationModelsAsync(null, default);
        await client.ListFoundationModelsAsync(new ListFoundationModelsFilter { ByProvider = "Meta AI", ByOutputModality = "TEXT" }, default);
        Assert.Equal("/foundation-models", http.Requests[0].Request.RequestUri!.PathAndQuery);
        Assert.Equal("/foundation-models?byOutputModality=TEXT&byProvider=Meta%20AI", http.Requests[1].Request.RequestUri!.PathAndQuery);
    }

    [Fact]
    public async Task Accounts_that_get_the_same_listing_share_one_parse_and_a_different_answer_gets_its_own()
    {
        // A body no other test sends, so the process-wide cache starts empty for it.
        string Listing(string name) => "{\"modelSummaries\":[{\"modelArn\":\"arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0\"," +
            "\"modelId\":\"meta.llama3-1-70b-instruct-v1:0\",\"modelName\":\"" + name + "\",\"providerName\":\"Meta\",\"inputModalities\":[\"TEXT\"]}]}";
        var first = await new FakeHttp().ThenJson(200, Listing("Llama 3.1 70B share-test")).Client().ListFoundationModelsAsync(null, default);
        var other = await new FakeHttp().ThenJson(200, Listing("Llama 3.1 70B share-test"))
            .Client(credentials: new BasicAWSCredentials("AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY")).ListFoundationModelsAsync(null, default);
        Assert.Same(first, other);
        var changed = await new FakeHttp().ThenJson(200, Listing("Llama 3.1 70B share-test, renamed")).Client().ListFoundationModelsAsync(null, default);
        Assert.NotSame(first, changed);
        Assert.Equal("Llama 3.1 70B share-test, renamed", changed.Single().ModelName);
        Assert.Equal("Llama 3.1 70B share-test", first.Single().ModelName);
    }

    [Fact]
    public async Task Create_agreement_posts_exactly_the_model_members()
    {
        var http = new FakeHttp().ThenJson(202, "{\"modelId\":\"cohere.command-r-v1:0\"}");
        await http.Client().CreateFoundationModelAgreementAsync("cohere.command-r-v1:0", "tok-1", default);
        var (req, body) = http.Requests.Single();
        Assert.Equal(HttpMethod.Post, req.Method);
        Assert.Equal("/create-foundation-model-agreement", req.RequestUri!.AbsolutePath);
        Assert.Equal("{\"offerToken\":\"tok-1\",\"modelId\":\"cohere.command-r-v1:0\"}", body);
        Assert.Equal("application/json", req.Content!.Headers.ContentType!.MediaType);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,", req.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public async Task Delete_agreement_is_a_post_and_accepts_an_empty_answer()
    {
        var http = new FakeHttp().Then(_ => new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new ByteArrayContent(Array.Empty<byte>()) });
        await http.Client().DeleteFoundationModelAgreementAsync("cohere.command-r-v1:0", default);
        Assert.Equal(HttpMethod.Post, http.Requests.Single().Request.Method);
        Assert.Equal("{\"modelId\":\"cohere.command-r-v1:0\"}", http.Requests.Single().Body);
    }

    [Fact]
    public async Task Use_case_form_is_base64_encoded_exactly_once()
    {
        var http = new FakeHttp().ThenJson(201, "{}");
        byte[] form = Encoding.UTF8.GetBytes("{\"companyName\":\"Acme\"}");
        await http.Client().PutUseCaseForModelAccessAsync(form, default);
        Assert.Equal("{\"formData\":\"eyJjb21wYW55TmFtZSI6IkFjbWUifQ==\"}", http.Requests.Single().Body);
    }

    [Theory]
    [InlineData("eyJjb21wYW55TmFtZSI6IkFjbWUifQ==")]                      // base64(json)
    [InlineData("ZXlKamIyMXdZVzU1VG1GdFpTSTZJa0ZqYldVaWZRPT0=")]          // base64(base64(json)), Terraform's view
    public void Use_case_form_decoding_is_tolerant(string formData) =>
        Assert.Equal("{\"companyName\":\"Acme\"}", Encoding.UTF8.GetString(BedrockClient.DecodeFormData(formData)));

    [Fact]
    public async Task No_use_case_on_file_is_null_not_an_error()
    {
        var http = new FakeHttp().ThenJson(404, "{\"message\":\"You have not filled out the request form.\"}", "ResourceNotFoundException");
        Assert.Null(await http.Client().GetUseCaseForModelAccessAsync(default));
    }

    [Fact]
    public async Task Converse_sends_the_minimal_request_to_the_runtime_signed_as_bedrock()
    {
        var http = new FakeHttp().ThenJson(200, "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Hello!\"}]}},\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":8,\"outputTokens\":3,\"totalTokens\":11},\"metrics\":{\"latencyMs\":250}}");
        var r = await http.Client().ConverseAsync("us.anthropic.claude-3-5-haiku-20241022-v1:0", "Hi", 8, default);
        var (req, body) = http.Requests.Single();
        Assert.Equal("/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse", req.RequestUri!.AbsolutePath);
        Assert.Equal("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}],\"inferenceConfig\":{\"maxTokens\":8}}", body);
        Assert.Contains("/bedrock/aws4_request", req.Headers.GetValues("Authorization").Single());
        Assert.Equal("Hello!", r.Text);
        Assert.Equal(250, r.LatencyMs);
    }

    [Fact]
    public async Task Session_credentials_send_and_sign_the_security_token()
    {
        var http = new FakeHttp().ThenJson(200, Availability);
        await http.Client(credentials: new SessionAWSCredentials("ASIAEXAMPLE", "secret", "TOKEN-1")).GetFoundationModelAvailabilityAsync("anthropic.claude-3-5-sonnet-20241022-v2:0", default);
        var req = http.Requests.Single().Request;
        Assert.Equal("TOKEN-1", req.Headers.GetValues("x-amz-security-token").Single());
        Assert.Contains("x-amz-security-token", req.Headers.GetValues("Authorization").Single());
    }

    [Fact]
    public async Task Bearer_token_replaces_SigV4_for_Bedrock()
    {
        var http = new FakeHttp().ThenJson(200, Availability);
        await http.Client(bearer: "bedrock-api-key-EXAMPLE").GetFoundationModelAvailabilityAsync("anthropic.claude-3-5-sonnet-20241022-v2:0", default);
        var req = http.Requests.Single().Request;
        Assert.Equal("Bearer bedrock-api-key-EXAMPLE", req.Headers.Authorization!.ToString());
        Assert.False(req.Headers.Contains("X-Amz-Date"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x.y")]
    [InlineData("Anthropic.Claude")]
    [InlineData("anthropic.claude-3/../../x")]
    public async Task Bad_model_ids_are_refused_before_any_call(string id)
    {
        var http = new FakeHttp();
        await Assert.ThrowsAsync<ArgumentException>(() => http.Client().GetFoundationModelAvailabilityAsync(id, default));
        Assert.Empty(http.Requests);
    }
}
