using System.Text.Json;

namespace BedrockCompliance.Engine.Aws;

/// <summary>A Bedrock project (control plane or mantle) and its own data retention setting.</summary>
/// <param name="ModeText">The project's own wire mode (inherit when not set).</param>
/// <param name="Mode">The parsed mode; null when the service sent one this module does not know.</param>
/// <param name="Status">active or archived (control plane); null when the surface does not say.</param>
internal sealed record RetentionProject(string Id, string ModeText = "inherit", DataRetentionMode? Mode = DataRetentionMode.Inherit,
    string? Name = null, string? Arn = null, string? Status = null)
{
    /// <summary>
    /// A project object of either surface; <paramref name="retentionMember"/> is its retention object's name
    /// (dataRetention on the control plane, data_retention on mantle). HasRetention says whether it was there.
    /// </summary>
    public static (RetentionProject Project, bool HasRetention) Read(JsonElement p, string path, string retentionMember)
    {
        var retention = JsonShape.OptionalObject(p, retentionMember, path);
        string mode = retention is { } r ? JsonShape.OptionalString(r, "mode", path + retentionMember + ".") ?? "inherit" : "inherit";
        return (new RetentionProject(JsonShape.String(p, "id", path), mode, DataRetentionModes.TryParse(mode, out var m) ? m : null,
            JsonShape.OptionalString(p, "name", path), JsonShape.OptionalString(p, "arn", path), JsonShape.OptionalString(p, "status", path)), retention != null);
    }
}
