using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Privacy;

/// <summary>
/// Runs the selected privacy checks for one account and region, concurrently (the sender's gate bounds the calls).
/// Each yields exactly one result; a check whose calls fail (permission denied, an error, a malformed answer) is
/// Unknown with the reason — never a pass.
/// </summary>
internal sealed class PrivacyChecker
{
    /// <summary>Every check in the engine, one per <see cref="PrivacyCheck"/> value, in enum order.</summary>
    public static readonly IReadOnlyList<PrivacyCheckBase> AllChecks = typeof(PrivacyCheckBase).Assembly.GetTypes()
        .Where(t => typeof(PrivacyCheckBase).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) != null)
        .Select(t => (PrivacyCheckBase)Activator.CreateInstance(t)!)
        .OrderBy(c => c.Check)
        .ToList();

    readonly PrivacyClients _clients;
    readonly TimeProvider _time;

    public PrivacyChecker(PrivacyClients clients, TimeProvider? time = null)
    {
        _clients = clients;
        _time = time ?? TimeProvider.System;
    }

    public PrivacyChecker(AwsHttpSender sender) : this(new PrivacyClients(sender)) { }

    public async Task<IReadOnlyList<BedrockPrivacyCheck>> CheckAsync(string? accountId, string region, PrivacyCheckOptions options, CancellationToken ct)
    {
        var selected = new HashSet<PrivacyCheck>(options.Checks ?? (IEnumerable<PrivacyCheck>)Enum.GetValues(typeof(PrivacyCheck)));
        var context = new PrivacyCheckContext(region, options, _clients, ct, _time);
        var results = await Task.WhenAll(AllChecks.Where(c => selected.Contains(c.Check)).Select(c => Guard(c, context))).ConfigureAwait(false);
        var at = _time.GetUtcNow().UtcDateTime;
        foreach (var r in results)
        {
            r.AccountId = accountId;
            r.Region = region;
            r.CheckedAt = at;
        }
        return results;
    }

    /// <summary>Unknown on failure; the check's own result otherwise (with its Check set, whatever the check wrote).</summary>
    static async Task<BedrockPrivacyCheck> Guard(PrivacyCheckBase check, PrivacyCheckContext context)
    {
        try
        {
            var result = await check.RunAsync(context).ConfigureAwait(false);
            result.Check = check.Check;
            return result;
        }
        catch (Exception ex) when (CheckFailures.IsCheckFailure(ex, context.CancellationToken))
        {
            return CheckFailures.Unverified(check.Check, context.Region, check.Permissions, ex);
        }
    }
}
