using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BedrockCompliance.Emulator.Auth;
using static BedrockCompliance.Emulator.Protocols.ErrorWriter;

namespace BedrockCompliance.Emulator.Services;

/// <summary>STS (query protocol, XML): GetCallerIdentity and AssumeRole into member accounts.</summary>
public sealed partial class StsService(EmulatorState state, CredentialStore credentials) : IServiceHandler
{
    [GeneratedRegex("^arn:aws:iam::([0-9]{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]{1,64})$")]
    private static partial Regex RoleArn();

    [GeneratedRegex("^[\\w+=,.@-]{2,64}$")]
    private static partial Regex SessionName();

    public AwsResponse Handle(CallContext call) => call.Route.Operation switch
    {
        "GetCallerIdentity" => GetCallerIdentity(call),
        "AssumeRole" => AssumeRole(call),
        "" => throw AwsException.Of("MissingAction", 400, "Missing Action"),
        var other => throw AwsException.Of("InvalidAction", 400,
            $"Could not find operation {other} for version {call.Request.Parameters.GetValueOrDefault("Version") ?? "NO_VERSION_SPECIFIED"}"),
    };

    AwsResponse GetCallerIdentity(CallContext call) => Xml(call, "GetCallerIdentity",
        $"<Arn>{Esc(call.Principal.Arn)}</Arn><UserId>{Esc(call.Principal.UserId)}</UserId><Account>{call.Principal.AccountId}</Account>");

    AwsResponse AssumeRole(CallContext call)
    {
        var p = call.Request.Parameters;
        var roleArn = p.GetValueOrDefault("RoleArn");
        var sessionName = p.GetValueOrDefault("RoleSessionName");
        if (roleArn is null)
            throw ValidationError(Validation.Constraint(null, "roleArn", "Member must not be null"));
        if (sessionName is null)
            throw ValidationError(Validation.Constraint(null, "roleSessionName", "Member must not be null"));
        if (!SessionName().IsMatch(sessionName))
            throw ValidationError(Validation.Constraint(sessionName, "roleSessionName",
                "Member must satisfy regular expression pattern: [\\w+=,.@-]*"));
        var duration = 3600;
        if (p.TryGetValue("DurationSeconds", out var ds))
        {
            if (!int.TryParse(ds, NumberStyles.None, CultureInfo.InvariantCulture, out duration))
                throw AwsException.Of("MalformedInput", 400, $"Invalid value for DurationSeconds: {ds}");
            if (duration < 900)
                throw ValidationError(Validation.Constraint(ds, "durationSeconds", "Member must have value greater than or equal to 900"));
            if (duration > 43200)
                throw ValidationError(Validation.Constraint(ds, "durationSeconds", "Member must have value less than or equal to 43200"));
        }
        var match = RoleArn().Match(roleArn);
        if (roleArn.Length < 20 || !match.Success)
            throw ValidationError($"{roleArn} is invalid");

        var accountId = match.Groups[1].Value;
        var roleName = match.Groups[2].Value;
        var target = state.Find(accountId);
        // Only the management user is trusted by the member roles; role chaining is not modelled.
        var allowed = call.Principal.IsManagementUser
            && target is { IsManagement: false, Assumable: true }
            && roleName == EmulatorOptions.MemberRoleName
            && (target.RequiredExternalId is null || target.RequiredExternalId == p.GetValueOrDefault("ExternalId"));
        if (!allowed)
            throw AwsException.Of("AccessDenied", 403,
                $"User: {call.Principal.Arn} is not authorized to perform: sts:AssumeRole on resource: {roleArn}");

        var roleId = "AROA" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(roleArn)))[..17];
        var assumedArn = Arns.AssumedRole(accountId, roleName, sessionName);
        var expiration = call.Now.AddSeconds(duration);
        var issued = credentials.IssueSession(
            key => new Principal(accountId, assumedArn, $"{roleId}:{sessionName}", key, IsAssumedRole: true), expiration);

        return Xml(call, "AssumeRole",
            $"<AssumedRoleUser><Arn>{Esc(assumedArn)}</Arn><AssumedRoleId>{roleId}:{Esc(sessionName)}</AssumedRoleId></AssumedRoleUser>" +
            $"<Credentials><AccessKeyId>{issued.AccessKeyId}</AccessKeyId><SecretAccessKey>{Esc(issued.SecretAccessKey)}</SecretAccessKey>" +
            $"<SessionToken>{Esc(issued.SessionToken!)}</SessionToken>" +
            $"<Expiration>{expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</Expiration></Credentials>");
    }

    static AwsException ValidationError(string message) => AwsException.Of("ValidationError", 400, message);

    static AwsResponse Xml(CallContext call, string operation, string result) =>
        AwsResponse.QueryXml(StsNamespace, operation, result, call.RequestId);
}
