namespace BedrockCompliance.Emulator.Protocols;

/// <summary>The AWS services served on the emulator's single origin.</summary>
public enum AwsService { Bedrock, BedrockRuntime, Sts, CloudTrail, Ec2 }

public enum AwsProtocol { RestJson, Json11, StsQuery, Ec2Query }

public static class AwsServiceInfo
{
    /// <summary>SigV4 signing name. Both Bedrock services sign as <c>bedrock</c>.</summary>
    public static string SigningName(this AwsService s) => s switch
    {
        AwsService.Bedrock or AwsService.BedrockRuntime => "bedrock",
        AwsService.Sts => "sts",
        AwsService.CloudTrail => "cloudtrail",
        AwsService.Ec2 => "ec2",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static AwsProtocol Protocol(this AwsService s) => s switch
    {
        AwsService.Bedrock or AwsService.BedrockRuntime => AwsProtocol.RestJson,
        AwsService.CloudTrail => AwsProtocol.Json11,
        AwsService.Sts => AwsProtocol.StsQuery,
        AwsService.Ec2 => AwsProtocol.Ec2Query,
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    /// <summary>IAM action prefix, used in AccessDenied messages.</summary>
    public static string IamPrefix(this AwsService s) => s switch
    {
        AwsService.Bedrock or AwsService.BedrockRuntime => "bedrock",
        AwsService.Sts => "sts",
        AwsService.CloudTrail => "cloudtrail",
        _ => "ec2",
    };
}
