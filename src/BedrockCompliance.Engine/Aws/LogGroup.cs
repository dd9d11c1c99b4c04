namespace BedrockCompliance.Engine.Aws;

/// <summary>A CloudWatch Logs group and its KMS key (null: CloudWatch's own encryption, no customer key).</summary>
internal sealed record LogGroup(string Name, string? Arn, string? KmsKeyId);
