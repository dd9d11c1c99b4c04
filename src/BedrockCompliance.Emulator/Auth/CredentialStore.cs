using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace BedrockCompliance.Emulator.Auth;

/// <summary>A secret known to the emulator: the management user's long-term key or an STS session.</summary>
public sealed record IssuedCredential(string AccessKeyId, string SecretAccessKey, string? SessionToken, DateTimeOffset? Expiration, Principal Principal);

/// <summary>Access keys the emulator accepts. Sessions issued by AssumeRole are kept across
/// <c>/_emulator/reset</c> so a client's cached credentials stay valid until they expire.</summary>
public sealed class CredentialStore
{
    const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    const string SecretChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    readonly ConcurrentDictionary<string, IssuedCredential> _byAccessKey = new(StringComparer.Ordinal);

    public CredentialStore()
    {
        Add(new IssuedCredential(EmulatorOptions.ManagementAccessKeyId, EmulatorOptions.ManagementSecretAccessKey, null, null,
            Principal.ManagementUser with { AccessKeyId = EmulatorOptions.ManagementAccessKeyId }));
    }

    public IssuedCredential? Find(string accessKeyId) => _byAccessKey.GetValueOrDefault(accessKeyId);

    public void Add(IssuedCredential credential) => _byAccessKey[credential.AccessKeyId] = credential;

    /// <summary>Issues temporary credentials for an assumed-role principal.</summary>
    public IssuedCredential IssueSession(Func<string, Principal> principalFor, DateTimeOffset expiration)
    {
        var accessKeyId = "ASIA" + RandomString(Upper, 16);
        var token = "IQoJb3JpZ2luX2VjE" + RandomString(SecretChars, 180);
        var credential = new IssuedCredential(accessKeyId, RandomString(SecretChars, 40), token, expiration, principalFor(accessKeyId));
        Add(credential);
        return credential;
    }

    static string RandomString(string alphabet, int length) => RandomNumberGenerator.GetString(alphabet, length);
}
