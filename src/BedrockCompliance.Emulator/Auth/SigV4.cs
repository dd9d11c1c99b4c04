using System.Security.Cryptography;
using System.Text;

namespace BedrockCompliance.Emulator.Auth;

/// <summary>
/// AWS Signature Version 4, computed the way AWS does for every service except S3. Written
/// independently of AWSSDK so the SDK's signer can serve as the peer in tests.
/// </summary>
public static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Canonical URI: the path exactly as it arrived on the wire, percent-encoded once more.
    /// <c>/a%3A0</c> becomes <c>/a%253A0</c>. This double encoding is the rule for all services but S3.</summary>
    public static string CanonicalUri(string rawPath)
    {
        if (string.IsNullOrEmpty(rawPath)) return "/";
        return UriEncode(rawPath, keepSlash: true);
    }

    /// <summary>Canonical query string: parameters decoded, re-encoded with RFC 3986 rules, sorted by
    /// name and then value (ordinal). A parameter without '=' gets an empty value.</summary>
    public static string CanonicalQuery(string rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery)) return "";
        var pairs = new List<(string Key, string Value)>();
        foreach (var part in rawQuery.Split('&'))
        {
            if (part.Length == 0) continue;
            var eq = part.IndexOf('=');
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            pairs.Add((UriEncode(PercentDecode(key), false), UriEncode(PercentDecode(value), false)));
        }
        pairs.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.Key, b.Key);
            return c != 0 ? c : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join("&", pairs.Select(p => p.Key + "=" + p.Value));
    }

    /// <summary>Canonical header block: lower-case name, value trimmed with inner whitespace runs
    /// collapsed, several values joined by commas, one line each, in SignedHeaders order.</summary>
    public static string CanonicalHeaders(IReadOnlyList<string> signedHeaders, Func<string, IReadOnlyList<string>?> headerValues)
    {
        var sb = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var values = headerValues(name) ?? Array.Empty<string>();
            sb.Append(name).Append(':');
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(CollapseWhitespace(values[i]));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static string CanonicalRequest(string method, string rawPath, string rawQuery,
        IReadOnlyList<string> signedHeaders, Func<string, IReadOnlyList<string>?> headerValues, string payloadHash) =>
        string.Join("\n",
            method.ToUpperInvariant(),
            CanonicalUri(rawPath),
            CanonicalQuery(rawQuery),
            CanonicalHeaders(signedHeaders, headerValues),
            string.Join(";", signedHeaders),
            payloadHash);

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        string.Join("\n", Algorithm, amzDate, scope, HexSha256(Encoding.UTF8.GetBytes(canonicalRequest)));

    public static byte[] SigningKey(string secretKey, string date, string region, string service)
    {
        var k = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        k = Hmac(k, region);
        k = Hmac(k, service);
        return Hmac(k, "aws4_request");
    }

    public static string Signature(string secretKey, string date, string region, string service, string stringToSign) =>
        Sign(SigningKey(secretKey, date, region, service), stringToSign);

    /// <summary>The hex signature of <paramref name="stringToSign"/> under a derived signing key.</summary>
    public static string Sign(byte[] signingKey, string stringToSign) => Convert.ToHexStringLower(Hmac(signingKey, stringToSign));

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    /// <summary>Constant-time comparison of two hex signatures.</summary>
    public static bool SignaturesEqual(string expected, string provided) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(provided));

    static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    /// <summary>RFC 3986 encoding over UTF-8 bytes: unreserved characters stay, everything else
    /// becomes %XX (upper-case hex).</summary>
    public static string UriEncode(string value, bool keepSlash)
    {
        var sb = new StringBuilder(value.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~'
                || (keepSlash && c == '/'))
                sb.Append(c);
            else
                sb.Append('%').Append(((int)b).ToString("X2"));
        }
        return sb.ToString();
    }

    /// <summary>Percent-decoding that leaves '+' alone: SigV4 treats '+' in a query literally.</summary>
    public static string PercentDecode(string value) =>
        value.Contains('%') ? Uri.UnescapeDataString(value) : value;

    static string CollapseWhitespace(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal) && !trimmed.Contains('\t')) return trimmed;
        var sb = new StringBuilder(trimmed.Length);
        var lastWasSpace = false;
        foreach (var c in trimmed)
        {
            var isSpace = c is ' ' or '\t';
            if (isSpace && lastWasSpace) continue;
            sb.Append(isSpace ? ' ' : c);
            lastWasSpace = isSpace;
        }
        return sb.ToString();
    }
}
