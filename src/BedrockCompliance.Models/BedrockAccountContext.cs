namespace BedrockCompliance;

/// <summary>
/// One account and region to work in, and how to get there (a role to assume from the caller's credentials).
/// Plain data: roles are assumed lazily by the cmdlet that uses the context, and credentials never live here.
/// </summary>
public sealed class BedrockAccountContext
{
    public string AccountId { get; set; } = "";
    public string Region { get; set; } = "";
    /// <summary>The account's name where known (from AWS Organizations); carried into results and evidence.</summary>
    public string? AccountName { get; set; }
    /// <summary>Role to assume in the account; null works with the caller's own credentials.</summary>
    public string? RoleArn { get; set; }
    public string? ExternalId { get; set; }
    public string SessionName { get; set; } = "BedrockCompliance";
    public int DurationSeconds { get; set; } = 3600;
    /// <summary>Profile holding the source credentials (default: the usual credential chain).</summary>
    public string? ProfileName { get; set; }
    public string? EndpointUrl { get; set; }

    public override string ToString() => $"{AccountId}/{Region}";
}
