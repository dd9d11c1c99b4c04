namespace BedrockCompliance.Engine.Aws;

/// <summary>One entry of mantle GET /v1/models: availability under the effective retention mode and the modes it allows.</summary>
/// <param name="AllowedModes">data_retention.allowed_modes: every mode at or above the model's minimum.</param>
/// <param name="Status">available or unavailable.</param>
/// <param name="RetentionMode">data_retention.mode: the effective mode applied to this model.</param>
/// <param name="RetentionSource">data_retention.source: which scope decided (account, project, model default).</param>
internal sealed record MantleModel(string Id, IReadOnlyList<string> AllowedModes, string? Status = null, string? StatusReason = null,
    string? RetentionMode = null, string? RetentionSource = null);
