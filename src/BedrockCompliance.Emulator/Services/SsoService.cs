using System.Text.RegularExpressions;
using BedrockCompliance.Emulator.Auth;

namespace BedrockCompliance.Emulator.Services;

/// <summary>
/// The IAM Identity Center portal (service "SSO", REST-JSON, no SigV4: the access token travels in
/// <c>x-amz-sso_bearer_token</c>, checked by the authenticator): GetRoleCredentials trades it for role credentials.
/// </summary>
public sealed partial class SsoService(EmulatorState state, CredentialStore credentials) : IServiceHandler
{
    [GeneratedRegex("^[\\w+=,.@-]{1,64}$")]
    private static partial Regex RoleName();

    public AwsResponse Handle(CallContext call) => call.Route.Operation switch
    {
        "GetRoleCredentials" => GetRoleCredentials(call),
        _ => throw AwsException.Of("UnknownOperationException", 404, "The requested operation is not recognized by the service."),
    };

    AwsResponse GetRoleCredentials(CallContext call)
    {
        var q = call.Request.Parameters;
        var roleName = q.GetValueOrDefault("role_name");
        var accountId = q.GetValueOrDefault("account_id");
        if (string.IsNullOrEmpty(roleName) || string.IsNullOrEmpty(accountId))
            throw AwsException.Of("InvalidRequestException", 400, "role_name and account_id are required.");
        if (!RoleName().IsMatch(roleName) || state.Find(accountId) is null)
            throw AwsException.Of("ForbiddenException", 403, "No access");

        var sessionArn = Arns.AssumedRole(accountId, $"AWSReservedSSO_{roleName}_0123456789abcdef", SsoTokens.UserName);
        var expiration = call.Now.AddHours(1);
        var issued = credentials.IssueSession(key => new Principal(accountId, sessionArn, $"AROAEMULATORSSO000001:{SsoTokens.UserName}", key, IsAssumedRole: true), expiration);
        return AwsResponse.Json(200, new JsonObject
        {
            ["roleCredentials"] = new JsonObject
            {
                ["accessKeyId"] = issued.AccessKeyId,
                ["secretAccessKey"] = issued.SecretAccessKey,
                ["sessionToken"] = issued.SessionToken,
                // Epoch milliseconds, as the portal sends it.
                ["expiration"] = expiration.ToUnixTimeMilliseconds(),
            },
        });
    }
}
