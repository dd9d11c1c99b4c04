using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands;

/// <summary>
/// The accounts of the caller's AWS Organizations organisation (run with management-account or delegated-admin
/// credentials), the whole organisation or OU subtrees, for piping into New-BedrockAccountContext. Only ACTIVE
/// accounts unless -IncludeSuspended.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BedrockOrganizationAccount")]
[OutputType(typeof(BedrockOrganizationAccount))]
public sealed class GetBedrockOrganizationAccountCommand : BedrockAwsCmdlet
{
    /// <summary>Roots or OUs (r-…, ou-…) whose accounts, in every OU below too, are listed. Default: the whole organisation.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidatePattern("^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$")]
    [Alias("ParentId", "OU")]
    public string[]? OrganizationalUnitId { get; set; }

    /// <summary>Account names to keep (wildcards allowed).</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [Alias("AccountName")]
    public string[]? Name { get; set; }

    /// <summary>Account IDs to keep.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidatePattern("^[0-9]{12}$")]
    [Alias("AccountId")]
    public string[]? Id { get; set; }

    /// <summary>Also list SUSPENDED and PENDING_CLOSURE accounts (New-BedrockAccountContext skips them with a warning).</summary>
    [Parameter]
    public SwitchParameter IncludeSuspended { get; set; }

    private protected override string Activity => "Reading the organisation's accounts";

    private protected override async Task RunForTargetAsync(TargetServices services, IReadOnlyList<object?> items, CancellationToken ct)
    {
        var client = new OrganizationsClient(services.Sender);
        var (organizationId, managementAccountId) = await client.DescribeOrganizationAsync(ct).ConfigureAwait(false);
        IReadOnlyList<BedrockOrganizationAccount> accounts;
        if (OrganizationalUnitId == null)
            accounts = await client.ListAccountsAsync(ct).ConfigureAwait(false);
        else
        {
            var all = new List<BedrockOrganizationAccount>();
            foreach (var ou in OrganizationalUnitId.Distinct(StringComparer.Ordinal))
                all.AddRange(await client.ListAccountsInSubtreeAsync(ou, ct).ConfigureAwait(false));
            accounts = all.GroupBy(a => a.AccountId, StringComparer.Ordinal).Select(g => g.First()).ToList();
        }

        var names = Name?.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToList();
        int skipped = 0;
        foreach (var account in accounts)
        {
            if (names != null && !names.Any(p => p.IsMatch(account.AccountName ?? ""))) continue;
            if (Id != null && !Id.Contains(account.AccountId, StringComparer.Ordinal)) continue;
            if (!IncludeSuspended && !string.Equals(account.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase)) { skipped++; continue; }
            account.OrganizationId = organizationId;
            account.IsManagementAccount = account.AccountId == managementAccountId;
            Emit(services, account);
        }
        if (skipped > 0)
            Pump.WriteVerbose($"{skipped} account(s) not ACTIVE left out (-IncludeSuspended lists them).");
    }
}
