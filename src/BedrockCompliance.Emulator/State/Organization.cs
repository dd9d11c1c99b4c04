namespace BedrockCompliance.Emulator.State;

/// <summary>One account as AWS Organizations lists it.</summary>
public sealed record OrgAccount(string Id, string Name, string Email, string Status, string ParentId, DateTimeOffset Joined);

/// <summary>An organisational unit and its parent (the root or another OU).</summary>
public sealed record OrgUnit(string Id, string Name, string ParentId);

/// <summary>
/// The emulator's organisation, derived from its accounts: the management account under the root, member 1 in
/// Workloads/Production, the other members in Workloads/Development, and one SUSPENDED account (the next member
/// number, which has no state of its own) directly in Workloads. Three OUs, two levels, for subtree listing.
/// </summary>
public sealed class Organization
{
    public const string Id = "o-emulator01";
    public const string RootId = "r-emu1";
    public const string WorkloadsOu = "ou-emu1-workload";
    public const string ProductionOu = "ou-emu1-prod0001";
    public const string DevelopmentOu = "ou-emu1-dev00001";

    public Organization(EmulatorState state)
    {
        var joined = new DateTimeOffset(2024, 1, 15, 9, 0, 0, TimeSpan.Zero);
        Units = new[]
        {
            new OrgUnit(WorkloadsOu, "Workloads", RootId),
            new OrgUnit(ProductionOu, "Production", WorkloadsOu),
            new OrgUnit(DevelopmentOu, "Development", WorkloadsOu),
        };
        var accounts = new List<OrgAccount>();
        int index = 0;
        foreach (var a in state.Accounts)
        {
            if (a.IsManagement)
            {
                accounts.Add(new OrgAccount(a.AccountId, "Management", "aws-management@example.com", "ACTIVE", RootId, joined));
                continue;
            }
            index++;
            accounts.Add(new OrgAccount(a.AccountId, $"member-{index}", $"aws-member-{index}@example.com", "ACTIVE",
                index == 1 ? ProductionOu : DevelopmentOu, joined.AddDays(index)));
        }
        SuspendedAccountId = EmulatorOptions.MemberAccountId(index + 1);
        accounts.Add(new OrgAccount(SuspendedAccountId, "retired-sandbox", "aws-retired@example.com", "SUSPENDED", WorkloadsOu, joined.AddDays(index + 1)));
        Accounts = accounts;
    }

    public IReadOnlyList<OrgAccount> Accounts { get; }
    public IReadOnlyList<OrgUnit> Units { get; }
    public string SuspendedAccountId { get; }

    public bool IsParent(string id) => id == RootId || Units.Any(u => u.Id == id);
}
