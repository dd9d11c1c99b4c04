namespace BedrockCompliance.Engine.Aws;

/// <summary>One guardrail of ListGuardrails.</summary>
internal record GuardrailSummary(string Id, string? Arn = null, string? Name = null, string? Version = null, string? Status = null);
