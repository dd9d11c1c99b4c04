namespace BedrockCompliance.Engine.Aws;

/// <summary>An account-level enforced guardrail (ListEnforcedGuardrailsConfiguration; organisation ones are not listed).</summary>
internal sealed class EnforcedGuardrailConfiguration
{
    public string? ConfigId { get; set; }
    public string? GuardrailArn { get; set; }
    public string? GuardrailId { get; set; }
    public string? GuardrailVersion { get; set; }
    /// <summary>selectiveContentGuarding.system / .messages: SELECTIVE or COMPREHENSIVE (null: not set).</summary>
    public string? SystemGuarding { get; set; }
    public string? MessagesGuarding { get; set; }
    /// <summary>Deprecated HONOR|IGNORE.</summary>
    public string? InputTags { get; set; }
    /// <summary>Null when modelEnforcement is absent (all models).</summary>
    public IReadOnlyList<string>? IncludedModels { get; set; }
    public IReadOnlyList<string> ExcludedModels { get; set; } = new string[0];
    public string? Owner { get; set; }
}
