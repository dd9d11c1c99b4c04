using System.Net.Http;

namespace BedrockCompliance.Engine.Aws;

/// <summary>CloudWatch Logs over JSON 1.1: the KMS key of an invocation-log group.</summary>
internal sealed class CloudWatchLogsClient
{
    const string ContentType = "application/x-amz-json-1.1";
    readonly AwsHttpSender _sender;

    public CloudWatchLogsClient(AwsHttpSender sender) => _sender = sender;

    /// <summary>DescribeLogGroups by name prefix; returns the group whose name is exactly <paramref name="name"/>, or null.</summary>
    public async Task<LogGroup?> FindLogGroupAsync(string name, CancellationToken ct)
    {
        const string op = "DescribeLogGroups";
        string? token = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int page = 1; ; page++)
        {
            byte[] body = JsonShape.Body(w =>
            {
                w.WriteString("logGroupNamePrefix", name);
                if (token != null) w.WriteString("nextToken", token);
            });
            var options = new AwsRequestOptions { Headers = new Dictionary<string, string> { ["X-Amz-Target"] = "Logs_20140328." + op } };
            var response = await _sender.SendAsync(AwsService.CloudWatchLogs, op, HttpMethod.Post, "/", body, ContentType, options, ct).ConfigureAwait(false);
            LogGroup? found = null;
            token = JsonShape.ParseResponse(AwsService.CloudWatchLogs, op, response, root =>
            {
                found = JsonShape.Array(root, "logGroups", "", required: false).Select((g, i) =>
                {
                    string p = $"logGroups[{i}].";
                    JsonShape.RequireObject(g, p);
                    return new LogGroup
                    {
                        Name = JsonShape.String(g, "logGroupName", p),
                        Arn = JsonShape.OptionalString(g, "arn", p),
                        KmsKeyId = JsonShape.OptionalString(g, "kmsKeyId", p),
                    };
                }).FirstOrDefault(g => g.Name == name);
                return JsonShape.OptionalString(root, "nextToken", "");
            });
            if (found != null || string.IsNullOrEmpty(token)) return found;
            if (!seen.Add(token!) || page >= 100)
                throw new AwsResponseFormatException(AwsService.CloudWatchLogs.DisplayName, op, $"page {page} repeats a nextToken or exceeds 100 pages", response.RequestId);
        }
    }
}
