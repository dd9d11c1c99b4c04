using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Accounts;

/// <summary>
/// The client-side limits of one account for the whole session, from a process-wide registry: one
/// <see cref="ServiceRateLimiter"/> per Region × service (AWS's API quotas are per account, Region and API), shared by
/// every command and every pipeline stage that calls there, so three overlapping cmdlets together stay under the rate.
/// </summary>
internal sealed class AccountRateLimiter
{
    static readonly ConcurrentDictionary<string, AccountRateLimiter> PerAccount = new ConcurrentDictionary<string, AccountRateLimiter>(StringComparer.Ordinal);
    // The caller's own connection (no account context): keyed by profile and endpoint, never by a secret.
    static readonly ConditionalWeakTable<AwsConnection, AccountRateLimiter> Callers = new ConditionalWeakTable<AwsConnection, AccountRateLimiter>();
    readonly ConcurrentDictionary<(string Region, string Service), ServiceRateLimiter> _services = new ConcurrentDictionary<(string, string), ServiceRateLimiter>();
    readonly double? _ratePerSecond;
    readonly double? _burst;
    readonly TimeProvider _time;

    /// <param name="ratePerSecond">Calls per second into each Region × service of the account.</param>
    /// <param name="burst">Calls that may go at once after a pause; default half a second's worth.</param>
    public AccountRateLimiter(double ratePerSecond, double? burst = null, TimeProvider? time = null)
        : this((double?)ratePerSecond, burst, time)
    {
        if (ratePerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The rate must be above zero.");
    }

    AccountRateLimiter(double? ratePerSecond, double? burst, TimeProvider? time)
    {
        _ratePerSecond = ratePerSecond;
        _burst = burst;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The static rate per Region × service; null: no static limit (adaptive mode and the retry quota still apply).</summary>
    public double? RatePerSecond => _ratePerSecond;

    /// <summary>The session's limiter for an account at a rate; a different rate for the same account replaces it.</summary>
    public static AccountRateLimiter For(string accountKey, double ratePerSecond) =>
        PerAccount.AddOrUpdate(accountKey, _ => new AccountRateLimiter(ratePerSecond),
            (_, existing) => existing._ratePerSecond == ratePerSecond ? existing : new AccountRateLimiter(ratePerSecond));

    /// <summary>
    /// The limits of a connection without an account limiter (the caller's own account): no static rate, one entry per
    /// profile and endpoint for the session, so the adaptive rate and the retry quota are still shared.
    /// </summary>
    public static AccountRateLimiter ForCaller(AwsConnection connection) =>
        Callers.GetValue(connection, c => PerAccount.GetOrAdd(
            $"caller|{c.ProfileName}|{(c.Credentials == null ? "bearer" : "sigv4")}|{(c.Endpoints.TryGetValue(AwsService.Bedrock, out var bedrock) ? bedrock.Authority : "")}",
            _ => new AccountRateLimiter(null, null, null)));

    /// <summary>The limiter of one Region and service of this account, created on first use.</summary>
    public ServiceRateLimiter For(string region, string service) =>
        _services.TryGetValue((region, service), out var existing) ? existing
            : _services.GetOrAdd((region, service), _ => new ServiceRateLimiter(_ratePerSecond, _burst, _time));
}
