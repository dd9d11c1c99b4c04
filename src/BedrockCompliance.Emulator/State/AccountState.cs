using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

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

    /// <summary>Whether the operation is denied. "*" denies everything except GetCallerIdentity,
    /// which needs no permission in AWS; naming it explicitly still denies it.</summary>
    public bool IsDenied(string operation)
    {
        var denied = _denied;
        return denied.Count > 0 && (denied.Contains(operation) || (denied.Contains("*") && operation != "GetCallerIdentity"));
    }

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
                    ["roleArn"] = $"arn:aws:iam::{AccountId}:role/BedrockInvocationLogging",
                },
                ["textDataDeliveryEnabled"] = true,
                ["imageDataDeliveryEnabled"] = false,
                ["embeddingDataDeliveryEnabled"] = false,
                ["videoDataDeliveryEnabled"] = false,
                ["audioDataDeliveryEnabled"] = false,
            };
        }
        Regions[region] = state;
        return state;
    }

    /// <summary>Deterministic resource IDs (17 hex digits, like AWS's) so state is comparable across runs.</summary>
    public string StableId(string prefix, string salt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{AccountId}|{prefix}|{salt}"));
        return prefix + Convert.ToHexStringLower(hash)[..17];
    }
}
