using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace BedrockCompliance.Emulator.Routing;

/// <summary>A fully buffered request with the path and query exactly as they were on the wire
/// (from <see cref="IHttpRequestFeature.RawTarget"/>): SigV4 and label routing both need the
/// original escapes, which <c>HttpRequest.Path</c> has already decoded.</summary>
public sealed class AwsRequest
{
    Dictionary<string, string>? _parameters;

    public AwsRequest(string method, string rawTarget, IHeaderDictionary headers, byte[] body)
    {
        Method = method;
        var q = rawTarget.IndexOf('?');
        RawPath = q < 0 ? rawTarget : rawTarget[..q];
        RawQuery = q < 0 ? "" : rawTarget[(q + 1)..];
        Headers = headers;
        Body = body;
    }

    public static async Task<AwsRequest> ReadAsync(HttpContext context)
    {
        var feature = context.Features.Get<IHttpRequestFeature>()!;
        using var buffer = new MemoryStream(context.Request.ContentLength is > 0 and < int.MaxValue ? (int)context.Request.ContentLength : 0);
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return new AwsRequest(context.Request.Method, feature.RawTarget, context.Request.Headers, buffer.ToArray());
    }

    public string Method { get; }
    public string RawPath { get; }
    public string RawQuery { get; }
    public IHeaderDictionary Headers { get; }
    public byte[] Body { get; }
    /// <summary>An S3 aws-chunked upload's content, decoded (and its chunk signatures verified) by the authenticator.</summary>
    public byte[]? DecodedPayload { get; set; }
    /// <summary>Trailing headers of an aws-chunked upload (x-amz-checksum-…).</summary>
    public IReadOnlyDictionary<string, string>? Trailers { get; set; }
    /// <summary>The request's content: the decoded payload of a chunked upload, else the body.</summary>
    public byte[] Content => DecodedPayload ?? Body;

    /// <summary>The Host header (virtual-hosted S3 requests carry the bucket in it).</summary>
    public string? Host => Header("Host");

    public string? Header(string name)
    {
        var v = Headers[name];
        return StringValues.IsNullOrEmpty(v) ? null : v.ToString();
    }

    /// <summary>The service named in the SigV4 credential scope (<c>Credential=AKID/date/region/service/aws4_request</c>),
    /// or null for unsigned and bearer-token requests. Routing only: the authenticator verifies it.</summary>
    public string? SigningService
    {
        get
        {
            var auth = Header("Authorization");
            var i = auth?.IndexOf("Credential=", StringComparison.Ordinal) ?? -1;
            if (i < 0) return null;
            var end = auth!.IndexOfAny(new[] { ',', ' ' }, i);
            var scope = auth[(i + 11)..(end < 0 ? auth.Length : end)].Split('/');
            return scope.Length == 5 ? scope[3] : null;
        }
    }

    /// <summary>Whether the raw query names a parameter (S3 sub-resources such as <c>?encryption</c>).</summary>
    public bool HasQueryKey(string name) => Parse(RawQuery).ContainsKey(name);

    /// <summary>Decoded query-string parameter (rest-json query members).</summary>
    public string? Query(string name) => Parse(RawQuery).GetValueOrDefault(name);

    /// <summary>Query-protocol parameters: the form body of a POST, else the query string.</summary>
    public IReadOnlyDictionary<string, string> Parameters => _parameters ??= Parse(
        Method == "POST" && Body.Length > 0 ? System.Text.Encoding.UTF8.GetString(Body) : RawQuery);

    static Dictionary<string, string> Parse(string encoded)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = Decode(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? "" : Decode(part[(eq + 1)..]);
            result.TryAdd(key, value);
        }
        return result;
    }

    /// <summary>Form decoding: '+' is a space, then percent escapes.</summary>
    static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
}
