namespace BedrockCompliance.Emulator.Protocols;

/// <summary>The AWS services served on the emulator's single origin.</summary>
public enum AwsService { Bedrock, BedrockRuntime, BedrockMantle, Sts, CloudTrail, Ec2, Iam, S3, Logs, Sso, SsoOidc, Organizations }

/// <summary>Wire protocols. <see cref="Mantle"/> is the OpenAI-compatible JSON of bedrock-mantle.</summary>
public enum AwsProtocol { RestJson, Json11, StsQuery, Ec2Query, IamQuery, S3Xml, Mantle }

public static class AwsServiceInfo
{
    /// <summary>SigV4 signing name. Both Bedrock services sign as <c>bedrock</c>; mantle as
    /// <c>bedrock-mantle</c> (bedrock-privacy-2026.md §0, [L]).</summary>
    public static string SigningName(this AwsService s) => s switch
    {
        AwsService.Bedrock or AwsService.BedrockRuntime => "bedrock",
        AwsService.BedrockMantle => "bedrock-mantle",
        AwsService.Sts => "sts",
        AwsService.CloudTrail => "cloudtrail",
        AwsService.Ec2 => "ec2",
        AwsService.Iam => "iam",
        AwsService.S3 => "s3",
        AwsService.Logs => "logs",
        AwsService.Sso => "awsssoportal",
        AwsService.SsoOidc => "sso-oauth",
        AwsService.Organizations => "organizations",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static AwsProtocol Protocol(this AwsService s) => s switch
    {
        AwsService.Bedrock or AwsService.BedrockRuntime => AwsProtocol.RestJson,
        AwsService.BedrockMantle => AwsProtocol.Mantle,
        AwsService.CloudTrail or AwsService.Logs or AwsService.Organizations => AwsProtocol.Json11,
        AwsService.Sso or AwsService.SsoOidc => AwsProtocol.RestJson,
        AwsService.Sts => AwsProtocol.StsQuery,
        AwsService.Ec2 => AwsProtocol.Ec2Query,
        AwsService.Iam => AwsProtocol.IamQuery,
        AwsService.S3 => AwsProtocol.S3Xml,
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    /// <summary>IAM action prefix, used in AccessDenied messages and qualified denials.</summary>
    public static string IamPrefix(this AwsService s) => s switch
    {
        AwsService.Bedrock or AwsService.BedrockRuntime => "bedrock",
        AwsService.BedrockMantle => "bedrock-mantle",
        AwsService.Sts => "sts",
        AwsService.CloudTrail => "cloudtrail",
        AwsService.Iam => "iam",
        AwsService.S3 => "s3",
        AwsService.Logs => "logs",
        AwsService.Sso => "sso",
        AwsService.SsoOidc => "sso-oauth",
        AwsService.Organizations => "organizations",
        _ => "ec2",
    };

    /// <summary>Whether the service accepts Bedrock API keys (<c>Authorization: Bearer</c>).</summary>
    public static bool AcceptsBearer(this AwsService s) =>
        s is AwsService.Bedrock or AwsService.BedrockRuntime or AwsService.BedrockMantle;

    /// <summary>IAM's action name for an operation where it differs from the operation name.</summary>
    public static string IamAction(this AwsService s, string operation) => (s, operation) switch
    {
        (AwsService.BedrockRuntime, "Converse") => "InvokeModel",
        (AwsService.S3, "GetBucketEncryption") => "GetEncryptionConfiguration",
        (AwsService.BedrockMantle, "CreateResponse" or "CreateChatCompletion") => "CreateInference",
        _ => operation,
    };
}
