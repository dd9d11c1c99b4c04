using System.Net;
using System.Text;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using BedrockCompliance.Tests.Aws;

namespace BedrockCompliance.Tests.Privacy;

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

internal static class PrivacyFixtures
{
    /// <summary>The four checks that predate 2026; the whole-run tests judge them (the others have their own files).</summary>
    internal static readonly PrivacyCheck[] OriginalChecks = { PrivacyCheck.RegionAllowed, PrivacyCheck.CloudTrail, PrivacyCheck.PrivateLink, PrivacyCheck.InvocationLogging };
    internal const string Region = "us-east-1";
    internal const string OrgArn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/org";
    internal const string Logging = "{\"IsLogging\":true,\"LatestDeliveryTime\":1764500000}";
    internal const string AllManagement = "{\"EventSelectors\":[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]}";
    internal static readonly PrivacyCheckOptions All = new() { Checks = OriginalChecks, AllowedRegions = new[] { "us-*" }, InvocationLogging = InvocationLoggingRequirement.Enabled };

    internal static string Trails(params string[] trails) => "{\"trailList\":[" + string.Join(",", trails) + "]}";
    internal static string Trail(string name = "org", string home = Region, bool multi = true, string? arn = null) =>
        $"{{\"Name\":\"{name}\",\"HomeRegion\":\"{home}\",\"IsMultiRegionTrail\":{(multi ? "true" : "false")},\"TrailARN\":\"{arn ?? $"arn:aws:cloudtrail:{home}:111111111111:trail/{name}"}\",\"S3BucketName\":\"logs\"}}";
    internal static string Advanced(params string[] fieldSelectors) => "{\"AdvancedEventSelectors\":[{\"Name\":\"s\",\"FieldSelectors\":[" + string.Join(",", fieldSelectors) + "]}]}";

    internal static RoutingHttp Compliant() => new RoutingHttp()
        .OnJson("DescribeTrails", Trails(Trail()))
        .OnJson("GetTrailStatus", Logging)
        .OnJson("GetEventSelectors", AllManagement)
        .On("DescribeVpcEndpoints", _ => Ec2ClientWireTests.Xml(200, Ec2ClientWireTests.Page(Ec2ClientWireTests.Item("vpce-1"))))
        .On("GetModelInvocationLoggingConfiguration", _ => RoutingHttp.Json(200, "{\"loggingConfig\":{\"cloudWatchConfig\":{\"logGroupName\":\"/lg\",\"roleArn\":\"r\"},\"textDataDeliveryEnabled\":true}}", "application/json"));

    internal static async Task<BedrockPrivacyCheck> Run(RoutingHttp http, PrivacyCheck check, PrivacyCheckOptions? options = null)
    {
        var o = options ?? All;
        var results = await http.Checker().CheckAsync("111111111111", Region, new PrivacyCheckOptions
        {
            Checks = new[] { check }, AllowedRegions = o.AllowedRegions, InvocationLogging = o.InvocationLogging, InvocationLogDataKinds = o.InvocationLogDataKinds,
        }, default);
        return Assert.Single(results);
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
