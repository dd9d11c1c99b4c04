namespace BedrockCompliance.Engine.Aws;

/// <summary>A CloudWatch Logs group and its KMS key (null: CloudWatch's own encryption, no customer key).</summary>
internal sealed class LogGroup
{
    public string Name { get; set; } = "";
    public string? Arn { get; set; }
    public string? KmsKeyId { get; set; }
}
