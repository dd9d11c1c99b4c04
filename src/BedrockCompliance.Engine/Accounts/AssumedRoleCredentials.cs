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

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        GenerateNewCredentialsAsync().ConfigureAwait(false).GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var role = await _sts.AssumeRoleAsync(_context.RoleArn!, _context.SessionName, _context.ExternalId, _context.DurationSeconds, CancellationToken.None).ConfigureAwait(false);
        return new CredentialsRefreshState(new ImmutableCredentials(role.AccessKeyId, role.SecretAccessKey, role.SessionToken), role.Expiration);
    }
}
