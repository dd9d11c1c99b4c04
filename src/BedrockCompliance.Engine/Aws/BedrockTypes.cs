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

internal sealed class FoundationModelAvailability
{
    public string ModelId { get; set; } = "";
    public string AgreementStatus { get; set; } = "";
    public string? AgreementErrorMessage { get; set; }
    public string AuthorizationStatus { get; set; } = "";
    public string EntitlementAvailability { get; set; } = "";
    public string RegionAvailability { get; set; } = "";
}

internal sealed class RateCardItem
{
    public string? Dimension { get; set; }
    public string? Price { get; set; }
    public string? Description { get; set; }
    public string? Unit { get; set; }
}

internal sealed class AgreementOffer
{
    public string ModelId { get; set; } = "";
    public string? OfferId { get; set; }
    public string OfferToken { get; set; } = "";
    public string? LegalTermUrl { get; set; }
    public IReadOnlyList<RateCardItem> RateCard { get; set; } = Array.Empty<RateCardItem>();
    public string? RefundPolicyDescription { get; set; }
    public string? AgreementDuration { get; set; }
}

internal sealed class ConverseResult
{
    public string Text { get; set; } = "";
    public string StopReason { get; set; } = "";
    public long? OutputTokens { get; set; }
    public long? LatencyMs { get; set; }
}

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

internal sealed class CallerIdentity
{
    public string Account { get; set; } = "";
    public string Arn { get; set; } = "";
}

internal sealed class AssumedRole
{
    public string AccessKeyId { get; set; } = "";
    public string SecretAccessKey { get; set; } = "";
    public string SessionToken { get; set; } = "";
    public DateTime Expiration { get; set; }
    public string Arn { get; set; } = "";
    /// <summary>The session's sts:SourceIdentity, when one is set (it carries over from the source session).</summary>
    public string? SourceIdentity { get; set; }
}

internal sealed class ListFoundationModelsFilter
{
    public string? ByProvider { get; set; }
    public string? ByOutputModality { get; set; }
    public string? ByInferenceType { get; set; }
}
