using BedrockCompliance.Emulator.Auth;

namespace BedrockCompliance.Tests.Emulator;

/// <summary>The emulator's canonicalisation against AWS's published vectors.</summary>
public class SigV4Tests
{
    const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    const string AmzDate = "20150830T123600Z";

    static string Sign(string method, string path, string query, Dictionary<string, string> headers, string service)
    {
        var signed = headers.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        var canonical = SigV4.CanonicalRequest(method, path, query, signed,
            name => headers.TryGetValue(name, out var v) ? new[] { v } : null, SigV4.EmptyPayloadHash);
        return SigV4.Signature(Secret, "20150830", "us-east-1", service,
            SigV4.StringToSign(AmzDate, $"20150830/us-east-1/{service}/aws4_request", canonical));
    }

    [Fact]
    public void Aws_test_suite_get_vanilla()
    {
        var signature = Sign("GET", "/", "", new() { ["host"] = "example.amazonaws.com", ["x-amz-date"] = AmzDate }, "service");
        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature);
    }

    [Fact]
    public void Toolchain_notes_bedrock_example_matches_sdk_signature()
    {
        var signature = Sign("GET", "/foundation-models", "byProvider=anthropic", new()
        {
            ["host"] = "bedrock.us-east-1.amazonaws.com",
            ["x-amz-date"] = AmzDate,
            ["x-amz-content-sha256"] = SigV4.EmptyPayloadHash,
        }, "bedrock");
        Assert.Equal("35c04fb18ec925af556e48571fca3d6f75ed22004f0810dfb59137354c6de30f", signature);
    }

    [Theory]
    [InlineData("/foundation-models/anthropic.claude-3-5-sonnet-20241022-v2%3A0", "/foundation-models/anthropic.claude-3-5-sonnet-20241022-v2%253A0")]
    [InlineData("/foundation-models/arn%3Aaws%3Abedrock%3Aus-east-1%3A%3Afoundation-model%2Fx.yz", "/foundation-models/arn%253Aaws%253Abedrock%253Aus-east-1%253A%253Afoundation-model%252Fx.yz")]
    [InlineData("", "/")]
    [InlineData("/a b", "/a%20b")]
    public void Canonical_uri_encodes_the_wire_path_a_second_time(string raw, string expected) =>
        Assert.Equal(expected, SigV4.CanonicalUri(raw));

    [Theory]
    [InlineData("byProvider=Meta%20AI&byOutputModality=TEXT", "byOutputModality=TEXT&byProvider=Meta%20AI")]
    [InlineData("b=2&a=1&a=0", "a=0&a=1&b=2")]
    [InlineData("flag&x=%7e", "flag=&x=~")]
    [InlineData("k=a+b", "k=a%2Bb")]
    [InlineData("", "")]
    public void Canonical_query_is_sorted_and_rfc3986_encoded(string raw, string expected) =>
        Assert.Equal(expected, SigV4.CanonicalQuery(raw));

    [Fact]
    public void Canonical_headers_trim_and_collapse_whitespace()
    {
        var block = SigV4.CanonicalHeaders(new[] { "my-header", "x-multi" },
            n => n == "my-header" ? new[] { "  a   b  c " } : new[] { "1", "2" });
        Assert.Equal("my-header:a b c\nx-multi:1,2\n", block);
    }
}
