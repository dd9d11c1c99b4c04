using System.Buffers;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon;
using Amazon.Runtime.Signing;

namespace BedrockCompliance.Engine.Aws;

/// <summary>One HTTP answer, read in full (bounded) before it is parsed.</summary>
internal sealed record AwsResponse(int StatusCode, byte[] Body, string? RequestId, string? ErrorTypeHeader, string? ContentType)
{
    /// <summary>A 3xx answer's Location (never followed).</summary>
    public Uri? Location { get; set; }
}

/// <summary>Reads a non-2xx answer into the service's error; protocols differ in where code and message live.</summary>
internal delegate AwsServiceException AwsErrorParser(AwsService service, string operation, AwsResponse response);

/// <summary>Protocol specifics of one request beyond method, path and body.</summary>
internal sealed class AwsRequestOptions
{
    /// <summary>Extra headers, signed with the request (e.g. X-Amz-Target of the JSON 1.1 protocol).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; set; }

    /// <summary>Error parser for the protocol; default <see cref="AwsHttpSender.ParseRestJsonError"/> (rest-json and JSON 1.1).</summary>
    public AwsErrorParser? ErrorParser { get; set; }
}

/// <summary>
/// Sends one AWS request: signs each attempt with AWSSDK.Core's SigV4 signer (or the Bedrock bearer token),
/// applies the standard retry mode, a per-attempt timeout, a response size cap and cancellation.
/// </summary>
internal sealed class AwsHttpSender
{
    public const int MaxResponseBytes = 16 * 1024 * 1024;
    static readonly Lazy<HttpClient> SharedClient = new Lazy<HttpClient>(() =>
        new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate })
        { Timeout = Timeout.InfiniteTimeSpan });

    readonly AwsConnection _connection;
    readonly HttpMessageInvoker _http;
    /// <summary>How this module's User-Agent starts; CloudTrail history tells a call through the tool by it.</summary>
    public const string UserAgentProduct = "BedrockCompliance/";
    static readonly string UserAgent = $"{UserAgentProduct}{typeof(AwsHttpSender).Assembly.GetName().Version?.ToString(3)} ({System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription})";

    public AwsHttpSender(AwsConnection connection, HttpMessageInvoker? http = null)
    {
        _connection = connection;
        _http = http ?? SharedClient.Value;
    }

    /// <summary>Diagnostics for -Debug: attempts, retries, backoff. Never secrets.</summary>
    public Action<string>? Trace { get; set; }

    public AwsConnection Connection => _connection;

    /// <param name="pathAndQuery">Path with labels percent-encoded once (':' → %3A, '/' → %2F) and the query, relative to the endpoint's base path.</param>
    public Task<AwsResponse> SendAsync(AwsService service, string operation, HttpMethod method, string pathAndQuery,
        byte[]? body, string? contentType, CancellationToken cancellationToken) =>
        SendAsync(service, operation, method, pathAndQuery, body, contentType, null, cancellationToken);

    /// <param name="options">Extra signed headers and the protocol's error parser; null for rest-json.</param>
    public Task<AwsResponse> SendAsync(AwsService service, string operation, HttpMethod method, string pathAndQuery,
        byte[]? body, string? contentType, AwsRequestOptions? options, CancellationToken cancellationToken)
    {
        Call call;
        try
        {
            var target = TargetFor(service);
            call = new Call(this, target, operation, method, new Uri(target.BaseUrl + pathAndQuery), body, contentType, options);
        }
        catch (Exception ex)
        {
            return Task.FromException<AwsResponse>(ex); // as from an async method: a bad endpoint or path fails the task
        }
        return AwsCallPolicy.RunAsync(_connection, service.DisplayName, operation, call.Target.Limits, call,
            static (c, attempt, ct) => c.Sender.AttemptAsync(c, attempt, ct), Trace, cancellationToken);
    }

    /// <summary>One call's request, the same for each of its attempts.</summary>
    readonly record struct Call(AwsHttpSender Sender, Target Target, string Operation, HttpMethod Method, Uri Uri, byte[]? Body,
        string? ContentType, AwsRequestOptions? Options);

    /// <summary>
    /// What every call of this sender to one service shares, worked out on its first call (issue 18: once per call it
    /// was string building, a Region lookup and three registry lookups): the endpoint, the base URL that paths
    /// follow, the limiter and retry quota, and the signer's parameters.
    /// </summary>
    sealed class Target(AwsService service, Uri endpoint, CallLimits limits, AWSSigV4Parameters? signing)
    {
        public AwsService Service { get; } = service;
        public Uri Endpoint { get; } = endpoint;
        public string BaseUrl { get; } = endpoint.GetLeftPart(UriPartial.Authority) + endpoint.AbsolutePath.TrimEnd('/');
        public CallLimits Limits { get; } = limits;
        /// <summary>Null when the connection has no SigV4 credentials.</summary>
        public AWSSigV4Parameters? Signing { get; } = signing;
    }

    readonly Target?[] _targets = new Target?[AwsService.Count];

    Target TargetFor(AwsService service) => _targets[service.Ordinal] ??= new Target(service, _connection.EndpointFor(service),
        AwsCallPolicy.LimitsFor(_connection, service.DisplayName),
        _connection.Credentials == null ? null : new AWSSigV4Parameters
        {
            Credentials = _connection.Credentials,
            Region = RegionEndpoint.GetBySystemName(service.SigningRegion(_connection.Region)),
            Service = service.SigningName,
        });

    /// <summary>One attempt: build, sign and send the request, read the answer, and turn a failure into the service's or transport's error.</summary>
    async Task<AwsResponse> AttemptAsync(Call call, int attempt, CancellationToken ct)
    {
        var service = call.Target.Service;
        AwsResponse response;
        try
        {
            using var request = new HttpRequestMessage(call.Method, call.Uri);
            if (call.Body != null)
            {
                request.Content = new ByteArrayContent(call.Body);
                if (call.ContentType != null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(call.ContentType);
            }
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            Authorize(call, request);
            if (call.Options?.Headers is { } headers)
                foreach (var header in headers)
                    if (!request.Headers.Contains(header.Key)) request.Headers.TryAddWithoutValidation(header.Key, header.Value);

            using var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            attemptCts.CancelAfter(_connection.AttemptTimeout);
            // Headers first, then a capped read: HttpClient's default (ResponseContentRead) buffers the whole body before
            // returning, so a huge or decompression-bomb answer would be in memory before any cap applied.
            using var answer = await (_http is HttpClient client
                ? client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token)
                : _http.SendAsync(request, attemptCts.Token)).ConfigureAwait(false);
            string? requestId = Header(answer, "x-amzn-RequestId") ?? Header(answer, "x-amz-request-id");
            int status = (int)answer.StatusCode;
            response = status >= 300 && status < 400
                ? new AwsResponse(status, Array.Empty<byte>(), requestId, null, null) { Location = answer.Headers.Location }
                : new AwsResponse(status, await ReadBoundedAsync(answer, attemptCts.Token).ConfigureAwait(false), requestId,
                    Header(answer, "x-amzn-ErrorType"), answer.Content?.Headers.ContentType?.MediaType);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (ResponseTooLargeException ex)
        {
            throw new AwsResponseFormatException(service.DisplayName, call.Operation, ex.Message, null, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is IOException || ex is TimeoutException || ex is OperationCanceledException)
        {
            throw new AwsTransportException(service.DisplayName, call.Operation, call.Target.Endpoint, attempt, AwsTransportException.AttemptTimedOut(ex, _connection.AttemptTimeout));
        }
        if (response.StatusCode >= 200 && response.StatusCode < 300) return response;
        if (response.StatusCode >= 300 && response.StatusCode < 400) throw RedirectGuard.Refused(service.DisplayName, call.Operation, response.StatusCode, response.Location, response.RequestId);
        var error = (call.Options?.ErrorParser ?? ParseRestJsonError)(service, call.Operation, response);
        error.Attempt = attempt;
        throw error;
    }

    /// <summary>
    /// The JSON 1.1 protocol (CloudTrail, CloudWatch Logs, Organizations): <c>POST /</c>, the operation named in the
    /// signed X-Amz-Target header after the service's <paramref name="targetPrefix"/>, one JSON object as the body.
    /// </summary>
    public Task<AwsResponse> SendJson11Async(AwsService service, string targetPrefix, string operation, Action<Utf8JsonWriter> writeMembers, CancellationToken ct)
    {
        var options = new AwsRequestOptions { Headers = new Dictionary<string, string> { ["X-Amz-Target"] = targetPrefix + operation } };
        return SendAsync(service, operation, HttpMethod.Post, "/", JsonShape.Body(writeMembers), "application/x-amz-json-1.1", options, ct);
    }

    /// <summary>SHA-256 of no bytes: given to the signer for a request without a body, which then hashes nothing.</summary>
    const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    void Authorize(Call call, HttpRequestMessage request)
    {
        var service = call.Target.Service;
        if (service.AcceptsBearerToken && _connection.BearerToken != null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _connection.BearerToken);
            return;
        }
        if (call.Target.Signing is not { } parameters)
            throw new AwsConfigurationException("NoCredentials", $"{service.DisplayName} needs SigV4 credentials, and none were found (a Bedrock bearer token only covers the Bedrock services).");

        var signing = new AWSSigningRequest { HttpMethod = call.Method, RequestUri = call.Uri, Content = call.Body };
        if (call.Body == null || call.Body.Length == 0) signing.Headers["X-Amz-Content-SHA256"] = EmptyBodySha256;
        if (call.ContentType != null) signing.Headers["Content-Type"] = call.ContentType;
        if (call.Options?.Headers is { } headers)
            foreach (var header in headers) signing.Headers[header.Key] = header.Value;
        var signed = AWSSigV4Signer.Sign(signing, parameters).Headers;
        // The signer's result is a Dictionary: enumerated as one, its enumerator is not boxed.
        if (signed is Dictionary<string, string> map)
            foreach (var header in map) request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        else
            foreach (var header in signed) request.Headers.TryAddWithoutValidation(header.Key, header.Value);
    }

    /// <summary>
    /// Reads the body while counting: at most <see cref="MaxResponseBytes"/> after decompression (the handler inflates
    /// gzip/deflate as it streams, so the count is of decompressed bytes and a bomb stops at the cap).
    /// </summary>
    static async ValueTask<byte[]> ReadBoundedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content == null) return Array.Empty<byte>();
        // A compressed body's Content-Length is of the compressed bytes: only an identity body is checked against it.
        long? length = response.Content.Headers.ContentLength;
        if (length > MaxResponseBytes)
            throw new ResponseTooLargeException(length.Value);
        long? declared = response.Content.Headers.ContentEncoding.Count == 0 ? length : null;
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        // Most answers are identity-encoded with a Content-Length: read them straight into their array (no chunk, no
        // copy; this is on the path of every call, issue 18's CPU per call).
        if (declared.HasValue) return await ReadExactlyAsync(stream, (int)declared.Value, ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, 0, chunk.Length, ct).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxResponseBytes) throw new ResponseTooLargeException(buffer.Length + read);
                buffer.Write(chunk, 0, read);
            }
        }
        finally { ArrayPool<byte>.Shared.Return(chunk); }
        return buffer.ToArray();
    }

    // The byte past a Content-Length is read only to see that there is none; what lands here is never looked at.
    static readonly byte[] Probe = new byte[1];

    /// <summary>Exactly <paramref name="length"/> bytes (≤ the cap, checked by the caller), and not one more.</summary>
    static async ValueTask<byte[]> ReadExactlyAsync(Stream stream, int length, CancellationToken ct)
    {
        var body = length == 0 ? Array.Empty<byte>() : new byte[length];
        int total = 0;
        while (total < length)
        {
            int read = await stream.ReadAsync(body, total, length - total, ct).ConfigureAwait(false);
            if (read == 0) throw new IOException($"the response was cut short: {total} of {length} bytes arrived");
            total += read;
        }
        if (await stream.ReadAsync(Probe, 0, 1, ct).ConfigureAwait(false) > 0)
            throw new IOException($"the response was longer than its Content-Length of {length} bytes");
        return body;
    }

    /// <summary>rest-json error: type from x-amzn-ErrorType, then 'code'/'Code', then '__type'; message from 'message'/'Message'.</summary>
    public static AwsServiceException ParseRestJsonError(AwsService service, string operation, AwsResponse response)
    {
        string? code = response.ErrorTypeHeader;
        string? message = null;
        if (response.Body.Length > 0 && response.Body.Length < 1024 * 1024)
        {
            try
            {
                using var doc = JsonDocument.Parse(response.Body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var p in doc.RootElement.EnumerateObject())
                    {
                        if (code == null && string.Equals(p.Name, "code", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String) code = p.Value.GetString();
                        if (message == null && (p.Name == "message" || p.Name == "Message") && p.Value.ValueKind == JsonValueKind.String) message = p.Value.GetString();
                    }
                    if (code == null && doc.RootElement.TryGetProperty("__type", out var t) && t.ValueKind == JsonValueKind.String) code = t.GetString();
                }
            }
            catch (JsonException)
            {
                message = Encoding.UTF8.GetString(response.Body, 0, Math.Min(response.Body.Length, 300));
            }
        }
        string sanitized = string.IsNullOrWhiteSpace(code) ? $"Http{response.StatusCode}" : AwsErrorCodes.Sanitize(code!);
        return new AwsServiceException(service.DisplayName, operation, sanitized, message, response.StatusCode, response.RequestId);
    }

    static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()
        : response.Content != null && response.Content.Headers.TryGetValues(name, out var cv) ? cv.FirstOrDefault() : null;

}

/// <summary>Raised inside the sender; surfaced as <see cref="AwsResponseFormatException"/> by the operation.</summary>
internal sealed class ResponseTooLargeException : Exception
{
    public ResponseTooLargeException(long bytes) : base($"the response is at least {bytes} bytes; at most {AwsHttpSender.MaxResponseBytes} bytes are accepted") { }
}
