namespace BedrockCompliance.Engine.Aws;

/// <summary>One guardrail of ListGuardrails.</summary>
internal sealed class GuardrailSummary
{
    public string Id { get; set; } = "";
    public string? Arn { get; set; }
    public string? Name { get; set; }
    public string? Version { get; set; }
    public string? Status { get; set; }
}
