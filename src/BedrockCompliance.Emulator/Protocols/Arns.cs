namespace BedrockCompliance.Emulator.Protocols;

/// <summary>The IAM and STS ARN forms the emulator hands out (aws partition only), and reading an ID out of an ARN.</summary>
public static class Arns
{
    public static string IamUser(string accountId, string userName) => $"arn:aws:iam::{accountId}:user/{userName}";

    public static string IamRole(string accountId, string roleName) => $"arn:aws:iam::{accountId}:role/{roleName}";

    public static string AssumedRole(string accountId, string roleName, string sessionName) =>
        $"arn:aws:sts::{accountId}:assumed-role/{roleName}/{sessionName}";

    /// <summary>The resource ID that an identifier names: an ARN's last path segment, or the identifier itself.</summary>
    public static string ResourceId(string identifier) =>
        identifier.StartsWith("arn:", StringComparison.Ordinal) ? identifier[(identifier.LastIndexOf('/') + 1)..] : identifier;
}
