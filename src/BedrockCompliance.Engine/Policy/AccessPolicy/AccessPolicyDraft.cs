namespace BedrockCompliance.Engine.Policy;

/// <summary>What one document will contain while it is being packed; the renderer turns it into JSON.</summary>
internal sealed class AccessPolicyDraft
{
    /// <summary>AllowListOnly: NotResource model patterns (whole, in the first document).</summary>
    public List<string>? AllowList;
    /// <summary>DenyListed: invoke + agreement Resource model patterns (also the mantle model condition).</summary>
    public readonly List<string> DenyPatterns = new List<string>();
    /// <summary>AllowListOnly: agreement Resource model patterns.</summary>
    public readonly List<string> AgreementPatterns = new List<string>();
    public readonly List<string> ProductIds = new List<string>();
    /// <summary>The first document also carries the statements that do not depend on the model list (residency, retention, keys).</summary>
    public bool First;
    /// <summary>The size as AWS counts it, kept up to date by the packer without re-rendering.</summary>
    public int Size;

    public bool IsEmpty => AllowList == null && DenyPatterns.Count == 0 && AgreementPatterns.Count == 0 && ProductIds.Count == 0;
}
