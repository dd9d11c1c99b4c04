namespace BedrockCompliance.Engine.Aws;

/// <summary>The parts of GetGuardrail the privacy checks judge: the guardrail as listed, and its policies.</summary>
/// <param name="PiiEntities">sensitiveInformationPolicy.piiEntities[].type (with action).</param>
/// <param name="Regexes">sensitiveInformationPolicy.regexes[].name.</param>
internal sealed record GuardrailDetail(string Id, string? Arn, string? Name, string? Version, string? Status,
    IReadOnlyList<GuardrailContentFilter> ContentFilters, bool HasSensitiveInformationPolicy, IReadOnlyList<string> PiiEntities, IReadOnlyList<string> Regexes)
    : GuardrailSummary(Id, Arn, Name, Version, Status);
