namespace BedrockCompliance.Emulator.Protocols;

/// <summary>The AWS services served on the emulator's single origin.</summary>
public enum AwsService { Bedrock, BedrockRuntime, BedrockMantle, Sts, CloudTrail, Ec2, Iam, S3, Logs, Sso, SsoOidc, Organizations }

/// <summary>Wire protocols. <see cref="Mantle"/> is the OpenAI-compatible JSON of bedrock-mantle.</summary>
public enum AwsProtocol { RestJson, Json11, StsQuery, Ec2Query, IamQuery, S3Xml, Mantle }

public static class AwsServiceInfo
{
    /// <summary>What the emulator needs to know of one service: its SigV4 signing name, its wire protocol and its IAM
    /// action prefix (used in AccessDenied messages and qualified denials).</summary>
    readonly record struct Facts(string SigningName, AwsProtocol Protocol, string IamPrefix);

    /// <summary>Both Bedrock services sign as <c>bedrock</c>; mantle as <c>bedrock-mantle</c>
    /// (bedrock-privacy-2026.md §0, [L]). The SSO portal signs as <c>awsssoportal</c> but its actions are <c>sso:</c>.</summary>
    static Facts Of(AwsService s) => s switch
    {
        AwsService.Bedrock => new("bedrock", AwsProtocol.RestJson, "bedrock"),
        AwsService.BedrockRuntime => new("bedrock", AwsProtocol.RestJson, "bedrock"),
        AwsService.BedrockMantle => new("bedrock-mantle", AwsProtocol.Mantle, "bedrock-mantle"),
        AwsService.Sts => new("sts", AwsProtocol.StsQuery, "sts"),
        AwsService.CloudTrail => new("cloudtrail", AwsProtocol.Json11, "cloudtrail"),
        AwsService.Ec2 => new("ec2", AwsProtocol.Ec2Query, "ec2"),
        AwsService.Iam => new("iam", AwsProtocol.IamQuery, "iam"),
        AwsService.S3 => new("s3", AwsProtocol.S3Xml, "s3"),
        AwsService.Logs => new("logs", AwsProtocol.Json11, "logs"),
        AwsService.Sso => new("awsssoportal", AwsProtocol.RestJson, "sso"),
        AwsService.SsoOidc => new("sso-oauth", AwsProtocol.RestJson, "sso-oauth"),
        AwsService.Organizations => new("organizations", AwsProtocol.Json11, "organizations"),
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static string SigningName(this AwsService s) => Of(s).SigningName;

    public static AwsProtocol Protocol(this AwsService s) => Of(s).Protocol;

    public static string IamPrefix(this AwsService s) => Of(s).IamPrefix;

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
