namespace BedrockCompliance.Engine.Aws;

/// <summary>The default encryption of an S3 bucket (GetBucketEncryption); Configured false when the bucket has none.</summary>
internal sealed class BucketEncryption
{
    public bool Configured { get; set; }
    /// <summary>AES256, aws:kms or aws:kms:dsse.</summary>
    public string? Algorithm { get; set; }
    public string? KmsKeyId { get; set; }
    public bool IsKms => Algorithm != null && Algorithm.StartsWith("aws:kms", System.StringComparison.Ordinal);
}
