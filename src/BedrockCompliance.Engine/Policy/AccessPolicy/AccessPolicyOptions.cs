namespace BedrockCompliance.Engine.Policy;

/// <summary>Options for <see cref="AccessPolicyGenerator.Generate"/>.</summary>
internal sealed class AccessPolicyOptions
{
    public AccessPolicyType Type { get; set; } = AccessPolicyType.Scp;
    public AccessPolicyStrategy Strategy { get; set; } = AccessPolicyStrategy.AllowListOnly;
    /// <summary>
    /// Regions the licence deny is limited to (aws:RequestedRegion condition); empty = every Region, the safe
    /// default. Only an explicit caller choice (Export-BedrockModelAccessPolicy -LimitToRegion) sets it.
    /// </summary>
    public IReadOnlyList<string> Regions { get; set; } = Array.Empty<string>();
    /// <summary>Data residency: deny inference outside these Regions (the policy's allowedRegions); empty = no residency statement.</summary>
    public IReadOnlyList<string> AllowedRegions { get; set; } = Array.Empty<string>();
    /// <summary>Deny setting an account or project data retention mode above this (the policy's maximumDataRetention); null = no statement.</summary>
    public DataRetentionMode? MaximumDataRetention { get; set; }
    /// <summary>Deny creating and using long-term Bedrock API keys (CallWithBearerToken with a LONG_TERM token, both endpoints).</summary>
    public bool DenyLongTermApiKeys { get; set; }
    /// <summary>Deny aws-external-anthropic:* (Claude Platform on AWS, operated by Anthropic; data may leave AWS).</summary>
    public bool DenyClaudePlatform { get; set; }
    /// <summary>Also deny bedrock-mantle:CreateInference (the OpenAI-compatible endpoint) for models not allowed.</summary>
    public bool IncludeMantle { get; set; } = true;
    public string Partition { get; set; } = "aws";
    /// <summary>Minified JSON (no white space) instead of indented.</summary>
    public bool Compress { get; set; }
    public string BaseName { get; set; } = "BedrockModelAccess";
    /// <summary>Also deny aws-marketplace:Subscribe for not-allowed models with a documented product ID.</summary>
    public bool IncludeMarketplace { get; set; } = true;
    /// <summary>Overrides the size limit (tests); null = AWS's limit for <see cref="Type"/>.</summary>
    public int? SizeLimit { get; set; }
}
