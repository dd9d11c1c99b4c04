namespace BedrockCompliance.Engine.Aws;

/// <summary>One entry of mantle GET /v1/models: availability under the effective retention mode and the modes it allows.</summary>
internal sealed class MantleModel
{
    public string Id { get; set; } = "";
    /// <summary>available or unavailable.</summary>
    public string? Status { get; set; }
    public string? StatusReason { get; set; }
    /// <summary>data_retention.mode: the effective mode applied to this model.</summary>
    public string? RetentionMode { get; set; }
    /// <summary>data_retention.source: which scope decided (account, project, model default).</summary>
    public string? RetentionSource { get; set; }
    /// <summary>data_retention.allowed_modes: every mode at or above the model's minimum.</summary>
    public IReadOnlyList<string> AllowedModes { get; set; } = new string[0];
}
