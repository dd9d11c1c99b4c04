using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace BedrockCompliance.Emulator.Services;

/// <summary>
/// AWS Organizations (JSON 1.1, target prefix <c>AWSOrganizationsV20161128.</c>): DescribeOrganization, ListRoots,
/// ListAccounts, ListAccountsForParent, ListChildren, DescribeOrganizationalUnit, paginated with NextToken and
/// MaxResults (1-20). Only the management account may call it; errors in the JSON 1.1 shape (<c>__type</c>, message).
/// </summary>
public sealed partial class OrganizationsService(EmulatorState state) : IServiceHandler
{
    const int MaxPage = 20;

    [GeneratedRegex("^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$")]
    private static partial Regex ParentIdPattern();

    Organization? _organization;
    Organization Org => _organization ??= new Organization(state);

    public AwsResponse Handle(CallContext call)
    {
        if (call.Principal.AccountId != EmulatorOptions.ManagementAccountId)
            throw AwsException.Of("AccessDeniedException", 400, "You don't have permissions to access this resource.");
        var body = call.JsonBody();
        return call.Route.Operation switch
        {
            "DescribeOrganization" => Json(new JsonObject { ["Organization"] = OrganizationJson() }),
            "ListRoots" => Json(new JsonObject
            {
                ["Roots"] = new JsonArray(new JsonObject
                {
                    ["Id"] = Organization.RootId, ["Name"] = "Root",
                    ["Arn"] = Organization.Arn("root", Organization.RootId),
                }),
            }),
            "ListAccounts" => Page(body, "Accounts", Org.Accounts.Select(AccountJson).ToList()),
            "ListAccountsForParent" => Page(body, "Accounts", Org.Accounts.Where(a => a.ParentId == Parent(body)).Select(AccountJson).ToList()),
            "ListChildren" => ListChildren(body),
            "DescribeOrganizationalUnit" => DescribeOu(body),
            var other => throw AwsException.Of("UnknownOperationException", 400, $"Operation {other} is not supported."),
        };
    }

    AwsResponse ListChildren(JsonObject body)
    {
        var parent = Parent(body);
        var type = Text(body, "ChildType") ?? throw InvalidInput("INVALID_INPUT", "ChildType is required.");
        var children = type switch
        {
            "ACCOUNT" => Org.Accounts.Where(a => a.ParentId == parent).Select(a => a.Id),
            "ORGANIZATIONAL_UNIT" => Org.Units.Where(u => u.ParentId == parent).Select(u => u.Id),
            _ => throw InvalidInput("INVALID_ENUM", $"ChildType '{type}' is not ACCOUNT or ORGANIZATIONAL_UNIT."),
        };
        return Page(body, "Children", children.Select(id => (JsonNode)new JsonObject { ["Id"] = id, ["Type"] = type }).ToList());
    }

    AwsResponse DescribeOu(JsonObject body)
    {
        var id = Text(body, "OrganizationalUnitId") ?? throw InvalidInput("INVALID_INPUT", "OrganizationalUnitId is required.");
        var unit = Org.Units.FirstOrDefault(u => u.Id == id)
            ?? throw AwsException.Of("OrganizationalUnitNotFoundException", 400, "We can't find an organizational unit (OU) with the OrganizationalUnitId that you specified.");
        return Json(new JsonObject
        {
            ["OrganizationalUnit"] = new JsonObject
            {
                ["Id"] = unit.Id, ["Name"] = unit.Name,
                ["Arn"] = Organization.Arn("ou", unit.Id),
            },
        });
    }

    string Parent(JsonObject body)
    {
        var parent = Text(body, "ParentId") ?? throw InvalidInput("INVALID_INPUT", "ParentId is required.");
        if (!ParentIdPattern().IsMatch(parent))
            throw InvalidInput("INVALID_PATTERN", $"The parent ID '{parent}' is not a root ID (r-…) or OU ID (ou-…).");
        if (!Org.IsParent(parent))
            throw AwsException.Of("ParentNotFoundException", 400, "We can't find a root or OU with the ParentId that you specified.");
        return parent;
    }

    /// <summary>NextToken is the offset, opaque to clients; MaxResults 1-20 (ListAccounts' own limit), default 20.</summary>
    static AwsResponse Page(JsonObject body, string member, IReadOnlyList<JsonNode> items)
    {
        int size = MaxPage;
        if (body["MaxResults"] is JsonValue m)
        {
            if (!m.TryGetValue<int>(out size) || size < 1 || size > MaxPage)
                throw InvalidInput("INVALID_INPUT", $"MaxResults must be between 1 and {MaxPage}.");
        }
        int offset = 0;
        if (Text(body, "NextToken") is { } token)
        {
            try { offset = int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), NumberStyles.None, CultureInfo.InvariantCulture); }
            catch (FormatException) { throw InvalidInput("INVALID_PAGINATION_TOKEN", "The NextToken is not valid."); }
        }
        var page = new JsonArray(items.Skip(offset).Take(size).Select(i => i.DeepClone()).ToArray());
        var result = new JsonObject { [member] = page };
        if (offset + size < items.Count) result["NextToken"] = Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + size).ToString(CultureInfo.InvariantCulture)));
        return Json(result);
    }

    static JsonNode OrganizationJson() => new JsonObject
    {
        ["Id"] = Organization.Id,
        ["Arn"] = Organization.Arn("organization"),
        ["FeatureSet"] = "ALL",
        ["MasterAccountArn"] = Organization.Arn("account", EmulatorOptions.ManagementAccountId),
        ["MasterAccountId"] = EmulatorOptions.ManagementAccountId,
        ["MasterAccountEmail"] = Organization.ManagementEmail,
    };

    static JsonNode AccountJson(OrgAccount a) => new JsonObject
    {
        ["Id"] = a.Id,
        ["Arn"] = Organization.Arn("account", a.Id),
        ["Email"] = a.Email,
        ["Name"] = a.Name,
        ["Status"] = a.Status,
        ["State"] = a.Status,
        ["JoinedMethod"] = a.Id == EmulatorOptions.ManagementAccountId ? "CREATED" : "INVITED",
        // JSON 1.1 timestamps: epoch seconds.
        ["JoinedTimestamp"] = a.Joined.ToUnixTimeSeconds(),
    };

    static string? Text(JsonObject body, string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    static AwsException InvalidInput(string reason, string message) =>
        AwsException.Of("InvalidInputException", 400, $"{message} ({reason})");

    static AwsResponse Json(JsonObject body) => AwsResponse.Json(200, body, AwsResponse.Json11ContentType);
}
