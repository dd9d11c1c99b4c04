namespace BedrockCompliance.Emulator.Auth;

/// <summary>The authenticated caller. <see cref="AccessKeyId"/> is null for bearer-token calls.</summary>
public sealed record Principal(string AccountId, string Arn, string UserId, string? AccessKeyId, bool IsAssumedRole)
{
    /// <summary>The management account's IAM user: the example access key and the fixed bearer token act as it.</summary>
    public static Principal ManagementUser { get; } = new(EmulatorOptions.ManagementAccountId, EmulatorOptions.ManagementPrincipalArn,
        EmulatorOptions.ManagementUserId, null, IsAssumedRole: false);

    public bool IsManagementUser => !IsAssumedRole && AccountId == EmulatorOptions.ManagementAccountId;
}
