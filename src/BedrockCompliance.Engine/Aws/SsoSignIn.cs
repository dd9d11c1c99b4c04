using System.Net.Http;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// IAM Identity Center (SSO) profiles, <c>sso_session</c> and legacy <c>sso_start_url</c> alike: AWSSDK.Core reads the
/// token <c>aws sso login</c> cached (~/.aws/sso/cache), refreshes it through SSO OIDC CreateToken where it can, and
/// trades it for role credentials (SSO GetRoleCredentials) with AWSSDK.SSO/SSOOIDC, which ship in the module's private
/// load context. Checked when the connection is made, so a missing or expired sign-in is one clear error
/// (SsoLoginRequired, naming the command to run) before any work, and no login flow is ever started from a cmdlet.
/// </summary>
internal static class SsoSignIn
{
    public static bool IsSsoProfile(CredentialProfileStoreChain store, string profileName) =>
        store.TryGetProfile(profileName, out var p) && (!string.IsNullOrEmpty(p.Options.SsoSession) || !string.IsNullOrEmpty(p.Options.SsoStartUrl));

    /// <summary>SSO credentials fetched now (then cached and refreshed by the SDK); anything else returned as it is.</summary>
    public static AWSCredentials Check(AWSCredentials credentials, string profileName)
    {
        if (credentials is not SSOAWSCredentials sso) return credentials;
        // Never a browser or device-code flow from a cmdlet: a sign-in is the user's own 'aws sso login'.
        if (sso.Options != null) sso.Options.SupportsGettingNewToken = false;
        try
        {
            sso.GetCredentials();
        }
        catch (Exception ex)
        {
            throw Classify(ex, sso, profileName);
        }
        return new SsoCredentials(sso, profileName);
    }

    /// <summary>
    /// The SDK's SSO credentials, renewed by the SDK as they expire; a renewal that needs a new sign-in (hours into a
    /// long run) fails as SsoLoginRequired for the account at hand instead of a raw SDK exception.
    /// </summary>
    internal sealed class SsoCredentials(SSOAWSCredentials inner, string profileName) : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials()
        {
            try { return inner.GetCredentials(); }
            catch (Exception ex) when (ex is not AwsConfigurationException) { throw Classify(ex, inner, profileName); }
        }

        public override async Task<ImmutableCredentials> GetCredentialsAsync()
        {
            try { return await inner.GetCredentialsAsync().ConfigureAwait(false); }
            catch (Exception ex) when (ex is not AwsConfigurationException) { throw Classify(ex, inner, profileName); }
        }
    }

    public static AwsConfigurationException LoginRequired(string profileName, Exception cause) =>
        new AwsConfigurationException("SsoLoginRequired",
            $"The IAM Identity Center (SSO) sign-in for profile '{profileName}' is missing or has expired ({Reason(cause)}). Sign in with: aws sso login --profile {profileName}", cause);

    static AwsConfigurationException Classify(Exception ex, SSOAWSCredentials sso, string profileName)
    {
        var service = Find<AmazonServiceException>(ex);
        if (service != null && service.ErrorCode == "ForbiddenException")
            return new AwsConfigurationException("SsoAccessDenied",
                $"Profile '{profileName}': IAM Identity Center does not let this sign-in use role '{sso.RoleName}' in account {sso.AccountId}: {service.Message}", ex);
        if (service != null && service.ErrorCode != "UnauthorizedException" && service.ErrorCode != "InvalidGrantException" && service.ErrorCode != "ExpiredTokenException")
            return new AwsConfigurationException("SsoCredentialsFailed",
                $"Profile '{profileName}': IAM Identity Center could not give credentials for role '{sso.RoleName}' in account {sso.AccountId}: {service.ErrorCode}: {service.Message}", ex);
        if (service == null && Find<HttpRequestException>(ex) is { } network)
            return new AwsConfigurationException("SsoCredentialsFailed",
                $"Profile '{profileName}': the IAM Identity Center portal could not be reached: {network.Message}", ex);
        return LoginRequired(profileName, ex);
    }

    static string Reason(Exception ex)
    {
        var service = Find<AmazonServiceException>(ex);
        string text = service != null ? $"{service.ErrorCode}: {service.Message}" : ex.Message;
        return text.TrimEnd('.', ' ');
    }

    static T? Find<T>(Exception ex) where T : Exception
    {
        for (Exception? e = ex; e != null; e = e.InnerException)
            if (e is T t) return t;
        return null;
    }
}
