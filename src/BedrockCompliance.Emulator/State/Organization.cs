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
    public const string ManagementEmail = "aws-management@example.com";
    static readonly OrgUnit Workloads = new("ou-emu1-workload", "Workloads", RootId);
    static readonly OrgUnit Production = new("ou-emu1-prod0001", "Production", Workloads.Id);
    static readonly OrgUnit Development = new("ou-emu1-dev00001", "Development", Workloads.Id);

    public Organization(EmulatorState state)
    {
        var joined = new DateTimeOffset(2024, 1, 15, 9, 0, 0, TimeSpan.Zero);
        var accounts = new List<OrgAccount>();
        int index = 0;
        foreach (var a in state.Accounts)
        {
            if (a.IsManagement)
            {
                accounts.Add(new OrgAccount(a.AccountId, "Management", ManagementEmail, "ACTIVE", RootId, joined));
                continue;
            }
            index++;
            accounts.Add(new OrgAccount(a.AccountId, $"member-{index}", $"aws-member-{index}@example.com", "ACTIVE",
                index == 1 ? Production.Id : Development.Id, joined.AddDays(index)));
        }
        SuspendedAccountId = EmulatorOptions.MemberAccountId(index + 1);
        accounts.Add(new OrgAccount(SuspendedAccountId, "retired-sandbox", "aws-retired@example.com", "SUSPENDED", Workloads.Id, joined.AddDays(index + 1)));
        Accounts = accounts;
    }

    public IReadOnlyList<OrgAccount> Accounts { get; }
    public IReadOnlyList<OrgUnit> Units { get; } = new[] { Workloads, Production, Development };
    public string SuspendedAccountId { get; }

    public bool IsParent(string id) => id == RootId || Units.Any(u => u.Id == id);

    /// <summary>An Organizations ARN, <c>arn:aws:organizations::&lt;management&gt;:&lt;kind&gt;/o-…[/&lt;id&gt;]</c>.</summary>
    public static string Arn(string kind, string? id = null) =>
        $"arn:aws:organizations::{EmulatorOptions.ManagementAccountId}:{kind}/{Id}" + (id is null ? "" : "/" + id);
}
