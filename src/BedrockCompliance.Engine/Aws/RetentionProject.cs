using System.Text.Json;

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

    /// <summary>
    /// A project object of either surface; <paramref name="retentionMember"/> is its retention object's name
    /// (dataRetention on the control plane, data_retention on mantle). HasRetention says whether it was there.
    /// </summary>
    public static (RetentionProject Project, bool HasRetention) Read(JsonElement p, string path, string retentionMember)
    {
        var retention = JsonShape.OptionalObject(p, retentionMember, path);
        string mode = retention is { } r ? JsonShape.OptionalString(r, "mode", path + retentionMember + ".") ?? "inherit" : "inherit";
        return (new RetentionProject
        {
            Id = JsonShape.String(p, "id", path),
            Name = JsonShape.OptionalString(p, "name", path),
            Arn = JsonShape.OptionalString(p, "arn", path),
            Status = JsonShape.OptionalString(p, "status", path),
            ModeText = mode,
            Mode = DataRetentionModes.TryParse(mode, out var m) ? m : (DataRetentionMode?)null,
        }, retention != null);
    }
}
