namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// Where one part of a connection came from: Part ('Region', 'Credentials', 'Bedrock endpoint', …), Source (the
/// parameter, variable, profile or chain) and Value (the region, endpoint or credential kind). Never a secret:
/// an access key id appears masked (<see cref="ConnectionResolver.MaskKeyId"/>).
/// </summary>
internal sealed class ProvenanceEntry
{
    public const string RegionPart = "Region";
    public const string CredentialsPart = "Credentials";
    public const string BearerPart = "Bedrock authentication";

    public ProvenanceEntry(string part, string source, string? value)
    {
        Part = part;
        Source = source;
        Value = value;
    }

    public string Part { get; }
    public string Source { get; }
    public string? Value { get; }

    /// <summary>The -Verbose line: 'Region: us-east-1 (from AWS_REGION)', 'Credentials: profile 'x' (static keys)'.</summary>
    public override string ToString() =>
        Value == null ? $"{Part}: {Source}"
        : Part == CredentialsPart ? $"{Part}: {Source} ({Value})"
        : $"{Part}: {Value} (from {Source})";
}
