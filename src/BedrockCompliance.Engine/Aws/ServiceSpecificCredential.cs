namespace BedrockCompliance.Engine.Aws;

/// <summary>An IAM service-specific credential; for bedrock.amazonaws.com, a long-term Bedrock API key.</summary>
internal sealed class ServiceSpecificCredential
{
    public string UserName { get; set; } = "";
    public string Id { get; set; } = "";
    public string ServiceName { get; set; } = "";
    /// <summary>Active, Inactive or Expired.</summary>
    public string Status { get; set; } = "";
    public DateTimeOffset? CreateDate { get; set; }
    /// <summary>Null: the key never expires (the safe reading of an absent ExpirationDate).</summary>
    public DateTimeOffset? ExpirationDate { get; set; }
}
