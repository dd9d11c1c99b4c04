using Amazon.Runtime;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Accounts;

/// <summary>One account and region a cmdlet works in, with its ready connection.</summary>
internal sealed class AccountTarget(AwsConnection connection, BedrockAccountContext? context, AssumedRoleCredentials? role)
{
    public AwsConnection Connection { get; } = connection;
    /// <summary>Null for the caller's own connection (no -Context).</summary>
    public BedrockAccountContext? Context { get; } = context;
    public AssumedRoleCredentials? Role { get; } = role;

    /// <summary>'account/region' for error targets and progress.</summary>
    public string Label => Context != null ? Context.ToString() : Connection.Region;

    /// <summary>
    /// The caller identity (account and principal ARN), or null with bearer-only authentication. Cached per credential.
    /// Throws AccountMismatch when the credentials belong to another account than the context names.
    /// </summary>
    public async Task<CallerIdentity?> GetIdentityAsync(CancellationToken ct)
    {
        if (Connection.Credentials == null) return null;
        var identity = await new StsClient(Connection).GetCallerIdentityAsync(ct).ConfigureAwait(false);
        CheckAccount(identity);
        return identity;
    }

    /// <summary>
    /// Assumes the role now (cached and refreshed afterwards) and proves the context's account with GetCallerIdentity,
    /// so an unassumable account, or credentials of another account, fail before any work in that context.
    /// </summary>
    public async Task EnsureCredentialsAsync(CancellationToken ct)
    {
        if (Role != null) await Role.GetCredentialsAsync().WaitAsync(ct).ConfigureAwait(false);
        if (Context != null) await GetIdentityAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Nothing is checked in, or labelled with, an account the credentials do not belong to.</summary>
    void CheckAccount(CallerIdentity identity)
    {
        if (Context == null || string.Equals(identity.Account, Context.AccountId, StringComparison.Ordinal)) return;
        throw new ComplianceException(AccountMismatchErrorId, ComplianceErrorKind.InvalidOperation,
            $"The context names account {Context.AccountId}, but its credentials belong to account {identity.Account} ({identity.Arn}); " +
            $"nothing was checked in {Context.AccountId}. Use credentials of {Context.AccountId} with -UseCallerCredentials, or a role in it (-RoleName/-RoleArn).");
    }

    public const string AccountMismatchErrorId = "AccountMismatch";

    /// <summary>A copy whose AWS calls share the command's -ThrottleLimit gate.</summary>
    public AccountTarget WithConcurrencyGate(SemaphoreSlim? gate) => new AccountTarget(Connection.WithConcurrencyGate(gate), Context, Role);
}
