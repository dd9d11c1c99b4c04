using BedrockCompliance.Engine.Aws;
using static BedrockCompliance.Engine.Privacy.PrivacyText;

namespace BedrockCompliance.Engine.Privacy.Checks;

/// <summary>
/// The invocation-log destinations are encrypted with a KMS key: the S3 bucket's default encryption is aws:kms (not
/// SSE-S3) and the CloudWatch log group has a kmsKeyId (Prowler's bedrock_model_invocation_logs_encryption_enabled).
/// No logging configured means nothing is stored: a pass.
/// </summary>
internal sealed class InvocationLogEncryptionCheck() : PrivacyCheckBase(PrivacyCheck.InvocationLogEncryption,
    "bedrock:GetModelInvocationLoggingConfiguration, s3:GetEncryptionConfiguration and logs:DescribeLogGroups")
{
    protected override async Task<BedrockPrivacyCheck> GatherAndJudgeAsync(PrivacyCheckContext context, CancellationToken ct)
    {
        var config = await context.Clients.Bedrock.GetModelInvocationLoggingConfigurationAsync(ct).ConfigureAwait(false);
        var destinations = new List<LogDestination>();
        if (config.Configured && config.S3Bucket != null)
            destinations.Add(await DestinationAsync("s3://" + config.S3Bucket, async () =>
            {
                var e = await context.Clients.S3.GetBucketEncryptionAsync(config.S3Bucket, ct).ConfigureAwait(false);
                return (e.IsKms, !e.Configured ? "has no default encryption"
                    : e.IsKms ? $"is encrypted with {e.Algorithm} ({e.KmsKeyId ?? "the AWS managed key"})" : $"uses {e.Algorithm} (S3-managed keys, not KMS)");
            }, ct).ConfigureAwait(false));
        if (config.Configured && config.CloudWatchLogGroup != null)
            destinations.Add(await DestinationAsync("cloudwatch:" + config.CloudWatchLogGroup, async () =>
            {
                var g = await context.Clients.Logs.FindLogGroupAsync(config.CloudWatchLogGroup, ct).ConfigureAwait(false);
                return (g?.KmsKeyId != null,
                    g == null ? "does not exist" : g.KmsKeyId != null ? $"is encrypted with {g.KmsKeyId}" : "has no KMS key (CloudWatch's own encryption only)");
            }, ct).ConfigureAwait(false));
        return Judge(context.Region, config.Configured, destinations, Permissions);
    }

    /// <summary>One destination's encryption, or why it could not be read (its Encrypted stays null).</summary>
    static async Task<LogDestination> DestinationAsync(string resource, Func<Task<(bool Encrypted, string Found)>> read, CancellationToken ct)
    {
        var (found, error) = await CheckFailures.TryReadAsync(read, ct).ConfigureAwait(false);
        return error != null
            ? new LogDestination { Resource = resource, Error = error, Found = "could not be read: " + Reason(error) }
            : new LogDestination { Resource = resource, Encrypted = found.Encrypted, Found = found.Found };
    }

    public static BedrockPrivacyCheck Judge(string region, bool configured, IReadOnlyList<LogDestination> destinations, string permissions = "s3:GetEncryptionConfiguration and logs:DescribeLogGroups")
    {
        var result = new BedrockPrivacyCheck
        {
            Check = PrivacyCheck.InvocationLogEncryption,
            Requirement = "every invocation-log destination encrypted with a KMS key",
            Resources = destinations.Select(d => d.Resource).ToArray(),
        };
        string found = string.Join("; ", destinations.Select(d => $"{d.Resource} {d.Found}"));
        if (!configured || destinations.Count == 0)
        {
            result.Status = PrivacyCheckStatus.Pass;
            result.Detail = $"No invocation-log destination in {region}: prompts and responses are not stored by logging.";
            return result;
        }
        var plain = destinations.Where(d => d.Encrypted == false).ToList();
        if (plain.Count > 0)
        {
            result.Status = PrivacyCheckStatus.Fail;
            result.Detail = Cap($"Invocation logs (prompts and responses) are stored without a KMS key: {found}.");
            result.Remediation = string.Join(" ", plain.Select(d => d.Resource.StartsWith("s3://", StringComparison.Ordinal)
                ? $"aws s3api put-bucket-encryption --bucket {d.Resource.Substring(5)} --server-side-encryption-configuration '{{\"Rules\":[{{\"ApplyServerSideEncryptionByDefault\":{{\"SSEAlgorithm\":\"aws:kms\",\"KMSMasterKeyID\":\"<key ARN>\"}},\"BucketKeyEnabled\":true}}]}}' (existing objects stay as they are)."
                : $"aws logs associate-kms-key --region {region} --log-group-name {d.Resource.Substring(11)} --kms-key-id <key ARN> (the key policy must allow logs.{region}.amazonaws.com)."));
            return result;
        }
        var unread = destinations.Where(d => d.Encrypted == null).ToList();
        if (unread.Count > 0)
        {
            result.Status = PrivacyCheckStatus.Unknown;
            result.ErrorCode = unread.Select(d => d.Error).Where(e => e != null).Select(e => CheckFailures.ErrorCodeOf(e!)).FirstOrDefault();
            result.Detail = Cap($"Could not verify: {found}.");
            result.Remediation = CheckFailures.UnreadRemediation(unread.Select(d => d.Error), permissions, region);
            return result;
        }
        result.Status = PrivacyCheckStatus.Pass;
        result.Detail = Cap($"Every invocation-log destination in {region} is KMS-encrypted: {found}.");
        return result;
    }
}
