namespace BedrockCompliance.Engine.Policy;

/// <summary>The lists of a draft the packer fills item by item.</summary>
internal enum AccessPolicyListKind
{
    /// <summary>DenyListed model patterns.</summary>
    Deny,
    /// <summary>AllowListOnly agreement deny patterns.</summary>
    Agreement,
    /// <summary>Marketplace product IDs.</summary>
    Product,
}
