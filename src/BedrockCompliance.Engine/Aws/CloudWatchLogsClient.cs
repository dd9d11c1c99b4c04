namespace BedrockCompliance.Engine.Aws;

/// <summary>CloudWatch Logs over JSON 1.1: the KMS key of an invocation-log group.</summary>
internal sealed class CloudWatchLogsClient(AwsHttpSender sender)
{
    const string TargetPrefix = "Logs_20140328.";

    /// <summary>DescribeLogGroups by name prefix; returns the group whose name is exactly <paramref name="name"/>, or null.</summary>
    public async Task<LogGroup?> FindLogGroupAsync(string name, CancellationToken ct)
    {
        const string op = "DescribeLogGroups";
        LogGroup? found = null;
        await AwsPaging.FollowAsync(AwsService.CloudWatchLogs, op, "nextToken", async token =>
        {
            var response = await sender.SendJson11Async(AwsService.CloudWatchLogs, TargetPrefix, op, w =>
            {
                w.WriteString("logGroupNamePrefix", name);
                if (token != null) w.WriteString("nextToken", token);
            }, ct).ConfigureAwait(false);
            string? next = JsonShape.ParseResponse(AwsService.CloudWatchLogs, op, response, root =>
            {
                found = JsonShape.Objects(root, "logGroups", "", (g, p) => new LogGroup(
                    JsonShape.String(g, "logGroupName", p), JsonShape.OptionalString(g, "arn", p), JsonShape.OptionalString(g, "kmsKeyId", p)),
                    required: false).FirstOrDefault(g => g.Name == name);
                return JsonShape.OptionalString(root, "nextToken", "");
            });
            // The group is found: no further page is needed.
            return (found != null ? null : next, response.RequestId);
        }).ConfigureAwait(false);
        return found;
    }
}
