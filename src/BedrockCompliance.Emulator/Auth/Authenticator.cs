using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using BedrockCompliance.Emulator.Routing;

namespace BedrockCompliance.Emulator.Auth;

/// <summary>Outcome of authentication: a principal and the signing region, or the error to return.</summary>
public readonly record struct AuthResult(Principal? Principal, string Region, AwsError? Error)
{
    public static AuthResult Fail(AwsError error) => new(null, "", error);
}

/// <summary>
/// Verifies SigV4 (header form) exactly as AWS does for non-S3 services, and Bedrock API keys
/// (<c>Authorization: Bearer</c>, on mantle also <c>x-api-key</c>) on the Bedrock services: the
/// emulator's fixed token, or a long-term key created through IAM CreateServiceSpecificCredential.
/// </summary>
public sealed partial class Authenticator(CredentialStore credentials, EmulatorOptions options, EmulatorState state, SsoTokens ssoTokens)
{
    static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(15);
    const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();

    public AuthResult Authenticate(AwsRequest request, AwsService service, DateTimeOffset now)
    {
        var protocol = service.Protocol();
        AuthResult Fail(CommonError e, string? message = null) => AuthResult.Fail(CommonErrors.For(protocol, e, message));

        // IAM Identity Center is not SigV4: the portal takes the sign-in's access token, OIDC CreateToken nothing.
        if (service is AwsService.Sso or AwsService.SsoOidc)
            return AuthenticateSso(request, service, now);

        var authorization = request.Header("Authorization");
        if (authorization is null && service == AwsService.BedrockMantle && request.Header("x-api-key") is { } apiKey)
            return AuthenticateBearer(apiKey.Trim(), service, protocol, now);
        if (authorization is null)
            return Fail(CommonError.MissingAuthentication);

        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateBearer(authorization[7..].Trim(), service, protocol, now);

        if (!authorization.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
            return Fail(CommonError.IncompleteSignature, "Unsupported Authorization Type");

        var parts = ParseAuthorization(authorization[(SigV4.Algorithm.Length + 1)..]);
        var missing = new[] { "Credential", "SignedHeaders", "Signature" }.Where(k => !parts.ContainsKey(k)).ToArray();
        if (missing.Length > 0)
            return Fail(CommonError.IncompleteSignature, string.Concat(missing.Select(m => $"Authorization header requires '{m}' parameter. "))
                + $"Authorization={SigV4.Algorithm} {Redact(authorization)}");

        var scope = parts["Credential"].Split('/');
        if (scope.Length != 5)
            return Fail(CommonError.IncompleteSignature, "Credential should be scoped to a valid region. ");
        var (accessKeyId, scopeDate, region, scopeService, terminator) = (scope[0], scope[1], scope[2], scope[3], scope[4]);

        var amzDate = request.Header("X-Amz-Date");
        if (amzDate is null || !DateTimeOffset.TryParseExact(amzDate, AmzDateFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
            return Fail(CommonError.IncompleteSignature,
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
                $"Authorization={SigV4.Algorithm} {Redact(authorization)}");

        var credential = credentials.Find(accessKeyId);
        if (credential is null)
            return Fail(CommonError.UnknownAccessKey);

        var token = request.Header("X-Amz-Security-Token");
        if (credential.SessionToken is null ? token is not null : !FixedEquals(credential.SessionToken, token))
            return Fail(CommonError.InvalidSessionToken);
        if (credential.Expiration is { } expiration && now >= expiration)
            return Fail(CommonError.ExpiredToken);

        if (terminator != "aws4_request")
            return Fail(CommonError.SignatureMismatch, $"Credential should be scoped with a valid terminator: 'aws4_request', not '{terminator}'. ");
        if (!RegionPattern().IsMatch(region))
            return Fail(CommonError.SignatureMismatch, "Credential should be scoped to a valid region. ");
        // IAM is global: its requests are signed for us-east-1 only.
        if (service is AwsService.Iam or AwsService.Organizations && region != "us-east-1")
            return Fail(CommonError.SignatureMismatch, $"Credential should be scoped to a valid region, not '{region}'. ");
        if (scopeService != service.SigningName())
            return Fail(CommonError.SignatureMismatch, $"Credential should be scoped to correct service: '{service.SigningName()}'. ");
        if (scopeDate != amzDate[..8])
            return Fail(CommonError.SignatureMismatch,
                $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeDate}' != '{amzDate[..8]}', from '{amzDate}'.");

        var signedHeaders = parts["SignedHeaders"].Split(';');
        if (!signedHeaders.Contains("host"))
            return Fail(CommonError.SignatureMismatch, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        if (!signedHeaders.Contains("x-amz-date"))
            return Fail(CommonError.SignatureMismatch, "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");

        if (now - signedAt > MaxSkew)
            return Fail(CommonError.RequestExpired, protocol == AwsProtocol.Ec2Query ? null :
                $"Signature expired: {amzDate} is now earlier than {(now - MaxSkew).ToString(AmzDateFormat, CultureInfo.InvariantCulture)} ({now.ToString(AmzDateFormat, CultureInfo.InvariantCulture)} - 15 min.)");
        if (signedAt - now > MaxSkew)
            return Fail(CommonError.RequestExpired, protocol == AwsProtocol.Ec2Query ? null :
                $"Signature not yet current: {amzDate} is still later than {(now + MaxSkew).ToString(AmzDateFormat, CultureInfo.InvariantCulture)} ({now.ToString(AmzDateFormat, CultureInfo.InvariantCulture)} + 15 min.)");

        // The canonical request always uses the hash of the body actually received. A declared
        // x-amz-content-sha256 (including UNSIGNED-PAYLOAD) must equal it: these services, unlike S3,
        // do not support unsigned payloads.
        var payloadHash = SigV4.HexSha256(request.Body);
        var declared = request.Header("X-Amz-Content-SHA256");
        // S3 alone allows an unsigned payload; the literal then takes the hash's place.
        if (service == AwsService.S3 && (declared == "UNSIGNED-PAYLOAD" || S3ChunkedPayload.IsStreaming(declared)))
            payloadHash = declared!;
        else if (declared is not null && !string.Equals(declared, payloadHash, StringComparison.OrdinalIgnoreCase))
            return Fail(CommonError.SignatureMismatch, "The provided 'x-amz-content-sha256' header does not match what was computed.");

        var canonical = SigV4.CanonicalRequest(request.Method, request.RawPath, request.RawQuery, signedHeaders,
            name => request.Headers.TryGetValue(name, out var v) ? v.Select(x => x ?? "").ToArray() : null, payloadHash);
        var expected = SigV4.Signature(credential.SecretAccessKey, scopeDate, region, scopeService,
            SigV4.StringToSign(amzDate, string.Join('/', scope[1..]), canonical));
        if (!SigV4.SignaturesEqual(expected, parts["Signature"]))
            return Fail(CommonError.SignatureMismatch);
        // S3 streaming uploads: each chunk (and the trailer) is signed in a chain from the seed signature above.
        if (service == AwsService.S3 && S3ChunkedPayload.IsStreaming(payloadHash))
        {
            var (payload, trailers, error) = S3ChunkedPayload.Decode(request.Body, payloadHash,
                SigV4.SigningKey(credential.SecretAccessKey, scopeDate, region, scopeService), amzDate, string.Join('/', scope[1..]), parts["Signature"]);
            if (error is not null) return Fail(CommonError.SignatureMismatch, error);
            request.DecodedPayload = payload;
            request.Trailers = trailers;
        }

        return new AuthResult(credential.Principal, region, null);
    }

    AuthResult AuthenticateBearer(string token, AwsService service, AwsProtocol protocol, DateTimeOffset now)
    {
        if (!service.AcceptsBearer())
            return AuthResult.Fail(CommonErrors.For(protocol, CommonError.IncompleteSignature, "Unsupported Authorization Type"));
        if (FixedEquals(options.BearerToken, token))
            return new AuthResult(Principal.ManagementUser, options.DefaultRegion, null);
        foreach (var account in state.Accounts)
        {
            lock (account.Gate)
            {
                var key = account.ServiceCredentials.FirstOrDefault(c => c.ServiceName == "bedrock.amazonaws.com" && FixedEquals(c.Secret, token));
                if (key is null) continue;
                if (key.StatusAt(now) != "Active")
                    return AuthResult.Fail(CommonErrors.For(protocol, key.StatusAt(now) == "Expired" ? CommonError.ExpiredToken : CommonError.UnknownAccessKey));
                var user = account.IamUsers.GetValueOrDefault(key.UserName);
                return new AuthResult(new Principal(account.AccountId, Arns.IamUser(account.AccountId, key.UserName),
                    user?.UserId ?? key.Id, null, IsAssumedRole: false), options.DefaultRegion, null);
            }
        }
        return AuthResult.Fail(CommonErrors.For(protocol, CommonError.UnknownAccessKey));
    }

    AuthResult AuthenticateSso(AwsRequest request, AwsService service, DateTimeOffset now)
    {
        var portalUser = new Principal(EmulatorOptions.ManagementAccountId, Arns.IamUser(EmulatorOptions.ManagementAccountId, SsoTokens.UserName),
            "AIDAEMULATORSSOUSER01", null, IsAssumedRole: false);
        if (service == AwsService.SsoOidc) return new AuthResult(portalUser, options.DefaultRegion, null);
        if (!ssoTokens.IsValidAccessToken(request.Header("x-amz-sso_bearer_token"), now))
            return AuthResult.Fail(new AwsError("UnauthorizedException", 401, "Session token not found or invalid"));
        return new AuthResult(portalUser, options.DefaultRegion, null);
    }

    static Dictionary<string, string> ParseAuthorization(string value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq > 0) result[part[..eq]] = part[(eq + 1)..];
        }
        return result;
    }

    /// <summary>Error texts echo the header like AWS does, minus the signature.</summary>
    static string Redact(string authorization) =>
        Regex.Replace(authorization[(SigV4.Algorithm.Length + 1)..], "Signature=[0-9a-fA-F]*", "Signature=");

    static bool FixedEquals(string expected, string? provided) =>
        provided is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(provided));
}
