namespace BedrockCompliance.Engine.Aws;

/// <summary>An account-level enforced guardrail (ListEnforcedGuardrailsConfiguration; organisation ones are not listed).</summary>
/// <param name="ExcludedModels">modelEnforcement.excludedModels (none when absent).</param>
/// <param name="IncludedModels">Null when modelEnforcement is absent (all models).</param>
/// <param name="SystemGuarding">selectiveContentGuarding.system / .messages: SELECTIVE or COMPREHENSIVE (null: not set).</param>
/// <param name="InputTags">Deprecated HONOR|IGNORE.</param>
internal sealed record EnforcedGuardrailConfiguration(IReadOnlyList<string> ExcludedModels, IReadOnlyList<string>? IncludedModels = null,
    string? ConfigId = null, string? GuardrailArn = null, string? GuardrailId = null, string? GuardrailVersion = null,
    string? SystemGuarding = null, string? MessagesGuarding = null, string? InputTags = null, string? Owner = null);
