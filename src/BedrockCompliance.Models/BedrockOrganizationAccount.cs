namespace BedrockCompliance;

/// <summary>
/// An account of the caller's AWS Organizations organisation (Get-BedrockOrganizationAccount). Its AccountId,
/// AccountName, Status and IsManagementAccount bind by name to New-BedrockAccountContext.
/// </summary>
public sealed class BedrockOrganizationAccount : IAccountScoped
{
    public string AccountId { get; set; } = "";
    public string? AccountName { get; set; }
    public string? Email { get; set; }
    /// <summary>ACTIVE, SUSPENDED or PENDING_CLOSURE, as Organizations reports it.</summary>
    public string Status { get; set; } = "";
    public string? Arn { get; set; }
    public DateTimeOffset? JoinedTimestamp { get; set; }
    /// <summary><see cref="JoinedTimestamp"/> as ISO-8601 UTC, the same in every culture (Export-Csv).</summary>
    public string? JoinedTimestampIso => IsoText.Timestamp(JoinedTimestamp?.UtcDateTime);
    /// <summary>The OU (or root) the account sits in, when listed by OU; null for a whole-organisation listing.</summary>
    public string? ParentId { get; set; }
    public string OrganizationId { get; set; } = "";
    /// <summary>The organisation's management account: worked in with the caller's own credentials (no role assumed).</summary>
    public bool IsManagementAccount { get; set; }
    /// <summary>The context the organisation was read through; null for the caller's own connection.</summary>
    public BedrockAccountContext? Context { get; set; }

    public override string ToString() => AccountId;
}
