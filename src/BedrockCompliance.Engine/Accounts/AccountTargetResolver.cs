using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Accounts;

/// <summary>
/// Turns account contexts into connections: source credentials resolved once per profile, assumed-role
/// credentials cached per role and session for the life of the process, a rate limiter per account.
/// </summary>
internal sealed class AccountTargetResolver
{
    // ASCII classes only: .NET's \d and \w also match Arabic-Indic, full-width and other Unicode digits and letters,
    // which AWS rejects (and which would label evidence with an account ID that is no account ID).
    public static readonly Regex AccountIdPattern = new Regex("^[0-9]{12}$", RegexOptions.CultureInvariant);
    /// <summary>An IAM role name, optionally under a path ('team/Admin'): IAM's 1 to 64 characters from letters, digits and +=,.@_-.</summary>
    public static readonly Regex RoleNamePattern = new Regex("^(?:[A-Za-z0-9+=,.@_-]{1,64}/){0,8}[A-Za-z0-9+=,.@_-]{1,64}$", RegexOptions.CultureInvariant);
    public static readonly Regex RoleArnPattern = new Regex("^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-eusc):iam::([0-9]{12}):role/((?:[A-Za-z0-9+=,.@_-]{1,64}/){0,8}[A-Za-z0-9+=,.@_-]{1,64})$", RegexOptions.CultureInvariant);
    public static readonly Regex SessionNamePattern = new Regex("^[A-Za-z0-9+=,.@_-]{2,64}$", RegexOptions.CultureInvariant);

    /// <summary>Client-side cap on AssumeRole calls from one source credential.</summary>
    public const double StsCallsPerSecond = 100;

    static readonly ConcurrentDictionary<string, AssumedRoleCredentials> Roles = new ConcurrentDictionary<string, AssumedRoleCredentials>();
    readonly ConcurrentDictionary<string, AwsConnection> _sources = new ConcurrentDictionary<string, AwsConnection>();
    readonly ConnectionRequest _defaults;
    readonly double? _ratePerSecond;

    public AccountTargetResolver(ConnectionRequest defaults, double? ratePerSecond)
    {
        _defaults = defaults;
        _ratePerSecond = ratePerSecond;
    }

    /// <summary>Throws AwsConfigurationException or ArgumentException for a context that cannot be used.</summary>
    public AccountTarget Resolve(BedrockAccountContext context)
    {
        Validate(context);
        string? profile = context.ProfileName ?? _defaults.ProfileName;
        string? endpoint = context.EndpointUrl ?? _defaults.EndpointUrl;
        // Resolved once per source (environment and profile store read once); it carries no -ThrottleLimit gate,
        // because AssumeRole runs while a gated call signs its request and the gate is not re-entrant.
        var source = _sources.GetOrAdd($"{profile}|{endpoint}", _ =>
        {
            var resolved = ConnectionResolver.Resolve(_defaults.With(context.Region, profile, endpoint));
            // AssumeRole calls count against the source account's STS quota, which is far higher than Bedrock's
            // per-account API rates: a separate, generous cap keeps a 500-account run polite; throttling still retries.
            return resolved.Credentials == null ? resolved
                : resolved.WithRateLimiter(AccountRateLimiter.For("sts-source:" + resolved.Credentials.GetCredentials().AccessKey, StsCallsPerSecond));
        });
        // Same credentials and endpoint settings, this context's region; the account's own limiter, not the source's.
        var connection = ConnectionResolver.ForRegion(source, context.Region, "the account context").WithRateLimiter(null);
        AssumedRoleCredentials? role = null;
        if (context.RoleArn != null)
        {
            // Keyed by source key and the STS endpoint actually used: another endpoint issues other credentials.
            var immutableKey = source.Credentials?.GetCredentials().AccessKey + "|" + profile + "|" + source.EndpointFor(AwsService.Sts);
            string key = $"{immutableKey}|{context.RoleArn}|{context.ExternalId}|{context.SessionName}|{context.DurationSeconds}";
            role = Roles.GetOrAdd(key, _ => new AssumedRoleCredentials(new StsClient(source), context));
            connection = connection.WithCredentials(role, $"role {context.RoleArn} assumed as session '{context.SessionName}'");
        }
        if (_ratePerSecond is { } rate)
            connection = connection.WithRateLimiter(AccountRateLimiter.For(context.AccountId, rate));
        return new AccountTarget(connection, context, role);
    }

    public static void Validate(BedrockAccountContext context)
    {
        if (!AccountIdPattern.IsMatch(context.AccountId ?? ""))
            throw new ArgumentException($"'{context.AccountId}' is not an AWS account ID; expected 12 digits such as 123456789012.");
        ConnectionResolver.ValidateRegion(context.Region ?? "", "the context");
        if (context.RoleArn != null)
        {
            var m = RoleArnPattern.Match(context.RoleArn);
            if (!m.Success)
                throw new ArgumentException($"'{context.RoleArn}' is not an IAM role ARN; expected arn:aws:iam::<12-digit account>:role/<name>.");
            if (m.Groups[2].Value != context.AccountId)
                throw new ArgumentException($"The role '{context.RoleArn}' is in account {m.Groups[2].Value}, not in the context's account {context.AccountId}.");
        }
        if (!SessionNamePattern.IsMatch(context.SessionName ?? ""))
            throw new ArgumentException($"'{context.SessionName}' is not a valid role session name; expected 2 to 64 characters from letters, digits and +=,.@_-.");
        if (context.DurationSeconds < 900 || context.DurationSeconds > 43200)
            throw new ArgumentException($"DurationSeconds {context.DurationSeconds} is outside 900 to 43200.");
    }
}
