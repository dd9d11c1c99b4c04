namespace BedrockCompliance.Emulator.Protocols;

/// <summary>The IAM and STS ARN forms the emulator hands out (aws partition only).</summary>
public static class Arns
{
    public static string IamUser(string accountId, string userName) => $"arn:aws:iam::{accountId}:user/{userName}";

    public static string IamRole(string accountId, string roleName) => $"arn:aws:iam::{accountId}:role/{roleName}";

    public static string AssumedRole(string accountId, string roleName, string sessionName) =>
        $"arn:aws:sts::{accountId}:assumed-role/{roleName}/{sessionName}";
}
