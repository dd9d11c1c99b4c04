namespace BedrockCompliance.Engine.Privacy.Checks;

/// <summary>One model's retention facts and where they came from.</summary>
internal sealed class ModelRetention
{
    public string ModelId { get; set; } = "";
    public DataRetentionMode? Minimum { get; set; }
    public string Source { get; set; } = "";
    public bool FlaggedTrafficRetained { get; set; }
    public bool Available { get; set; }
    public string? Note { get; set; }
}
