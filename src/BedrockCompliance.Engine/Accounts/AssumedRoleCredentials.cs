using Amazon.Runtime;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Accounts;

/// <summary>
/// Credentials of a role assumed through our STS client, refreshed by AWSSDK.Core's refreshing base class
/// five minutes before they expire, so a long rollout never signs with expired keys.
/// </summary>
internal sealed class AssumedRoleCredentials : RefreshingAWSCredentials
{
    readonly StsClient _sts;
    readonly BedrockAccountContext _context;

    public AssumedRoleCredentials(StsClient sts, BedrockAccountContext context)
    {
        _sts = sts;
        _context = context;
        PreemptExpiryTime = TimeSpan.FromMinutes(5);
    }

    /// <summary>STS on the source credentials (whose caller ARN is the principal behind the role, for evidence).</summary>
    public StsClient Source => _sts;

    /// <summary>The assumed session's sts:SourceIdentity, once assumed and where set.</summary>
    public string? SourceIdentity { get; private set; }

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().ConfigureAwait(false).GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var role = await _sts.AssumeRoleAsync(_context.RoleArn!, _context.SessionName, _context.ExternalId, _context.DurationSeconds, CancellationToken.None).ConfigureAwait(false);
        SourceIdentity = role.SourceIdentity;
        return new CredentialsRefreshState(new ImmutableCredentials(role.AccessKeyId, role.SecretAccessKey, role.SessionToken), role.Expiration);
    }
}
