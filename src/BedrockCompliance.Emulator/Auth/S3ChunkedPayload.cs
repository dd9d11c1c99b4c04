using System.Text;

namespace BedrockCompliance.Emulator.Auth;

/// <summary>
/// S3's streaming uploads (<c>Content-Encoding: aws-chunked</c>), as the SDKs send them: each chunk is
/// <c>hex-size[;chunk-signature=sig]\r\n data \r\n</c>, the last one has size 0, then optional trailer lines
/// (<c>x-amz-checksum-crc32:…</c>) and, for the signed trailer form, <c>x-amz-trailer-signature:sig</c>.
/// Signed chunks chain from the seed signature of the Authorization header:
/// <c>AWS4-HMAC-SHA256-PAYLOAD \n date \n scope \n previous signature \n hash("") \n hash(chunk)</c>; the trailer
/// signs <c>AWS4-HMAC-SHA256-TRAILER \n date \n scope \n previous signature \n hash(trailer lines)</c>.
/// </summary>
public static class S3ChunkedPayload
{
    public const string SignedPayload = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";
    public const string SignedPayloadTrailer = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";
    public const string UnsignedPayloadTrailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

    public static bool IsStreaming(string? declared) =>
        declared is SignedPayload or SignedPayloadTrailer or UnsignedPayloadTrailer;

    /// <summary>The decoded bytes and trailers, or an error message (a malformed body or a wrong chunk signature).</summary>
    public static (byte[]? Payload, Dictionary<string, string> Trailers, string? Error) Decode(
        byte[] body, string declared, byte[] signingKey, string amzDate, string scope, string seedSignature)
    {
        bool signed = declared != UnsignedPayloadTrailer;
        bool trailer = declared != SignedPayload;
        var trailers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var output = new MemoryStream(body.Length);
        string previous = seedSignature;
        int p = 0;
        while (true)
        {
            int eol = IndexOfCrLf(body, p);
            if (eol < 0) return (null, trailers, "An aws-chunked chunk header is not terminated by CRLF.");
            string header = Encoding.ASCII.GetString(body, p, eol - p);
            p = eol + 2;
            string sizeText = header;
            string? chunkSignature = null;
            int semi = header.IndexOf(';');
            if (semi >= 0)
            {
                sizeText = header[..semi];
                const string sigPrefix = "chunk-signature=";
                var ext = header[(semi + 1)..];
                if (ext.StartsWith(sigPrefix, StringComparison.Ordinal)) chunkSignature = ext[sigPrefix.Length..];
            }
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out int size) || size < 0 || p + size > body.Length)
                return (null, trailers, $"The aws-chunked chunk size '{sizeText}' is not valid.");
            if (signed)
            {
                if (chunkSignature is null) return (null, trailers, "A chunk of a signed aws-chunked upload has no chunk-signature.");
                if (!Verifies(signingKey, chunkSignature, "AWS4-HMAC-SHA256-PAYLOAD", amzDate, scope, previous, SigV4.EmptyPayloadHash,
                        SigV4.HexSha256(body.AsSpan(p, size))))
                    return (null, trailers, "The chunk signature we calculated does not match the signature you provided.");
                previous = chunkSignature;
            }
            output.Write(body, p, size);
            p += size;
            if (size > 0)
            {
                if (p + 2 > body.Length || body[p] != '\r' || body[p + 1] != '\n') return (null, trailers, "An aws-chunked chunk is not followed by CRLF.");
                p += 2;
                continue;
            }
            break;
        }
        // After the final chunk: trailer lines (if any), then an empty line.
        var signedTrailer = new StringBuilder();
        string? trailerSignature = null;
        while (p < body.Length)
        {
            int eol = IndexOfCrLf(body, p);
            if (eol < 0) { eol = body.Length; }
            string line = Encoding.UTF8.GetString(body, p, eol - p);
            p = Math.Min(body.Length, eol + 2);
            if (line.Length == 0) break;
            int colon = line.IndexOf(':');
            if (colon <= 0) return (null, trailers, $"The aws-chunked trailer line '{line}' is not name:value.");
            string name = line[..colon].Trim(), value = line[(colon + 1)..].Trim();
            if (name.Equals("x-amz-trailer-signature", StringComparison.OrdinalIgnoreCase)) { trailerSignature = value; continue; }
            trailers[name] = value;
            signedTrailer.Append(name.ToLowerInvariant()).Append(':').Append(value).Append('\n');
        }
        if (signed && trailer && trailers.Count > 0)
        {
            if (trailerSignature is null) return (null, trailers, "The signed aws-chunked upload has no x-amz-trailer-signature.");
            if (!Verifies(signingKey, trailerSignature, "AWS4-HMAC-SHA256-TRAILER", amzDate, scope, previous,
                    SigV4.HexSha256(Encoding.UTF8.GetBytes(signedTrailer.ToString()))))
                return (null, trailers, "The trailer signature we calculated does not match the signature you provided.");
        }
        return (output.ToArray(), trailers, null);
    }

    /// <summary>Whether <paramref name="provided"/> signs the newline-joined <paramref name="stringToSign"/> lines.</summary>
    static bool Verifies(byte[] signingKey, string provided, params string[] stringToSign) =>
        SigV4.SignaturesEqual(SigV4.Sign(signingKey, string.Join("\n", stringToSign)), provided);

    static int IndexOfCrLf(byte[] b, int from)
    {
        for (int i = from; i + 1 < b.Length; i++)
            if (b[i] == '\r' && b[i + 1] == '\n') return i;
        return -1;
    }
}
