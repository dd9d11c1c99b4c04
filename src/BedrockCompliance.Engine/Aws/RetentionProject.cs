namespace BedrockCompliance.Engine.Aws;

/// <summary>A Bedrock project (control plane or mantle) and its own data retention setting.</summary>
internal sealed class RetentionProject
{
    public string Id { get; set; } = "";
    public string? Name { get; set; }
    public string? Arn { get; set; }
    /// <summary>active or archived (control plane); null when the surface does not say.</summary>
    public string? Status { get; set; }
    /// <summary>The project's own wire mode (inherit when not set).</summary>
    public string ModeText { get; set; } = "inherit";
    public DataRetentionMode? Mode { get; set; } = DataRetentionMode.Inherit;
}
