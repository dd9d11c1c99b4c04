namespace BedrockCompliance.Emulator.State;

/// <summary>A Bedrock project (control plane §3.2 and mantle §3.1 show the same objects).</summary>
public sealed record ProjectRecord(string Id, string Name, RetentionSetting Retention, DateTimeOffset CreatedAt, DateTimeOffset? ArchivedAt)
{
    public const string DefaultId = "default";
    public string Status => ArchivedAt is null ? "active" : "archived";
    public string Arn(string region, string accountId) => $"arn:aws:bedrock:{region}:{accountId}:project/{Id}";
}

/// <summary>A guardrail as GetGuardrail returns it (the stored JSON carries the policies; identity and
/// timestamps are filled in when it is stored).</summary>
public sealed record GuardrailRecord(string Id, string Version, JsonObject Body);

/// <summary>An account-level enforced guardrail configuration (PutEnforcedGuardrailConfiguration).</summary>
public sealed record EnforcedGuardrailRecord(
    string ConfigId, string GuardrailId, string GuardrailArn, string GuardrailVersion, JsonObject? SelectiveContentGuarding,
    JsonObject? ModelEnforcement, string? InputTags, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy);

/// <summary>An inference profile added through the control API (application profiles, or a system-defined
/// profile that replaces the generated one with the same ID).</summary>
public sealed record InferenceProfileRecord(string Id, string Name, string Type, string Status, string? Description,
    IReadOnlyList<string> ModelArns, DateTimeOffset CreatedAt);

/// <summary>A CloudWatch Logs log group (DescribeLogGroups) with its optional KMS key.</summary>
public sealed record LogGroupRecord(string Name, string? KmsKeyId, int? RetentionInDays, DateTimeOffset CreatedAt);

/// <summary>An S3 bucket's default encryption; null <see cref="Encryption"/> = no configuration.</summary>
public sealed record BucketRecord(string Name, string Region, JsonObject? Encryption);

/// <summary>An IAM user of the account.</summary>
public sealed record IamUserRecord(string UserName, string UserId, DateTimeOffset CreateDate);

/// <summary>An IAM service-specific credential (a long-term Bedrock API key when the service is bedrock).</summary>
public sealed record ServiceCredentialRecord(
    string Id, string UserName, string ServiceName, string Status, DateTimeOffset CreateDate, DateTimeOffset? ExpirationDate,
    string Alias, string Secret)
{
    public string StatusAt(DateTimeOffset now) => ExpirationDate is { } e && now >= e ? "Expired" : Status;
}
