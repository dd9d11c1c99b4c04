using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Privacy;

/// <summary>The clients the checks call, built once per target over one sender (one gate, limiter and retry policy).</summary>
internal sealed class PrivacyClients
{
    public PrivacyClients(AwsHttpSender sender)
    {
        CloudTrail = new CloudTrailClient(sender);
        Ec2 = new Ec2Client(sender);
        Bedrock = new BedrockClient(sender);
        BedrockPrivacy = new BedrockPrivacyClient(sender);
        Mantle = new MantleClient(sender);
        Iam = new IamClient(sender);
        S3 = new S3Client(sender);
        Logs = new CloudWatchLogsClient(sender);
    }

    public CloudTrailClient CloudTrail { get; }
    public Ec2Client Ec2 { get; }
    public BedrockClient Bedrock { get; }
    public BedrockPrivacyClient BedrockPrivacy { get; }
    public MantleClient Mantle { get; }
    public IamClient Iam { get; }
    public S3Client S3 { get; }
    public CloudWatchLogsClient Logs { get; }
}
