using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Privacy.Retention;

/// <summary>
/// What one API surface (the control plane or the mantle endpoint) said about retention in a region: the account
/// setting and every project's own setting, or why either could not be read. The two surfaces are independent settings.
/// </summary>
internal sealed class RetentionSurface
{
    public const string ControlPlane = "control plane (bedrock)";
    public const string Mantle = "mantle endpoint (bedrock-mantle)";

    public string Name { get; set; } = ControlPlane;
    /// <summary>Prefix of the Resources entries: 'bedrock' or 'bedrock-mantle'.</summary>
    public string Key { get; set; } = "bedrock";
    public DataRetentionSetting? Account { get; set; }
    public Exception? AccountError { get; set; }
    public IReadOnlyList<RetentionProject>? Projects { get; set; }
    public Exception? ProjectsError { get; set; }
}
