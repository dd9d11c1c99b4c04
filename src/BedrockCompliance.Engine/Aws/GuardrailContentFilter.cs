namespace BedrockCompliance.Engine.Aws;

/// <summary>contentPolicy.filters[] of GetGuardrail.</summary>
/// <param name="Type">HATE, INSULTS, MISCONDUCT, PROMPT_ATTACK, SEXUAL, VIOLENCE.</param>
/// <param name="InputStrength">NONE, LOW, MEDIUM, HIGH (as <paramref name="OutputStrength"/>).</param>
/// <param name="InputEnabled">False only when the service says the input path is disabled.</param>
internal sealed record GuardrailContentFilter(string Type, string? InputStrength = null, string? OutputStrength = null, bool? InputEnabled = null);
