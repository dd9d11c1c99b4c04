namespace BedrockCompliance.Engine.Aws;

/// <summary>An account's data retention mode on one API surface (control plane or mantle) in one Region.</summary>
internal sealed class DataRetentionSetting
{
    /// <summary>The wire value as sent; null or unknown values are kept so the check can say what it saw.</summary>
    public string ModeText { get; set; } = "";
    /// <summary>Parsed mode; null when the service sent a value this module does not know.</summary>
    public DataRetentionMode? Mode { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The setting as either surface sends it: the wire mode kept, parsed where known.</summary>
    public static DataRetentionSetting From(string modeText, DateTimeOffset? updatedAt) => new DataRetentionSetting
    {
        ModeText = modeText,
        Mode = DataRetentionModes.TryParse(modeText, out var m) ? m : (DataRetentionMode?)null,
        UpdatedAt = updatedAt,
    };
}
