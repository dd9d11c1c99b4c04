using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using static BedrockCompliance.Emulator.Protocols.ErrorWriter;

namespace BedrockCompliance.Emulator.Services;

/// <summary>IAM (query protocol, XML in the 2010-05-08 namespace, global: signed for us-east-1): the users and
/// service-specific credentials that are long-term Bedrock API keys (bedrock-privacy-2026.md §4.3).</summary>
public sealed class IamService : IServiceHandler
{
    public const string BedrockServiceName = "bedrock.amazonaws.com";

    /// <summary>Services IAM issues service-specific credentials for.</summary>
    static readonly HashSet<string> Services = new(StringComparer.Ordinal)
    {
        BedrockServiceName, "codecommit.amazonaws.com", "cassandra.amazonaws.com",
    };

    public AwsResponse Handle(CallContext call) => call.Route.Operation switch
    {
        "ListUsers" => ListUsers(call),
        "CreateServiceSpecificCredential" => Create(call),
        "ListServiceSpecificCredentials" => List(call),
        _ => throw AwsException.Of("InvalidAction", 400, $"Could not find operation {call.Route.Operation} for version {Routing.Router.IamVersion}"),
    };

    AwsResponse ListUsers(CallContext call)
    {
        var sb = new StringBuilder("<Users>");
        lock (call.Account.Gate)
            foreach (var u in call.Account.IamUsers.Values)
                sb.Append("<member><Path>/</Path>")
                  .Append($"<UserName>{Esc(u.UserName)}</UserName><UserId>{Esc(u.UserId)}</UserId>")
                  .Append($"<Arn>{Esc(Arns.IamUser(call.Account.AccountId, u.UserName))}</Arn>")
                  .Append($"<CreateDate>{Time(u.CreateDate)}</CreateDate></member>");
        sb.Append("</Users><IsTruncated>false</IsTruncated>");
        return Envelope(call, "ListUsers", sb.ToString());
    }

    AwsResponse Create(CallContext call)
    {
        var p = call.Request.Parameters;
        var userName = Required(p, "UserName");
        var serviceName = Required(p, "ServiceName");
        int? ageDays = null;
        if (p.TryGetValue("CredentialAgeDays", out var ageText))
        {
            if (!int.TryParse(ageText, NumberStyles.None, CultureInfo.InvariantCulture, out var age) || age is < 1 or > 36600)
                throw AwsException.Of("ValidationError", 400, $"1 validation error detected: Value '{ageText}' at 'credentialAgeDays' failed to satisfy constraint: Member must have value between 1 and 36600");
            ageDays = age;
        }
        if (!Services.Contains(serviceName))
            throw AwsException.Of("NotSupportedService", 404, $"The specified service {serviceName} is not supported for service-specific credentials.");
        ServiceCredentialRecord record;
        lock (call.Account.Gate)
        {
            if (!call.Account.IamUsers.ContainsKey(userName))
                throw AwsException.Of("NoSuchEntity", 404, $"The user with name {userName} cannot be found.");
            if (call.Account.ServiceCredentials.Count(c => c.UserName == userName && c.ServiceName == serviceName) >= 2)
                throw AwsException.Of("LimitExceeded", 409, "Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: 2");
            record = NewCredential(call.Account, userName, serviceName, call.Now, ageDays is { } d ? call.Now.AddDays(d) : null);
            call.Account.ServiceCredentials.Add(record);
        }
        return Envelope(call, "CreateServiceSpecificCredential", "<ServiceSpecificCredential>" + Fields(record, call.Now, withSecret: true) + "</ServiceSpecificCredential>");
    }

    /// <summary>A new credential. Bedrock keys carry an alias and a secret (the bearer token); other services a user name and password.</summary>
    public static ServiceCredentialRecord NewCredential(AccountState account, string userName, string serviceName, DateTimeOffset now,
        DateTimeOffset? expiration, string? secret = null)
    {
        var id = "ACCA" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 17);
        var alias = $"{userName}-at-{account.AccountId}";
        secret ??= "ABSK" + Convert.ToBase64String(Encoding.UTF8.GetBytes($"BedrockAPIKey-{id}:{RandomNumberGenerator.GetHexString(40, lowercase: true)}"));
        return new ServiceCredentialRecord(id, userName, serviceName, "Active", now, expiration, alias, secret);
    }

    AwsResponse List(CallContext call)
    {
        var p = call.Request.Parameters;
        var userName = p.GetValueOrDefault("UserName");
        var serviceName = p.GetValueOrDefault("ServiceName");
        var allUsers = p.GetValueOrDefault("AllUsers") == "true";
        if (allUsers && userName is not null)
            throw AwsException.Of("ValidationError", 400, "AllUsers cannot be specified together with UserName.");
        // Without either, IAM lists the calling user's credentials.
        if (!allUsers && userName is null)
        {
            if (call.Principal.IsAssumedRole)
                throw AwsException.Of("ValidationError", 400, "Must specify userName when calling with non-User credentials");
            userName = call.Principal.Arn[(call.Principal.Arn.LastIndexOf('/') + 1)..];
        }
        var sb = new StringBuilder("<ServiceSpecificCredentials>");
        lock (call.Account.Gate)
        {
            if (userName is not null && !call.Account.IamUsers.ContainsKey(userName))
                throw AwsException.Of("NoSuchEntity", 404, $"The user with name {userName} cannot be found.");
            foreach (var c in call.Account.ServiceCredentials.OrderBy(c => c.UserName, StringComparer.Ordinal).ThenBy(c => c.CreateDate))
            {
                if (userName is not null && c.UserName != userName) continue;
                if (serviceName is not null && c.ServiceName != serviceName) continue;
                sb.Append("<member>").Append(Fields(c, call.Now, withSecret: false)).Append("</member>");
            }
        }
        sb.Append("</ServiceSpecificCredentials><IsTruncated>false</IsTruncated>");
        return Envelope(call, "ListServiceSpecificCredentials", sb.ToString());
    }

    static string Fields(ServiceCredentialRecord c, DateTimeOffset now, bool withSecret)
    {
        var sb = new StringBuilder();
        sb.Append($"<UserName>{Esc(c.UserName)}</UserName><Status>{c.StatusAt(now)}</Status>")
          .Append($"<CreateDate>{Time(c.CreateDate)}</CreateDate>");
        if (c.ExpirationDate is { } e) sb.Append($"<ExpirationDate>{Time(e)}</ExpirationDate>");
        sb.Append($"<ServiceSpecificCredentialId>{c.Id}</ServiceSpecificCredentialId><ServiceName>{Esc(c.ServiceName)}</ServiceName>");
        if (c.ServiceName == BedrockServiceName)
        {
            sb.Append($"<ServiceCredentialAlias>{Esc(c.Alias)}</ServiceCredentialAlias>");
            if (withSecret) sb.Append($"<ServiceCredentialSecret>{Esc(c.Secret)}</ServiceCredentialSecret>");
        }
        else
        {
            sb.Append($"<ServiceUserName>{Esc(c.Alias)}</ServiceUserName>");
            if (withSecret) sb.Append($"<ServicePassword>{Esc(c.Secret)}</ServicePassword>");
        }
        return sb.ToString();
    }

    static string Required(IReadOnlyDictionary<string, string> p, string name) =>
        p.TryGetValue(name, out var v) && v.Length > 0 ? v
            : throw AwsException.Of("ValidationError", 400, $"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must not be null");

    static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    static AwsResponse Envelope(CallContext call, string action, string result) =>
        AwsResponse.QueryXml(IamNamespace, action, result, call.RequestId);
}
