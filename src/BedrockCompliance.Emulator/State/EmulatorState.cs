using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace BedrockCompliance.Emulator.State;

/// <summary>All accounts of the emulated organisation plus global counters.</summary>
public sealed partial class EmulatorState
{
    readonly EmulatorOptions _options;
    ConcurrentDictionary<string, AccountState> _accounts = new(StringComparer.Ordinal);

    public EmulatorState(EmulatorOptions options)
    {
        _options = options;
        Reset();
    }

    public GlobalCounters Totals { get; private set; } = new();

    public AccountState? Find(string accountId) => _accounts.TryGetValue(accountId, out var a) ? a : null;

    public IEnumerable<AccountState> Accounts => _accounts.Values.OrderBy(a => a.AccountId, StringComparer.Ordinal);

    /// <summary>Finds an account or creates a member account (control API: configure before first use).</summary>
    public AccountState GetOrAddMember(string accountId) =>
        _accounts.GetOrAdd(accountId, id => new AccountState(id, isManagement: false, compliantByDefault: false));

    [GeneratedRegex("^[0-9]{12}$")]
    public static partial Regex AccountIdPattern();

    /// <summary>Back to the start-up state: accounts from the flags, no agreements, no use cases, zero counters.</summary>
    public void Reset()
    {
        var accounts = new ConcurrentDictionary<string, AccountState>(StringComparer.Ordinal);
        accounts[EmulatorOptions.ManagementAccountId] =
            new AccountState(EmulatorOptions.ManagementAccountId, isManagement: true, compliantByDefault: true);
        for (var i = 1; i <= _options.Accounts; i++)
        {
            var id = EmulatorOptions.MemberAccountId(i);
            accounts[id] = new AccountState(id, isManagement: false, compliantByDefault: false);
        }

        foreach (var entry in _options.DenyAccounts)
        {
            var parts = entry.Split(':', 2);
            if (!accounts.TryGetValue(parts[0], out var account))
                account = accounts[parts[0]] = new AccountState(parts[0], false, false);
            var op = parts.Length == 2 && parts[1].Length > 0 ? parts[1] : "*";
            account.DeniedOperations = account.DeniedOperations.Append(op).ToFrozenSet(StringComparer.Ordinal);
        }
        foreach (var id in _options.UnassumableAccounts)
            if (accounts.TryGetValue(id, out var account)) account.Assumable = false;

        _accounts = accounts;
        Totals = new GlobalCounters();
    }
}
