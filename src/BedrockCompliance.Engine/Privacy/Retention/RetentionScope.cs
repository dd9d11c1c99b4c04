using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Privacy.Retention;

/// <summary>One judged scope (an account setting or a project) with its own and its effective mode.</summary>
internal sealed class RetentionScope
{
    public string Surface { get; set; } = "";
    public string Key { get; set; } = "";
    /// <summary>Null for the account setting.</summary>
    public RetentionProject? Project { get; set; }
    public string OwnModeText { get; set; } = "";
    /// <summary>The first non-inherit value of project → account → model default ('default' stands for the model default).</summary>
    public DataRetentionMode Effective { get; set; }
    /// <summary>Where the effective mode came from: 'its own setting', 'the account', 'each model's default'.</summary>
    public string ResolvedFrom { get; set; } = "";

    public string Describe(string region) =>
        (Project == null ? "the account setting" : $"project '{Project.Id}'{(Project.Name != null && Project.Name != Project.Id ? $" ({Project.Name})" : "")}") +
        $" on the {Surface} in {region}";

    public string Resource => Key + ":" + (Project == null ? "account" : "project/" + Project.Id) + "=" + DataRetentionModes.ToWire(Effective);
}
