namespace BedrockCompliance.Engine.Aws;

/// <summary>FoundationModelSummary / FoundationModelDetails (bedrock-2023-04-20).</summary>
internal sealed class FoundationModelSummary
{
    public string ModelArn { get; set; } = "";
    public string ModelId { get; set; } = "";
    public string? ModelName { get; set; }
    public string? ProviderName { get; set; }
    public IReadOnlyList<string> InputModalities { get; set; } = Array.Empty<string>();
    public IReadOnlyList<string> OutputModalities { get; set; } = Array.Empty<string>();
    public IReadOnlyList<string> InferenceTypesSupported { get; set; } = Array.Empty<string>();
    public string? LifecycleStatus { get; set; }
    public DateTimeOffset? EndOfLifeTime { get; set; }
}

internal sealed record FoundationModelAvailability(string ModelId, string AgreementStatus, string? AgreementErrorMessage,
    string AuthorizationStatus, string EntitlementAvailability, string RegionAvailability);

internal sealed record RateCardItem(string? Dimension, string? Price, string? Description, string? Unit);

internal sealed record AgreementOffer(string ModelId, string? OfferId, string OfferToken, string? LegalTermUrl, IReadOnlyList<RateCardItem> RateCard,
    string? RefundPolicyDescription, string? AgreementDuration);

internal sealed record ConverseResult(string Text, string StopReason, long? OutputTokens, long? LatencyMs);

internal sealed class InvocationLoggingConfiguration
{
    public bool Configured { get; set; }
    public string? CloudWatchLogGroup { get; set; }
    public string? CloudWatchRoleArn { get; set; }
    public string? S3Bucket { get; set; }
    public string? S3KeyPrefix { get; set; }
    public bool TextDataDeliveryEnabled { get; set; }
    public bool ImageDataDeliveryEnabled { get; set; }
    public bool EmbeddingDataDeliveryEnabled { get; set; }
    public bool VideoDataDeliveryEnabled { get; set; }
    public bool AudioDataDeliveryEnabled { get; set; }
}

internal sealed record CallerIdentity(string Account, string Arn);

/// <param name="SourceIdentity">The session's sts:SourceIdentity, when one is set (it carries over from the source session).</param>
internal sealed record AssumedRole(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTime Expiration, string Arn, string? SourceIdentity)
{
    // The generated ToString would print the keys; a role that reaches a log or an error names itself only.
    public override string ToString() => $"AssumedRole {{ Arn = {Arn}, Expiration = {Expiration:o} }}";
}

internal sealed class ListFoundationModelsFilter
{
    public string? ByProvider { get; set; }
    public string? ByOutputModality { get; set; }
    public string? ByInferenceType { get; set; }
}
