namespace BedrockCompliance.Engine.Aws;

/// <summary>contentPolicy.filters[] of GetGuardrail.</summary>
internal sealed class GuardrailContentFilter
{
    /// <summary>HATE, INSULTS, MISCONDUCT, PROMPT_ATTACK, SEXUAL, VIOLENCE.</summary>
    public string Type { get; set; } = "";
    /// <summary>NONE, LOW, MEDIUM, HIGH.</summary>
    public string? InputStrength { get; set; }
    public string? OutputStrength { get; set; }
    /// <summary>False only when the service says the input path is disabled.</summary>
    public bool? InputEnabled { get; set; }
}
