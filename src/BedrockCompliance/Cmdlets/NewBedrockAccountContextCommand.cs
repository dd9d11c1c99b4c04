using System.Text.RegularExpressions;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands;

/// <summary>
/// Account × region contexts for bulk work: one per account and region, with the role to assume there.
/// Nothing is called here; roles are assumed lazily by the cmdlet that uses the context.
/// </summary>
[Cmdlet(VerbsCommon.New, "BedrockAccountContext", DefaultParameterSetName = ByRoleName)]
[OutputType(typeof(BedrockAccountContext))]
public sealed class NewBedrockAccountContextCommand : AwsLocationCmdlet
{
    const string ByRoleName = "RoleName", ByRoleArn = "RoleArn", NoRoleSet = "CallerCredentials";
    public const string DefaultRoleName = "OrganizationAccountAccessRole";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByRoleName)]
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NoRoleSet)]
    [Alias("Id", "Account")]
    [AllowEmptyString]
    public string[] AccountId { get; set; } = Array.Empty<string>();

    /// <summary>Role name in each account (the Organizations default unless told otherwise).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByRoleName)]
    [ValidateNotNullOrEmpty]
    public string RoleName { get; set; } = DefaultRoleName;

    /// <summary>Full role ARNs; the account is taken from each ARN.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = ByRoleArn)]
    [AllowEmptyString]
    public string[] RoleArn { get; set; } = Array.Empty<string>();

    /// <summary>Work with the caller's own credentials (e.g. the management account itself); no role is assumed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NoRoleSet)]
    public SwitchParameter UseCallerCredentials { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ExternalId { get; set; }

    /// <summary>Role session name, shown in CloudTrail. Default: BedrockCompliance-&lt;OS user&gt;.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? SessionName { get; set; }

    [Parameter]
    [ValidateRange(900, 43200)]
    public int DurationSeconds { get; set; } = 3600;

    /// <summary>The account's name (Get-BedrockOrganizationAccount gives it); carried into results and evidence.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull, AllowEmptyString]
    public string? AccountName { get; set; }

    /// <summary>From Get-BedrockOrganizationAccount: the organisation's management account is worked in with the caller's own credentials.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = ByRoleName)]
    public SwitchParameter IsManagementAccount { get; set; }

    /// <summary>From Get-BedrockOrganizationAccount: an account that is not ACTIVE (SUSPENDED, PENDING_CLOSURE) is skipped with a warning.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull, AllowEmptyString]
    public string? Status { get; set; }

    /// <summary>Only the accounts of this stable partition, "index/count" (see <see cref="AccountShard"/>).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Shard { get; set; }

    string[] _defaultRegions = Array.Empty<string>();
    AccountShard? _shard;
    int _seen, _kept;

    protected override void BeginProcessing()
    {
        SessionName ??= DefaultSessionName(Environment.UserName);
        if (!AccountTargetResolver.SessionNamePattern.IsMatch(SessionName))
            ThrowTerminatingError(ErrorRecordFactory.InvalidSessionName(SessionName));
        if (Shard != null)
        {
            try { _shard = AccountShard.Parse(Shard); }
            catch (ArgumentException ex) { ThrowTerminatingError(ErrorRecordFactory.InvalidShard(Shard, ex.Message)); }
        }
        if (EndpointUrl != null)
        {
            try { ConnectionResolver.ValidateEndpoint(EndpointUrl); }
            catch (AwsConfigurationException ex) { ThrowTerminatingError(ErrorRecordFactory.From(ex, ShownEndpoint)); }
        }
    }

    protected override void ProcessRecord()
    {
        if (!string.IsNullOrWhiteSpace(Status) && !string.Equals(Status!.Trim(), "ACTIVE", StringComparison.OrdinalIgnoreCase))
        {
            WriteWarning($"Account {string.Join(", ", AccountId)}{(string.IsNullOrEmpty(AccountName) ? "" : $" ({AccountName})")} is {Status!.Trim()} in the organisation: skipped.");
            return;
        }
        IReadOnlyList<string> regions = Regions.Count > 0 ? Regions : DefaultRegions();
        if (regions.Count == 0) return;
        foreach (var region in regions)
        {
            try { ConnectionResolver.ValidateRegion(region.Trim()); }
            catch (AwsConfigurationException ex) { WriteError(ErrorRecordFactory.From(ex, region)); return; }
        }

        if (ParameterSetName == ByRoleArn)
        {
            foreach (var arn in RoleArn)
            {
                var m = AccountTargetResolver.RoleArnPattern.Match(arn?.Trim() ?? "");
                if (!m.Success)
                {
                    WriteError(ErrorRecordFactory.InvalidRoleArn(arn));
                    continue;
                }
                if (!InShard(m.Groups[2].Value)) continue;
                foreach (var region in regions) WriteContext(m.Groups[2].Value, region.Trim(), arn!.Trim());
            }
            return;
        }

        if (!UseCallerCredentials && !AccountTargetResolver.RoleNamePattern.IsMatch(RoleName))
        {
            WriteError(ErrorRecordFactory.InvalidRoleName(RoleName));
            return;
        }
        foreach (var raw in AccountId)
        {
            string id = raw?.Trim() ?? "";
            if (!AccountTargetResolver.AccountIdPattern.IsMatch(id))
            {
                WriteError(ErrorRecordFactory.InvalidAccountId(raw));
                continue;
            }
            if (!InShard(id)) continue;
            foreach (var region in regions)
                WriteContext(id, region.Trim(), UseCallerCredentials || IsManagementAccount ? null : $"arn:{AwsRegions.PartitionOf(region)}:iam::{id}:role/{RoleName}");
        }
    }

    protected override void EndProcessing()
    {
        if (_shard is { } shard) WriteVerbose($"Shard {shard}: {_kept} of {_seen} accounts.");
    }

    /// <summary>False (and counted) for an account outside -Shard.</summary>
    bool InShard(string accountId)
    {
        _seen++;
        if (_shard is { } shard && !shard.Contains(accountId)) return false;
        _kept++;
        return true;
    }

    void WriteContext(string accountId, string region, string? roleArn) => WriteObject(new BedrockAccountContext
    {
        AccountId = accountId,
        Region = region,
        AccountName = string.IsNullOrWhiteSpace(AccountName) ? null : AccountName!.Trim(),
        RoleArn = roleArn,
        ExternalId = ExternalId,
        SessionName = SessionName!,
        DurationSeconds = DurationSeconds,
        ProfileName = ProfileName,
        EndpointUrl = EndpointUrl,
    });

    string[] DefaultRegions()
    {
        if (_defaultRegions.Length > 0) return _defaultRegions;
        try
        {
            string region = ConnectionResolver.DefaultRegion(ProfileName, storedRegion: StoredRegion());
            WriteVerbose($"No -Region: using {region}.");
            return _defaultRegions = new[] { region };
        }
        catch (AwsConfigurationException ex)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(ex, null));
            return Array.Empty<string>();
        }
    }

    /// <summary>CloudTrail then names the person behind the automation.</summary>
    internal static string DefaultSessionName(string osUser)
    {
        string user = Regex.Replace(osUser ?? "", "[^\\w+=,.@-]", "_");
        string name = string.IsNullOrEmpty(user) ? "BedrockCompliance" : "BedrockCompliance-" + user;
        return name.Length > 64 ? name.Substring(0, 64) : name;
    }
}
