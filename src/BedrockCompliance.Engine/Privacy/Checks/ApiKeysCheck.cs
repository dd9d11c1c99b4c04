using BedrockCompliance.Engine.Aws;
using static BedrockCompliance.Engine.Privacy.PrivacyText;

namespace BedrockCompliance.Engine.Privacy.Checks;

/// <summary>
/// Long-term Bedrock API keys (IAM service-specific credentials for bedrock.amazonaws.com) that are active and not
/// expired fail: they are bearer secrets that bypass SigV4. Listed per user (ListUsers, then per user), as Prowler does.
/// A key without an ExpirationDate is read as never expiring. IAM is global, so every region reports the same keys.
/// </summary>
internal sealed class ApiKeysCheck() : PrivacyCheckBase(PrivacyCheck.ApiKeys, ListPermissions)
{
    const string ListPermissions = "iam:ListUsers and iam:ListServiceSpecificCredentials";

    protected override async Task<BedrockPrivacyCheck> GatherAndJudgeAsync(PrivacyCheckContext context, CancellationToken ct)
    {
        var iam = context.Clients.Iam;
        var users = await iam.ListUserNamesAsync(ct).ConfigureAwait(false);
        var (perUser, unread) = await CheckFailures.ReadEachAsync(users, u => iam.ListServiceSpecificCredentialsAsync(u, IamClient.BedrockServiceName, ct), ct).ConfigureAwait(false);
        return Judge(context.Region, users.Count, perUser.SelectMany(c => c).ToList(), unread, context.UtcNow, Permissions);
    }

    public static bool IsLive(ServiceSpecificCredential c, DateTime now) =>
        string.Equals(c.Status, "Active", StringComparison.OrdinalIgnoreCase) && (c.ExpirationDate == null || c.ExpirationDate.Value.UtcDateTime > now);

    public static BedrockPrivacyCheck Judge(string region, int userCount, IReadOnlyList<ServiceSpecificCredential> keys,
        IReadOnlyList<(string User, Exception Error)> unread, DateTime now, string permissions = ListPermissions)
    {
        var result = new BedrockPrivacyCheck { Check = PrivacyCheck.ApiKeys, Requirement = "no active long-term Bedrock API key" };
        string Describe(ServiceSpecificCredential c) =>
            $"{c.UserName}: {c.Id} ({c.Status}" +
            (c.CreateDate is { } made ? $", {(int)(now - made.UtcDateTime).TotalDays} day(s) old" : "") +
            (c.ExpirationDate is { } exp ? (exp.UtcDateTime > now ? $", expires {exp.UtcDateTime:yyyy-MM-dd}" : $", expired {exp.UtcDateTime:yyyy-MM-dd}") : ", never expires") + ")";
        var live = keys.Where(k => IsLive(k, now)).ToList();
        var dormant = keys.Except(live).ToList();
        if (live.Count > 0)
        {
            result.Status = PrivacyCheckStatus.Fail;
            result.Resources = live.Select(k => $"{k.UserName}/{k.Id}").ToArray();
            result.Detail = Cap($"{live.Count} active long-term Bedrock API key(s): " + string.Join("; ", live.Select(Describe)) +
                ". Anyone holding one calls Bedrock (bedrock and bedrock-mantle) as that user until it expires." +
                (unread.Count > 0 ? $" {unread.Count} user(s) could not be read." : ""));
            result.Remediation = Cap($"Delete them: aws iam delete-service-specific-credential --user-name {live[0].UserName} --service-specific-credential-id {live[0].Id}" +
                (live.Count > 1 ? " (and likewise for the others)" : "") +
                "; use short-term keys or SigV4. Prevent new ones with an SCP denying iam:CreateServiceSpecificCredential where iam:ServiceSpecificCredentialServiceName = bedrock.amazonaws.com, " +
                "and deny bedrock:CallWithBearerToken and bedrock-mantle:CallWithBearerToken for bearerTokenType LONG_TERM.");
            return result;
        }
        result.Status = PrivacyCheckStatus.Pass;
        result.Resources = dormant.Select(k => $"{k.UserName}/{k.Id}").ToArray();
        // Counts only the users read, so a downgraded result does not claim the unread ones are clean.
        result.Detail = Cap($"No active long-term Bedrock API key among {userCount - unread.Count} IAM user(s)" +
            (dormant.Count > 0 ? "; inactive or expired: " + string.Join("; ", dormant.Select(Describe)) : "") + ".");
        return CheckFailures.UnlessUnread(result, $"the keys of {unread.Count} of {userCount} user(s)", unread, permissions, region);
    }
}
