namespace BedrockCompliance.Emulator.Auth;

/// <summary>The authenticated caller. <see cref="AccessKeyId"/> is null for bearer-token calls.</summary>
public sealed record Principal(string AccountId, string Arn, string UserId, string? AccessKeyId, bool IsAssumedRole)
{
    public bool IsManagementUser => !IsAssumedRole && AccountId == EmulatorOptions.ManagementAccountId;
}
