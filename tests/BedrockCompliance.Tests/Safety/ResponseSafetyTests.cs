using System.IO.Compression;
using Amazon.Runtime;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Tests.Aws;

namespace BedrockCompliance.Tests.Safety;

/// <summary>Issue 15.5, 15.6 and the Low item on server text: hostile answers from a fake server on loopback.</summary>
public class ResponseSafetyTests
{
    static AwsConnection ConnectionTo(Uri endpoint, int maxAttempts = 3) =>
        new AwsConnection("us-east-1", new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"), null,
            AwsService.All.ToDictionary(s => s, _ => endpoint), new AwsRetryPolicy(maxAttempts, baseDelay: TimeSpan.Zero));

    /// <summary>1 GiB of zeros as gzip (about 1 MB), made once.</summary>
    static readonly Lazy<byte[]> Bomb = new Lazy<byte[]>(() =>
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 1024; i++) gzip.Write(zeros);
        }
        return output.ToArray();
    });

    [Fact]
    public async Task A_gzip_bomb_stops_at_the_cap_while_streaming_without_buffering_the_body()
    {
        byte[] bomb = Bomb.Value;
        await using var server = new LoopbackServer(async (_, stream) =>
        {
            await LoopbackServer.WriteAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nContent-Length: {bomb.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(bomb);
        });
        // The production sender (shared handler with automatic decompression), not a test handler.
        var client = new BedrockClient(new AwsHttpSender(ConnectionTo(server.Url, maxAttempts: 1)));

        long before = GC.GetTotalAllocatedBytes(precise: true);
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() => client.ListFoundationModelsAsync(null, CancellationToken.None));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Contains($"at most {AwsHttpSender.MaxResponseBytes} bytes", ex.Message);
        // The body inflates to 1 GiB; buffering it (the old ResponseContentRead path) allocates more than that.
        // Streaming with the cap allocates the 16 MiB buffer and change (other tests running meanwhile add a little).
        Assert.True(allocated < 256L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MiB while reading a 1 GiB gzip bomb");
    }

    [Fact]
    public async Task A_redirect_is_an_error_naming_status_and_Location_host_and_is_never_followed()
    {
        await using var target = new LoopbackServer((_, stream) => LoopbackServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"));
        await using var server = new LoopbackServer((_, stream) => LoopbackServer.WriteAsync(stream,
            $"HTTP/1.1 307 Temporary Redirect\r\nLocation: {target.Url}foundation-models\r\nx-amzn-RequestId: r-1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        var client = new BedrockClient(new AwsHttpSender(ConnectionTo(server.Url)));

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => client.ListFoundationModelsAsync(null, CancellationToken.None));

        Assert.Equal("UnexpectedRedirect", ex.ErrorCode);
        Assert.Equal(307, ex.StatusCode);
        Assert.Contains("HTTP 307", ex.Message);
        Assert.Contains("'127.0.0.1'", ex.Message);
        Assert.Equal(0, target.Requests);
        Assert.Equal(1, server.Requests); // not retried either
    }

    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    public async Task STS_does_not_follow_a_redirect_so_the_session_token_stays_with_the_endpoint(int status)
    {
        await using var target = new LoopbackServer((head, stream) => LoopbackServer.WriteAsync(stream, "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        await using var server = new LoopbackServer((_, stream) => LoopbackServer.WriteAsync(stream,
            $"HTTP/1.1 {status} Moved\r\nLocation: {target.Url}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        var connection = new AwsConnection("us-east-1", new SessionAWSCredentials("ASIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "session-token-" + status), null,
            AwsService.All.ToDictionary(s => s, _ => server.Url), new AwsRetryPolicy(3, baseDelay: TimeSpan.Zero));

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => new StsClient(connection).GetCallerIdentityAsync(CancellationToken.None));

        Assert.Equal("UnexpectedRedirect", ex.ErrorCode);
        Assert.Equal("GetCallerIdentity", ex.Operation);
        Assert.Contains($"HTTP {status}", ex.Message);
        Assert.Contains("'127.0.0.1'", ex.Message);
        Assert.Equal(0, target.Requests);
    }

    [Fact]
    public async Task Server_error_text_reaches_the_error_without_control_sequences_and_capped()
    {
        string hostile = "\u001b]0;pwned\u0007\u001b[2J\u001b[31mDenied\u001b[0m\r\nWARNING: all checks passed\u202e" + new string('x', 5000);
        string json = System.Text.Json.JsonSerializer.Serialize(new { message = hostile });
        var http = new FakeHttp().ThenJson(400, json, "AccessDeniedException\u001b[2J");

        var ex = await Assert.ThrowsAsync<AwsServiceException>(() => http.Client().ListFoundationModelsAsync(null, CancellationToken.None));

        foreach (var text in new[] { ex.Message, ex.ServiceMessage!, ex.ErrorCode })
        {
            Assert.DoesNotContain(text, c => char.IsControl(c) || c == '\u202e');
            Assert.DoesNotContain("pwned", text);
        }
        Assert.Contains("Denied", ex.ServiceMessage);
        Assert.Contains("WARNING: all checks passed", ex.ServiceMessage); // kept, but on the same line: it cannot pose as output
        Assert.True(ex.ServiceMessage!.Length <= ErrorText.MaxMessageLength + 20, $"{ex.ServiceMessage.Length} characters");
        Assert.StartsWith("AccessDeniedException", ex.ErrorCode);
    }

    [Fact]
    public void ErrorText_redacts_secrets_a_server_echoes()
    {
        string cleaned = ErrorText.Clean("signature mismatch for aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")!;
        Assert.DoesNotContain("EXAMPLEKEY", cleaned);
        Assert.Contains("[REDACTED", cleaned);
    }

    [Theory]
    [InlineData("{\"modelSummaries\": null}", "null")]
    [InlineData("{}", "missing")]
    public async Task A_model_list_that_is_null_or_missing_is_a_malformed_response_not_an_empty_list(string body, string problem)
    {
        var http = new FakeHttp().ThenJson(200, body);
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() => http.Client().ListFoundationModelsAsync(null, CancellationToken.None));
        Assert.Contains("modelSummaries", ex.Message);
        Assert.Contains(problem, ex.Message);
    }
}
