using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// Credentials in AWS Tools for PowerShell's order — literal keys, -Credential, -ProfileName, $StoredAWSCredentials,
/// then AWSSDK.Core's default chain (environment, AWS_PROFILE, default profile, container, instance) — each with
/// its provenance entry. Profiles (static keys, SSO, role_arn, credential_process) are AWSSDK.Core's.
/// </summary>
internal static class CredentialResolver
{
    public static AWSCredentials? Resolve(ConnectionRequest request, Func<string, string?> getEnv, CredentialProfileStoreChain store,
        string profileName, bool profileFound, bool bearerAvailable, List<ProvenanceEntry> provenance)
    {
        if (request.AccessKey != null || request.SecretKey != null || request.SessionToken != null)
        {
            if (string.IsNullOrWhiteSpace(request.AccessKey) || string.IsNullOrWhiteSpace(request.SecretKey))
                throw new AwsConfigurationException("InvalidCredentialParameters",
                    "-AccessKey and -SecretKey go together (with -SessionToken for temporary credentials); one of them is missing.");
            provenance.Add(new ProvenanceEntry(ProvenanceEntry.CredentialsPart, "the -AccessKey/-SecretKey parameters",
                $"access key {ConnectionResolver.MaskKeyId(request.AccessKey!.Trim())}{(request.SessionToken != null ? ", with session token" : "")}"));
            return string.IsNullOrWhiteSpace(request.SessionToken) ? new BasicAWSCredentials(request.AccessKey!.Trim(), request.SecretKey!.Trim())
                : new SessionAWSCredentials(request.AccessKey!.Trim(), request.SecretKey!.Trim(), request.SessionToken!.Trim());
        }
        if (request.Credential != null)
        {
            var given = ForeignCredentials.From(request.Credential)
                ?? throw new AwsConfigurationException("InvalidCredential",
                    $"-Credential got a {request.Credential.GetType().FullName}, which holds no AWS credentials. Expected an Amazon.Runtime.AWSCredentials object (e.g. from AWS Tools' Get-AWSCredential or New-AWSCredential).");
            provenance.Add(new ProvenanceEntry(ProvenanceEntry.CredentialsPart, "the -Credential parameter", Describe(given)));
            return given;
        }
        if (!string.IsNullOrWhiteSpace(request.ProfileName))
            return FromProfile(request.ProfileName!.Trim(), store, "", provenance);
        switch (request.StoredCredentials)
        {
            case string stored when !string.IsNullOrWhiteSpace(stored):
                return FromProfile(stored.Trim(), store, " (named by $StoredAWSCredentials)", provenance);
            case { } stored:
                var fromShell = ForeignCredentials.From(stored)
                    ?? throw new AwsConfigurationException("InvalidCredential",
                        $"$StoredAWSCredentials holds a {stored.GetType().FullName}, which holds no AWS credentials. Set it with AWS Tools' Set-AWSCredential or remove it (Remove-Variable StoredAWSCredentials).");
                provenance.Add(new ProvenanceEntry(ProvenanceEntry.CredentialsPart, "$StoredAWSCredentials (Set-AWSCredential)", Describe(fromShell)));
                return fromShell;
        }
        try
        {
            using var resolver = new DefaultAWSCredentialsIdentityResolver();
            var credentials = resolver.ResolveIdentity(null);
            bool fromEnvironment = credentials.GetType().Name.IndexOf("Environment", StringComparison.Ordinal) >= 0;
            provenance.Add(fromEnvironment && NonEmpty(getEnv("AWS_ACCESS_KEY_ID")) is { } keyId
                ? new ProvenanceEntry(ProvenanceEntry.CredentialsPart, "environment variables", $"AWS_ACCESS_KEY_ID {ConnectionResolver.MaskKeyId(keyId)}")
                : new ProvenanceEntry(ProvenanceEntry.CredentialsPart, profileFound ? $"profile '{profileName}'" : "the default credential chain", Describe(credentials)));
            return fromEnvironment || !profileFound ? credentials : SsoSignIn.Check(credentials, profileName);
        }
        catch (AmazonClientException ex)
        {
            if (bearerAvailable)
            {
                provenance.Add(new ProvenanceEntry(ProvenanceEntry.CredentialsPart, "none found (only the Bedrock bearer token is available; STS calls such as account lookup are skipped)", null));
                return null;
            }
            if (profileFound && SsoSignIn.IsSsoProfile(store, profileName)) throw SsoSignIn.LoginRequired(profileName, ex);
            // AWS_PROFILE or [default] exists but gives nothing: its own reason (a broken role_arn/source_profile chain …).
            if (profileFound) FromProfile(profileName, store, " (from AWS_PROFILE or the default profile)", new List<ProvenanceEntry>());
            throw new AwsConfigurationException("NoCredentials",
                "No AWS credentials found. Pass -Credential or -AccessKey/-SecretKey, set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass -ProfileName or set AWS_PROFILE to a profile in the shared config/credentials files, or run where container or instance credentials are available. " +
                (string.Equals(getEnv("AWS_EC2_METADATA_DISABLED"), "true", StringComparison.OrdinalIgnoreCase) ? "(Instance metadata lookup is disabled by AWS_EC2_METADATA_DISABLED.)" : ""), ex);
        }
    }

    /// <summary>A named profile's credentials; a broken one (role_arn/source_profile chain, SSO settings) fails with the SDK's own cause.</summary>
    static AWSCredentials FromProfile(string name, CredentialProfileStoreChain store, string how, List<ProvenanceEntry> provenance)
    {
        if (!store.TryGetProfile(name, out var profile))
            throw new AwsConfigurationException("ProfileNotFound",
                $"The AWS profile '{name}'{how} was not found in the shared config or credentials file. Expected a [profile {name}] section in the config file or [{name}] in the credentials file.");
        AWSCredentials credentials;
        try { credentials = AWSCredentialsFactory.GetAWSCredentials(profile, store); }
        catch (Exception ex) when (ex is InvalidDataException || ex is AmazonClientException || ex is ArgumentException || ex is InvalidOperationException)
        {
            throw new AwsConfigurationException("ProfileCredentialsInvalid",
                $"The AWS profile '{name}'{how} has no usable credentials: {ex.Message}", ex);
        }
        provenance.Add(new ProvenanceEntry(ProvenanceEntry.CredentialsPart, $"profile '{name}'{how} in the shared config/credentials files", Describe(credentials)));
        return SsoSignIn.Check(credentials, name);
    }

    static string Describe(AWSCredentials c) => c switch
    {
        ForeignCredentials f => f.Description,
        SsoSignIn.SsoCredentials or SSOAWSCredentials => "IAM Identity Center (SSO)",
        _ => c.GetType().Name.Replace("AWSCredentials", "").Replace("Credentials", "") switch
        {
            "" => "static keys",
            var k => k,
        },
    };

    static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s!.Trim();
}
