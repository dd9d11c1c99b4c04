namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// What the caller asked for; everything not given comes from the environment and the AWS config files.
/// Credentials are taken in AWS Tools for PowerShell's order: literal keys, <see cref="Credential"/>,
/// <see cref="ProfileName"/>, <see cref="StoredCredentials"/>, then the SDK's default chain.
/// </summary>
internal sealed class ConnectionRequest
{
    public string? Region { get; set; }
    public string? ProfileName { get; set; }
    public string? EndpointUrl { get; set; }
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    public string? SessionToken { get; set; }
    /// <summary>An AWSCredentials object of any AWSSDK.Core (AWS Tools loads its own): read by duck typing, see <see cref="ForeignCredentials"/>.</summary>
    public object? Credential { get; set; }
    /// <summary>$StoredAWSCredentials as Set-AWSCredential left it: a profile name, credentials, or AWS Tools' wrapper holding them.</summary>
    public object? StoredCredentials { get; set; }
    /// <summary>$StoredAWSRegion (Set-DefaultAWSRegion): after <see cref="Region"/>, before the environment.</summary>
    public string? StoredRegion { get; set; }

    /// <summary>A copy with another region, profile and endpoint (an account context's), the credential inputs kept.</summary>
    public ConnectionRequest With(string? region, string? profileName, string? endpointUrl) => new ConnectionRequest
    {
        Region = region,
        ProfileName = profileName,
        EndpointUrl = endpointUrl,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        SessionToken = SessionToken,
        Credential = Credential,
        StoredCredentials = StoredCredentials,
        StoredRegion = StoredRegion,
    };
}
