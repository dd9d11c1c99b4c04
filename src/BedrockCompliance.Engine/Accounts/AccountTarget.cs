using Amazon.Runtime;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Accounts;

/// <summary>One account and region a cmdlet works in, with its ready connection.</summary>
internal sealed class AccountTarget
{
    public AccountTarget(AwsConnection connection, BedrockAccountContext? context, AssumedRoleCredentials? role)
    {
        Connection = connection;
        Context = context;
        Role = role;
    }

    public AwsConnection Connection { get; }
    /// <summary>Null for the caller's own connection (no -Context).</summary>
    public BedrockAccountContext? Context { get; }
    public AssumedRoleCredentials? Role { get; }

    /// <summary>'account/region' for error targets and progress.</summary>
    public string Label => Context != null ? Context.ToString() : Connection.Region;

    /// <summary>The caller identity (account and principal ARN), or null with bearer-only authentication. Cached per credential.</summary>
    public async Task<CallerIdentity?> GetIdentityAsync(CancellationToken ct) =>
        Connection.Credentials == null ? null : await new StsClient(Connection).GetCallerIdentityAsync(ct).ConfigureAwait(false);

    /// <summary>Assumes the role now (cached and refreshed afterwards) so an unassumable account fails before any work.</summary>
    public async Task EnsureCredentialsAsync(CancellationToken ct)
    {
        if (Role == null) return;
        await Role.GetCredentialsAsync().WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A copy whose AWS calls share the command's -ThrottleLimit gate.</summary>
    public AccountTarget WithConcurrencyGate(SemaphoreSlim? gate) => new AccountTarget(Connection.WithConcurrencyGate(gate), Context, Role);
}
