using BedrockCompliance.Engine.Aws;
using static BedrockCompliance.Engine.Privacy.PrivacyText;

namespace BedrockCompliance.Engine.Privacy.Checks;

/// <summary>Model-invocation logging as the organisation requires (-RequireInvocationLogging).</summary>
internal sealed class InvocationLoggingCheck() : PrivacyCheckBase(PrivacyCheck.InvocationLogging, "bedrock:GetModelInvocationLoggingConfiguration")
{
    protected override async Task<BedrockPrivacyCheck> GatherAndJudgeAsync(PrivacyCheckContext context, CancellationToken ct)
    {
        var config = await context.Clients.Bedrock.GetModelInvocationLoggingConfigurationAsync(ct).ConfigureAwait(false);
        return Judge(context.Region, config, context.Options.InvocationLogging, context.Options.InvocationLogDataKinds);
    }

    public static BedrockPrivacyCheck Judge(string region, InvocationLoggingConfiguration config,
        InvocationLoggingRequirement? requirement, IReadOnlyList<InvocationLogDataKind> kinds)
    {
        var result = new BedrockPrivacyCheck { Check = PrivacyCheck.InvocationLogging };
        var destinations = new List<string>();
        if (config.Configured && config.CloudWatchLogGroup != null) destinations.Add("cloudwatch:" + config.CloudWatchLogGroup);
        if (config.Configured && config.S3Bucket != null) destinations.Add("s3://" + config.S3Bucket + "/" + (config.S3KeyPrefix ?? ""));
        var delivered = config.Configured ? Delivered(config) : new List<InvocationLogDataKind>();
        result.Resources = destinations.ToArray();
        result.DataKinds = delivered.Select(k => k.ToString()).ToArray();
        string found = !config.Configured
            ? $"no model-invocation logging is configured in {region}"
            : $"logging delivers {(delivered.Count > 0 ? string.Join(", ", delivered) + " data" : "no prompt or response data (metadata only)")} " +
              $"to {(destinations.Count > 0 ? string.Join(" and ", destinations) : "no destination")}";
        var wanted = kinds.Distinct().ToList();
        string putCommand = $"aws bedrock put-model-invocation-logging-configuration --region {region} --logging-config " +
            "'{\"cloudWatchConfig\":{\"logGroupName\":\"/aws/bedrock/modelinvocations\",\"roleArn\":\"arn:aws:iam::<account>:role/<logging role>\"}," +
            string.Join(",", (wanted.Count > 0 ? wanted : new List<InvocationLogDataKind> { InvocationLogDataKind.Text }).Select(k => $"\"{FlagName(k)}\":true")) + "}'";

        switch (requirement)
        {
            case null:
                result.Status = PrivacyCheckStatus.Unknown;
                result.Detail = $"Not judged: no invocation-logging requirement given. Found: {found}.";
                result.Remediation = "Pass -RequireInvocationLogging Enabled (logging required for audit), Disabled (prompts must not be stored) or Any (report only).";
                return result;
            case InvocationLoggingRequirement.Any:
                result.Requirement = "Any (report only)";
                result.Status = PrivacyCheckStatus.Pass;
                result.Detail = Capitalize(found) + ".";
                return result;
            case InvocationLoggingRequirement.Enabled:
            {
                result.Requirement = "Enabled (" + (wanted.Count > 0 ? string.Join(", ", wanted) : "any data kind") + ")";
                var missing = wanted.Where(k => !delivered.Contains(k)).ToList();
                bool ok = config.Configured && destinations.Count > 0 && (wanted.Count > 0 ? missing.Count == 0 : delivered.Count > 0);
                result.Status = ok ? PrivacyCheckStatus.Pass : PrivacyCheckStatus.Fail;
                result.Detail = Capitalize(found) + "." + (ok ? "" :
                    !config.Configured ? " Invocations leave no record of prompts and responses for audit."
                    : destinations.Count == 0 ? " The configuration names no destination."
                    : missing.Count > 0 ? $" Required but not delivered: {string.Join(", ", missing)}."
                    : " No data kind is delivered.");
                if (!ok)
                    result.Remediation = (config.Configured ? "Update the configuration (it replaces the current one; keep your destinations): " : "") + putCommand +
                        " (Bedrock console > Settings > Model invocation logging).";
                return result;
            }
            default:
            {
                var forbidden = wanted.Count > 0 ? wanted : Enum.GetValues(typeof(InvocationLogDataKind)).Cast<InvocationLogDataKind>().ToList();
                result.Requirement = "Disabled (" + (wanted.Count > 0 ? "no " + string.Join(", ", wanted) : "no data kind") + " delivered)";
                var stored = delivered.Where(forbidden.Contains).ToList();
                result.Status = stored.Count == 0 ? PrivacyCheckStatus.Pass : PrivacyCheckStatus.Fail;
                result.Detail = Capitalize(found) + "." + (stored.Count == 0 ? "" : $" {string.Join(", ", stored)} data of prompts and responses is stored, which the requirement forbids.");
                if (stored.Count > 0)
                    result.Remediation = $"Stop delivering it: aws bedrock delete-model-invocation-logging-configuration --region {region}, or put the configuration again with " +
                        string.Join(", ", stored.Select(k => FlagName(k) + "=false")) + " (Bedrock console > Settings > Model invocation logging).";
                return result;
            }
        }
    }

    internal static List<InvocationLogDataKind> Delivered(InvocationLoggingConfiguration c)
    {
        var list = new List<InvocationLogDataKind>();
        if (c.TextDataDeliveryEnabled) list.Add(InvocationLogDataKind.Text);
        if (c.ImageDataDeliveryEnabled) list.Add(InvocationLogDataKind.Image);
        if (c.EmbeddingDataDeliveryEnabled) list.Add(InvocationLogDataKind.Embedding);
        if (c.VideoDataDeliveryEnabled) list.Add(InvocationLogDataKind.Video);
        if (c.AudioDataDeliveryEnabled) list.Add(InvocationLogDataKind.Audio);
        return list;
    }

    static string FlagName(InvocationLogDataKind k) => k.ToString().ToLowerInvariant() + "DataDeliveryEnabled";
}
