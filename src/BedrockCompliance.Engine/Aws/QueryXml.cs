using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace BedrockCompliance.Engine.Aws;

/// <summary>Reading XML answers (IAM query, S3 REST-XML) without DTDs, by local name, with member paths in errors.</summary>
internal static class QueryXml
{
    public static XElement Load(AwsService service, string op, AwsResponse response, string rootName)
    {
        XDocument doc;
        try
        {
            if (response.Body.Length == 0) throw new XmlException("the body is empty");
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
            using var reader = XmlReader.Create(new MemoryStream(response.Body), settings);
            doc = XDocument.Load(reader);
        }
        catch (XmlException ex)
        {
            throw new AwsResponseFormatException(service.DisplayName, op, $"the body is not well-formed XML ({ex.Message})", response.RequestId, ex);
        }
        var root = doc.Root!;
        if (root.Name.LocalName != rootName)
            throw new AwsResponseFormatException(service.DisplayName, op, $"the root element is <{root.Name.LocalName}>; expected <{rootName}>", response.RequestId);
        return root;
    }

    public static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    public static string? Optional(XElement parent, string name)
    {
        var e = Child(parent, name);
        return e == null || e.Value.Length == 0 ? null : e.Value;
    }

    public static string Required(AwsService service, string op, AwsResponse response, XElement parent, string name, string path) =>
        Optional(parent, name) ?? throw new AwsResponseFormatException(service.DisplayName, op, $"'{path}{name}' is missing; it is required", response.RequestId);

    public static DateTimeOffset? Timestamp(AwsService service, string op, AwsResponse response, XElement parent, string name, string path)
    {
        string? s = Optional(parent, name);
        if (s == null) return null;
        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            throw new AwsResponseFormatException(service.DisplayName, op, $"'{path}{name}' is '{s}'; expected an ISO-8601 timestamp", response.RequestId);
        return t;
    }
}
