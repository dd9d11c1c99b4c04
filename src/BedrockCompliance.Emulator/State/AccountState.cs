using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;

namespace BedrockCompliance.Emulator.State;

/// <summary>Per-region state of one account: agreements, VPC endpoints and the invocation-logging
/// configuration. Guarded by the owning account's lock.</summary>
public sealed class RegionState(string region)
{
    public string Region { get; } = region;
    public SortedDictionary<string, AgreementRecord> Agreements { get; } = new(StringComparer.Ordinal);
    public List<RevokedAgreementRecord> RevokedAgreements { get; } = new();
    public List<VpcEndpointRecord> VpcEndpoints { get; set; } = new();
    public JsonObject? LoggingConfig { get; set; }

    // 2026 privacy state (bedrock-privacy-2026.md). The control-plane and mantle account modes are
    // separate settings (§1.5: "two PUT calls"); projects are shared by both surfaces.
    public RetentionSetting ControlRetention { get; set; } = RetentionSetting.Unset;
    public RetentionSetting MantleRetention { get; set; } = RetentionSetting.Unset;
    public SortedDictionary<string, ProjectRecord> Projects { get; } = new(StringComparer.Ordinal);
    public List<GuardrailRecord> Guardrails { get; set; } = new();
    public List<EnforcedGuardrailRecord> EnforcedGuardrails { get; set; } = new();
    /// <summary>Profiles added through the control API, on top of the generated system-defined ones.</summary>
    public List<InferenceProfileRecord> InferenceProfiles { get; set; } = new();
    /// <summary>When false, only <see cref="InferenceProfiles"/> are listed (tests that want an exact set).</summary>
    public bool SystemProfiles { get; set; } = true;
    public List<LogGroupRecord> LogGroups { get; set; } = new();
}

/// <summary>
/// One emulated AWS account. Mutable collections are guarded by <see cref="Gate"/>; the settings read
/// on every request (denied operations) are immutable snapshots swapped atomically, so the hot path
/// takes no lock.
/// </summary>
public sealed class AccountState
{
    public AccountState(string accountId, bool isManagement, bool compliantByDefault)
    {
        AccountId = accountId;
        IsManagement = isManagement;
        CompliantByDefault = compliantByDefault;
        if (compliantByDefault)
            Trails.Add(new TrailRecord("organization-trail", "us-east-1", IsMultiRegionTrail: true, IsLogging: true,
                IncludeManagementEvents: true, ReadWriteType: "All", S3BucketName: $"aws-cloudtrail-logs-{accountId}",
                IsOrganizationTrail: isManagement));
        if (isManagement)
            IamUsers[EmulatorOptions.ManagementUserName] = new IamUserRecord(EmulatorOptions.ManagementUserName, EmulatorOptions.ManagementUserId,
                DateTimeOffset.UnixEpoch.AddYears(50));
    }

    public string AccountId { get; }
    public bool IsManagement { get; }
    /// <summary>Whether regions are seeded with a bedrock-runtime endpoint and logging when first touched.</summary>
    public bool CompliantByDefault { get; set; }
    public object Gate { get; } = new();
    public CallCounters Calls { get; } = new();

    volatile FrozenSet<string> _denied = FrozenSet<string>.Empty;
    public FrozenSet<string> DeniedOperations { get => _denied; set => _denied = value; }
    public volatile bool Assumable = true;
    public volatile string? RequiredExternalId;

    // Guarded by Gate.
    public UseCaseRecord? UseCase { get; set; }
    public List<TrailRecord> Trails { get; set; } = new();
    public SortedDictionary<string, RegionState> Regions { get; } = new(StringComparer.Ordinal);
    /// <summary>S3 buckets by name (bucket names are global; the emulator keeps them per owning account).</summary>
    public SortedDictionary<string, BucketRecord> Buckets { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, IamUserRecord> IamUsers { get; } = new(StringComparer.Ordinal);
    public List<ServiceCredentialRecord> ServiceCredentials { get; } = new();
    /// <summary>Models this account is approved to use with zero retention ("none" joins their allowed_modes).</summary>
    public HashSet<string> ZdrModels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the operation is denied. "*" denies everything except GetCallerIdentity,
    /// which needs no permission in AWS; naming it explicitly still denies it.</summary>
    public bool IsDenied(string operation)
    {
        var denied = _denied;
        return denied.Count > 0 && (denied.Contains(operation) || (denied.Contains("*") && operation != "GetCallerIdentity"));
    }

    /// <summary>Whether an IAM action (<c>bedrock-mantle:GetAccountDataRetention</c>) is denied by name; "*" is
    /// handled by <see cref="IsDenied"/> on the operation.</summary>
    public bool IsActionDenied(string action) => _denied.Contains(action);

    /// <summary>Returns the region's state, creating it with this account's defaults. Caller holds Gate.</summary>
    public RegionState RegionLocked(string region, DateTimeOffset now)
    {
        if (Regions.TryGetValue(region, out var state)) return state;
        state = new RegionState(region);
        if (CompliantByDefault)
        {
            state.VpcEndpoints.Add(new VpcEndpointRecord(StableId("vpce-", region), $"com.amazonaws.{region}.bedrock-runtime",
                "Interface", "available", StableId("vpc-", region), PrivateDnsEnabled: true, now));
            state.LoggingConfig = new JsonObject
            {
                ["cloudWatchConfig"] = new JsonObject
                {
                    ["logGroupName"] = "/aws/bedrock/modelinvocations",
                    ["roleArn"] = Arns.IamRole(AccountId, "BedrockInvocationLogging"),
                },
                ["textDataDeliveryEnabled"] = true,
                ["imageDataDeliveryEnabled"] = false,
                ["embeddingDataDeliveryEnabled"] = false,
                ["videoDataDeliveryEnabled"] = false,
                ["audioDataDeliveryEnabled"] = false,
            };
            state.LogGroups.Add(new LogGroupRecord("/aws/bedrock/modelinvocations",
                $"arn:aws:kms:{region}:{AccountId}:key/{StableGuid(region)}", 365, now));
        }
        Regions[region] = state;
        return state;
    }

    /// <summary>A deterministic GUID-shaped ID (KMS key IDs).</summary>
    public string StableGuid(string salt)
    {
        var h = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{AccountId}|guid|{salt}")));
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..32]}";
    }

    /// <summary>Deterministic resource IDs (17 hex digits, like AWS's) so state is comparable across runs.</summary>
    public string StableId(string prefix, string salt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{AccountId}|{prefix}|{salt}"));
        return prefix + Convert.ToHexStringLower(hash)[..17];
    }
}
