using BedrockCompliance.Engine.Aws;
using static BedrockCompliance.Engine.Privacy.PrivacyText;

namespace BedrockCompliance.Engine.Privacy;

/// <summary>Which exceptions make a check Unknown (never Pass), and the Unknown result that says why.</summary>
internal static class CheckFailures
{
    /// <summary>AWS answered with an error, the answer was unusable, the network failed, or SigV4 credentials are missing.</summary>
    public static bool IsCheckFailure(Exception ex, CancellationToken ct) =>
        !(ex is OperationCanceledException && ct.IsCancellationRequested) &&
        (ex is AwsServiceException || ex is AwsResponseFormatException || ex is AwsTransportException || ex is AwsConfigurationException);

    /// <summary>The error code recorded on an Unknown: the AWS code, the configuration error, or the failure kind.</summary>
    public static string? ErrorCodeOf(Exception ex) => (ex as AwsServiceException)?.ErrorCode ?? (ex as AwsConfigurationException)?.ErrorId
        ?? (ex is AwsResponseFormatException ? "InvalidResponse" : ex is AwsTransportException ? "EndpointUnreachable" : null);

    /// <summary>An Unknown result for a check whose call failed: the reason, the error code, and what to grant or retry.</summary>
    public static BedrockPrivacyCheck Unverified(PrivacyCheck check, string region, string permission, Exception ex)
    {
        bool denied = AwsErrorCodes.IsAccessDenied(ex);
        return new BedrockPrivacyCheck
        {
            Check = check,
            Status = PrivacyCheckStatus.Unknown,
            ErrorCode = ErrorCodeOf(ex),
            Detail = Cap((denied ? "Could not verify: permission denied. " : "Could not verify: ") + Reason(ex)),
            Remediation = denied ? GrantRemediation(permission, region) : "Rerun the check; the failure above is not a finding about the control.",
        };
    }

    /// <summary>One read: its value (set exactly when Error is null), or the check failure that left it unread; any other exception propagates.</summary>
    public static async Task<(T? Value, Exception? Error)> TryReadAsync<T>(Func<Task<T>> read, CancellationToken ct)
    {
        try { return (await read().ConfigureAwait(false), null); }
        catch (Exception ex) when (IsCheckFailure(ex, ct)) { return (default, ex); }
    }

    /// <summary>Reads every item concurrently: the answers in item order, and the items left unread with why.</summary>
    public static async Task<(IReadOnlyList<TValue> Read, IReadOnlyList<(TItem Item, Exception Error)> Unread)> ReadEachAsync<TItem, TValue>(
        IEnumerable<TItem> items, Func<TItem, Task<TValue>> read, CancellationToken ct)
    {
        var reads = await Task.WhenAll(items.Select(async item => (Item: item, Read: await TryReadAsync(() => read(item), ct).ConfigureAwait(false)))).ConfigureAwait(false);
        return (reads.Where(r => r.Read.Error == null).Select(r => r.Read.Value!).ToList(),
            reads.Where(r => r.Read.Error != null).Select(r => (r.Item, r.Read.Error!)).ToList());
    }

    /// <summary>
    /// A Pass that rests on unread items is Unknown (a check that cannot verify never passes): the detail names what could
    /// not be read, then what was found. A Fail found among the read items, or an Unknown, stands.
    /// </summary>
    public static BedrockPrivacyCheck UnlessUnread(BedrockPrivacyCheck result, string unreadWhat, IReadOnlyList<(string Name, Exception Error)> unread,
        string permissions, string region)
    {
        if (unread.Count == 0 || result.Status != PrivacyCheckStatus.Pass) return result;
        result.Status = PrivacyCheckStatus.Unknown;
        result.ErrorCode = ErrorCodeOf(unread[0].Error);
        result.Detail = Cap($"Could not read {unreadWhat}: " + string.Join("; ", unread.Take(5).Select(u => $"{u.Name}: {Reason(u.Error)}")) +
            (unread.Count > 5 ? " …" : "") + ". " + result.Detail);
        result.Remediation = UnreadRemediation(unread.Select(u => u.Error), permissions, region);
        return result;
    }

    /// <summary>What to do about reads that failed: grant the permissions if any was denied, else rerun.</summary>
    public static string UnreadRemediation(IEnumerable<Exception?> errors, string permissions, string region, string rerun = "Rerun the check.") =>
        errors.Any(e => AwsErrorCodes.IsAccessDenied(e)) ? GrantRemediation(permissions, region) : rerun;
}
