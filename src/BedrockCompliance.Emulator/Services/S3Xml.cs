using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using BedrockCompliance.Emulator.Auth;

namespace BedrockCompliance.Emulator.Services;

/// <summary>S3's REST-XML shapes, errors and header formats (S3 API reference).</summary>
internal static class S3Xml
{
    public const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    public static string Esc(string s) => ErrorWriter.Esc(s);

    public static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Http(DateTimeOffset t) => t.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    public static string ETag(byte[] body) => "\"" + Convert.ToHexStringLower(MD5.HashData(body)) + "\"";

    /// <summary>encoding-type=url: keys as S3 encodes them (RFC 3986, '/' kept).</summary>
    public static string Key(string key, bool urlEncoded) => Esc(urlEncoded ? SigV4.UriEncode(key, keepSlash: true) : key);

    public static AwsResponse Ok(string xml, Dictionary<string, string>? headers = null) =>
        new(200, "application/xml", Encoding.UTF8.GetBytes(AwsResponse.XmlDeclaration + xml)) { Headers = headers };

    public static AwsResponse Empty(int status, Dictionary<string, string>? headers = null) =>
        new(status, "application/xml", Array.Empty<byte>()) { Headers = headers };

    public static AwsException Error(string code, int status, string message, string? bucket = null) =>
        new(new AwsError(code, status, message, Resource: bucket));

    public static AwsException NoSuchBucket(string bucket) => Error("NoSuchBucket", 404, "The specified bucket does not exist", bucket);
    public static AwsException NoSuchKey(string bucket) => Error("NoSuchKey", 404, "The specified key does not exist.", bucket);
    public static AwsException NoSuchVersion(string bucket) => Error("NoSuchVersion", 404, "The specified version does not exist.", bucket);
    public static AwsException Locked() => Error("AccessDenied", 403, "Access Denied because object protected by object lock.");
    public static AwsException InvalidArgument(string message) => Error("InvalidArgument", 400, message);
    public static AwsException InvalidRequestChecksum(string algorithm) =>
        Error("BadDigest", 400, $"The {algorithm} you specified did not match the calculated checksum.");
    public static AwsException MalformedXml() =>
        Error("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema");

    public static XElement ParseBody(byte[] body)
    {
        try { return XDocument.Parse(Encoding.UTF8.GetString(body)).Root ?? throw MalformedXml(); }
        catch (System.Xml.XmlException) { throw MalformedXml(); }
    }

    public static string? Child(XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name)?.Value;

    public static XElement? Element(XElement e, string name) => e.Elements().FirstOrDefault(c => c.Name.LocalName == name);

    /// <summary>An ISO-8601 date as S3 accepts it in headers and XML.</summary>
    public static bool TryDate(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    /// <summary>CRC-32 (IEEE), for x-amz-checksum-crc32.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
        }
        return ~crc;
    }
}
