namespace BedrockCompliance.Emulator.State;

/// <summary>An accepted agreement. Its status is derived from the clock, so no timer is needed to move
/// it from PENDING to AVAILABLE.</summary>
public sealed record AgreementRecord(
    string ModelId, string OfferId, string OfferToken, DateTimeOffset CreatedAt, DateTimeOffset AvailableAt, string AcceptedBy)
{
    public string StatusAt(DateTimeOffset now) => now >= AvailableAt ? "AVAILABLE" : "PENDING";
}

public sealed record RevokedAgreementRecord(AgreementRecord Agreement, DateTimeOffset DeletedAt, string DeletedBy);

/// <summary>The Anthropic use-case form exactly as received (the base64 wire string) plus its decoded JSON.</summary>
public sealed record UseCaseRecord(string FormData, JsonObject Form, DateTimeOffset SubmittedAt, string SubmittedBy);

public sealed record TrailRecord(
    string Name,
    string HomeRegion,
    bool IsMultiRegionTrail,
    bool IsLogging,
    bool IncludeManagementEvents,
    string ReadWriteType,
    string S3BucketName,
    bool IsOrganizationTrail)
{
    public string Arn(string accountId) => $"arn:aws:cloudtrail:{HomeRegion}:{accountId}:trail/{Name}";
}

public sealed record VpcEndpointRecord(string VpcEndpointId, string ServiceName, string VpcEndpointType, string State, string VpcId, bool PrivateDnsEnabled, DateTimeOffset CreatedAt);
