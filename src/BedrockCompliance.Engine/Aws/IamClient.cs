using System.Xml.Linq;

namespace BedrockCompliance.Engine.Aws;

/// <summary>IAM over the query protocol (global endpoint, signed for the partition's home region): the Bedrock API-key inventory.</summary>
internal sealed class IamClient(AwsHttpSender sender)
{
    public const string ApiVersion = "2010-05-08";
    /// <summary>The service name of a Bedrock API key (a service-specific credential), as IAM lists it and its condition key compares it.</summary>
    public const string BedrockServiceName = "bedrock.amazonaws.com";

    /// <summary>ListUsers, every page: the user names.</summary>
    public async Task<IReadOnlyList<string>> ListUserNamesAsync(CancellationToken ct)
    {
        var names = new List<string>();
        await PagesAsync("ListUsers", new Dictionary<string, string>(), "Users", (member, path, response) =>
            names.Add(QueryXml.Required(AwsService.Iam, "ListUsers", response, member, "UserName", path)), ct).ConfigureAwait(false);
        return names;
    }

    /// <summary>ListServiceSpecificCredentials for one user and service (every page).</summary>
    public async Task<IReadOnlyList<ServiceSpecificCredential>> ListServiceSpecificCredentialsAsync(string userName, string serviceName, CancellationToken ct)
    {
        const string op = "ListServiceSpecificCredentials";
        var list = new List<ServiceSpecificCredential>();
        await PagesAsync(op, new Dictionary<string, string> { ["UserName"] = userName, ["ServiceName"] = serviceName }, "ServiceSpecificCredentials", (m, p, r) =>
            list.Add(new ServiceSpecificCredential(QueryXml.Optional(m, "UserName") ?? userName,
                QueryXml.Required(AwsService.Iam, op, r, m, "ServiceSpecificCredentialId", p), QueryXml.Optional(m, "ServiceName") ?? serviceName,
                QueryXml.Required(AwsService.Iam, op, r, m, "Status", p), QueryXml.Timestamp(AwsService.Iam, op, r, m, "CreateDate", p),
                QueryXml.Timestamp(AwsService.Iam, op, r, m, "ExpirationDate", p))), ct).ConfigureAwait(false);
        // The filter is the service's; check again rather than trust it (Prowler filters client-side too).
        return list.Where(c => string.Equals(c.ServiceName, serviceName, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    Task PagesAsync(string op, Dictionary<string, string> parameters, string listName, Action<XElement, string, AwsResponse> read, CancellationToken ct) =>
        AwsPaging.FollowAsync(AwsService.Iam, op, "Marker", async marker =>
        {
            var form = new List<KeyValuePair<string, string>>(parameters);
            if (marker != null) form.Add(new KeyValuePair<string, string>("Marker", marker));
            var (root, response) = await QueryXml.CallAsync(sender, AwsService.Iam, op, ApiVersion, form, ct).ConfigureAwait(false);
            var result = QueryXml.Child(root, op + "Result")
                ?? throw new AwsResponseFormatException(AwsService.Iam.DisplayName, op, $"'{op}Result' is missing; it is required", response.RequestId);
            int i = 0;
            foreach (var member in (QueryXml.Child(result, listName)?.Elements() ?? Enumerable.Empty<XElement>()).Where(e => e.Name.LocalName == "member"))
                read(member, $"{listName}.member[{i++}].", response);
            if (QueryXml.Optional(result, "IsTruncated") != "true") return (null, response.RequestId);
            return (QueryXml.Optional(result, "Marker")
                ?? throw new AwsResponseFormatException(AwsService.Iam.DisplayName, op, "IsTruncated is true but Marker is missing", response.RequestId), response.RequestId);
        });
}
