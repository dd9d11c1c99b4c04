namespace BedrockCompliance.Engine.Aws;

/// <summary>The parts of GetGuardrail the privacy checks judge.</summary>
internal sealed class GuardrailDetail
{
    public string Id { get; set; } = "";
    public string? Arn { get; set; }
    public string? Name { get; set; }
    public string? Version { get; set; }
    public string? Status { get; set; }
    public IReadOnlyList<GuardrailContentFilter> ContentFilters { get; set; } = new GuardrailContentFilter[0];
    /// <summary>sensitiveInformationPolicy.piiEntities[].type (with action) and regexes[].name.</summary>
    public IReadOnlyList<string> PiiEntities { get; set; } = new string[0];
    public IReadOnlyList<string> Regexes { get; set; } = new string[0];
    public bool HasSensitiveInformationPolicy { get; set; }
}
