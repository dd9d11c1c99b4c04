using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using BedrockCompliance.Emulator;
using Microsoft.AspNetCore.Builder;

namespace BedrockCompliance.Tests.Emulator;

/// <summary>A clock tests can move; timers and timestamps stay real.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset _now = start;
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>An in-process emulator on a random loopback port, with helpers that sign requests
/// with the official AWSSDK signer (the independent peer of the emulator's verifier).</summary>
public sealed class TestEmulator : IAsyncDisposable
{
    public static readonly BasicAWSCredentials Management =
        new(EmulatorOptions.ManagementAccessKeyId, EmulatorOptions.ManagementSecretAccessKey);

    readonly WebApplication _app;

    TestEmulator(WebApplication app, EmulatorOptions options)
    {
        _app = app;
        Options = options;
        Url = app.Address();
        Http = new HttpClient { BaseAddress = new Uri(Url) };
    }

    static TestEmulator()
    {
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }

    public string Url { get; }
    public HttpClient Http { get; }
    public EmulatorOptions Options { get; }
    public ManualClock? Clock => Options.TimeProvider as ManualClock;

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Accounts = 3 };
        configure?.Invoke(options);
        var app = EmulatorApp.Build(options, new[] { "--urls", "http://127.0.0.1:0" });
        await app.StartAsync();
        return new TestEmulator(app, options);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Builds a request signed by <see cref="AWSSigV4Signer"/>. <paramref name="tamper"/> runs
    /// after signing, to change what goes on the wire.</summary>
    public HttpRequestMessage Signed(HttpMethod method, string pathAndQuery, string? jsonBody = null,
        AWSCredentials? credentials = null, string service = "bedrock", string region = "us-east-1",
        DateTime? signedAt = null, string? declaredPayloadHash = null, string contentType = "application/json",
        Action<HttpRequestMessage>? tamper = null)
    {
        var uri = new Uri(Url + pathAndQuery);
        var signing = new AWSSigningRequest { HttpMethod = method, RequestUri = uri };
        var body = jsonBody is null ? null : Encoding.UTF8.GetBytes(jsonBody);
        if (body is not null)
        {
            signing.Headers["Content-Type"] = contentType;
            signing.Content = body;
        }
        if (declaredPayloadHash is not null) signing.Headers["x-amz-content-sha256"] = declaredPayloadHash;
        var result = AWSSigV4Signer.Sign(signing, new AWSSigV4Parameters
        {
            Credentials = credentials ?? Management,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = service,
            SignedAt = signedAt ?? (Clock?.GetUtcNow().UtcDateTime ?? DateTime.UtcNow),
        });

        var message = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        foreach (var (name, value) in result.Headers)
            message.Headers.TryAddWithoutValidation(name, value);
        tamper?.Invoke(message);
        return message;
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage message) => Http.SendAsync(message);

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery, AWSCredentials? credentials = null, string region = "us-east-1") =>
        Http.SendAsync(Signed(HttpMethod.Get, pathAndQuery, credentials: credentials, region: region));

    public Task<HttpResponseMessage> PostJsonAsync(string path, JsonNode body, AWSCredentials? credentials = null, string region = "us-east-1") =>
        Http.SendAsync(Signed(HttpMethod.Post, path, body.ToJsonString(), credentials, region: region));

    /// <summary>Query-protocol call (STS or EC2): form body signed for the given service.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string form, string service, AWSCredentials? credentials = null, string region = "us-east-1") =>
        Http.SendAsync(Signed(HttpMethod.Post, "/", form, credentials, service, region, contentType: "application/x-www-form-urlencoded; charset=utf-8"));

    /// <summary>CloudTrail JSON 1.1 call.</summary>
    public Task<HttpResponseMessage> CloudTrailAsync(string operation, JsonNode body, AWSCredentials? credentials = null, string region = "us-east-1") =>
        Http.SendAsync(Signed(HttpMethod.Post, "/", body.ToJsonString(), credentials, "cloudtrail", region,
            contentType: "application/x-amz-json-1.1",
            tamper: m => m.Headers.Add("X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101." + operation)));

    public async Task<JsonObject> StateAsync() =>
        JsonNode.Parse(await Http.GetStringAsync("/_emulator/state"))!.AsObject();

    public static JsonObject Account(JsonObject state, string accountId) =>
        state["accounts"]!.AsArray().Single(a => (string)a!["accountId"]! == accountId)!.AsObject();

    public async Task<HttpResponseMessage> ControlAsync(string path, JsonNode? body = null)
    {
        var response = await Http.PostAsync("/_emulator/" + path,
            new StringContent(body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json"));
        return response;
    }

    /// <summary>Assumes the member role through the emulator's STS and returns session credentials.</summary>
    public async Task<SessionAWSCredentials> AssumeMemberAsync(string accountId, string session = "tests")
    {
        var response = await PostFormAsync(
            $"Action=AssumeRole&Version=2011-06-15&RoleArn={Uri.EscapeDataString($"arn:aws:iam::{accountId}:role/OrganizationAccountAccessRole")}&RoleSessionName={session}",
            "sts");
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        string Get(string name) => xml.Descendants().Single(e => e.Name.LocalName == name).Value;
        return new SessionAWSCredentials(Get("AccessKeyId"), Get("SecretAccessKey"), Get("SessionToken"));
    }

    public static async Task<JsonObject> JsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static string AnthropicForm() => Convert.ToBase64String(Encoding.UTF8.GetBytes(
        "{\"companyName\":\"Acme\",\"companyWebsite\":\"https://acme.example\",\"intendedUsers\":\"0\"," +
        "\"industryOption\":\"Technology\",\"otherIndustryOption\":\"\",\"useCases\":\"Internal assistant\"}"));
}
