using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace BedrockCompliance.Emulator.Auth;

/// <summary>
/// IAM Identity Center access and refresh tokens. The fixed pair is what a test writes into ~/.aws/sso/cache as if
/// <c>aws sso login</c> had run; CreateToken (refresh) issues new access tokens. Kept across <c>/_emulator/reset</c>.
/// </summary>
public sealed class SsoTokens
{
    public const string AccessToken = "emulator-sso-access-token";
    public const string RefreshToken = "emulator-sso-refresh-token";
    /// <summary>The portal user behind every token; its role sessions are named after it.</summary>
    public const string UserName = "sso-user";

    readonly ConcurrentDictionary<string, DateTimeOffset> _access = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, byte> _refresh = new(StringComparer.Ordinal) { [RefreshToken] = 0 };

    public bool IsValidAccessToken(string? token, DateTimeOffset now) =>
        token == AccessToken || (token != null && _access.TryGetValue(token, out var expires) && now < expires);

    public bool IsValidRefreshToken(string? token) => token != null && _refresh.ContainsKey(token);

    /// <summary>A new access token (and a rotated refresh token) valid for <paramref name="lifetime"/>.</summary>
    public (string Access, string Refresh) Issue(DateTimeOffset now, TimeSpan lifetime)
    {
        var access = "aoa" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var refresh = "aor" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _access[access] = now + lifetime;
        _refresh[refresh] = 0;
        return (access, refresh);
    }
}
