using BedrockCompliance.Emulator.Auth;

namespace BedrockCompliance.Emulator.Services;

/// <summary>
/// IAM Identity Center OIDC (service "SSO OIDC", REST-JSON, unsigned): CreateToken with the refresh_token grant, which
/// AWSSDK.Core uses to renew an expired access token from the ~/.aws/sso/cache entry of an sso_session profile.
/// </summary>
public sealed class SsoOidcService(SsoTokens tokens) : IServiceHandler
{
    static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public AwsResponse Handle(CallContext call) => call.Route.Operation switch
    {
        "CreateToken" => CreateToken(call),
        _ => throw AwsException.Of("UnknownOperationException", 404, "The requested operation is not recognized by the service."),
    };

    AwsResponse CreateToken(CallContext call)
    {
        var body = call.JsonBody();
        string? Text(string name) => body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrEmpty(Text("clientId")) || string.IsNullOrEmpty(Text("clientSecret")))
            throw AwsException.Of("InvalidClientException", 401, "Invalid client");
        if (Text("grantType") != "refresh_token")
            throw AwsException.Of("UnsupportedGrantTypeException", 400, $"Unsupported grant type: {Text("grantType")}");
        if (!tokens.IsValidRefreshToken(Text("refreshToken")))
            throw AwsException.Of("InvalidGrantException", 400, "Invalid refresh token provided");
        var (access, refresh) = tokens.Issue(call.Now, Lifetime);
        return AwsResponse.Json(200, new JsonObject
        {
            ["accessToken"] = access,
            ["tokenType"] = "Bearer",
            ["expiresIn"] = (int)Lifetime.TotalSeconds,
            ["refreshToken"] = refresh,
        });
    }
}
