namespace BedrockCompliance.Engine.Aws;

/// <summary>An IAM service-specific credential; for bedrock.amazonaws.com, a long-term Bedrock API key.</summary>
/// <param name="Status">Active, Inactive or Expired.</param>
/// <param name="ExpirationDate">Null: the key never expires (the safe reading of an absent ExpirationDate).</param>
internal sealed record ServiceSpecificCredential(string UserName, string Id, string ServiceName, string Status, DateTimeOffset? CreateDate, DateTimeOffset? ExpirationDate);
