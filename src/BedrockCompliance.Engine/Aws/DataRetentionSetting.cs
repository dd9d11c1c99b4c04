namespace BedrockCompliance.Engine.Aws;

/// <summary>An account's data retention mode on one API surface (control plane or mantle) in one Region.</summary>
/// <param name="ModeText">The wire value as sent; null or unknown values are kept so the check can say what it saw.</param>
/// <param name="Mode">Parsed mode; null when the service sent a value this module does not know.</param>
internal sealed record DataRetentionSetting(string ModeText, DataRetentionMode? Mode, DateTimeOffset? UpdatedAt)
{
    /// <summary>The setting as either surface sends it: the wire mode kept, parsed where known.</summary>
    public static DataRetentionSetting From(string modeText, DateTimeOffset? updatedAt) =>
        new DataRetentionSetting(modeText, DataRetentionModes.TryParse(modeText, out var m) ? m : null, updatedAt);
}
