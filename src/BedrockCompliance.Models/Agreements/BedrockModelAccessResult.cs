namespace BedrockCompliance;

/// <summary>Whether a model answered a minimal Converse call in one account and region.</summary>
public sealed class BedrockModelAccessResult : IAccountScoped
{
    public string ModelId { get; set; } = "";
    /// <summary>The ID actually invoked (an inference profile when the model needs one).</summary>
    public string? InvokedModelId { get; set; }
    public string? AccountId { get; set; }
    public string? Region { get; set; }
    public bool Success { get; set; }
    /// <summary>Round trip measured by the client, in milliseconds.</summary>
    public long? LatencyMs { get; set; }
    public string? StopReason { get; set; }
    public long? OutputTokens { get; set; }
    public string? ErrorCode { get; set; }
    public string? ErrorMessage { get; set; }
    public System.Guid? EvidenceId { get; set; }
    public BedrockAccountContext? Context { get; set; }
    public override string ToString() => $"{ModelId} {(Success ? "OK" : ErrorCode)}";
}
