using System.Net;
using System.Text;
using Amazon.Runtime;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Tests.Aws;

/// <summary>An HTTP handler that records requests and answers from a script.</summary>
internal sealed class FakeHttp : HttpMessageHandler
{
    readonly Queue<Func<HttpRequestMessage, HttpResponseMessage>> _script = new();
    public List<(HttpRequestMessage Request, string? Body)> Requests { get; } = new();

    public FakeHttp Then(Func<HttpRequestMessage, HttpResponseMessage> answer) { _script.Enqueue(answer); return this; }
    public FakeHttp ThenJson(int status, string json, string? errorType = null) => Then(_ => Json(status, json, errorType));
    public FakeHttp ThenThrow(Exception ex) => Then(_ => throw ex);
    public FakeHttp ThenXml(int status, string xml) => Then(_ => Xml(status, xml));

    public static HttpResponseMessage Xml(int status, string xml)
    {
        var r = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") };
        r.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-" + status);
        return r;
    }

    public static HttpResponseMessage Json(int status, string json, string? errorType = null)
    {
        var r = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        r.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-" + status);
        if (errorType != null) r.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorType);
        return r;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, body));
        if (_script.Count == 0) throw new InvalidOperationException("No scripted answer left for " + request.RequestUri);
        return _script.Dequeue()(request);
    }

    public static AwsConnection Connection(int maxAttempts = 3, string? bearer = null, AWSCredentials? credentials = null)
    {
        var endpoint = new Uri("http://127.0.0.1:4566");
        var endpoints = AwsService.All.ToDictionary(s => s, _ => endpoint);
        var retry = new AwsRetryPolicy(maxAttempts, baseDelay: TimeSpan.Zero);
        return new AwsConnection("us-east-1", credentials ?? new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            bearer, endpoints, retry);
    }

    public BedrockClient Client(int maxAttempts = 3, string? bearer = null, AWSCredentials? credentials = null) =>
        new(new AwsHttpSender(Connection(maxAttempts, bearer, credentials), new HttpClient(this)));
}
