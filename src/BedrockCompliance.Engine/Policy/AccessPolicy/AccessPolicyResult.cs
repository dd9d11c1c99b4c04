namespace BedrockCompliance.Engine.Policy;

/// <summary>The generated documents and what the caller should tell the user.</summary>
internal sealed class AccessPolicyResult
{
    public IReadOnlyList<BedrockAccessPolicyDocument> Documents { get; internal set; } = Array.Empty<BedrockAccessPolicyDocument>();
    public IReadOnlyList<string> Warnings { get; internal set; } = Array.Empty<string>();
    public IReadOnlyList<string> Notes { get; internal set; } = Array.Empty<string>();
}
