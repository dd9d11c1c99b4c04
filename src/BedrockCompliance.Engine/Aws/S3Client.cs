using System.Net.Http;

namespace BedrockCompliance.Engine.Aws;

/// <summary>S3 REST-XML, path-style on the regional endpoint: the default encryption of an invocation-log bucket.</summary>
internal sealed class S3Client(AwsHttpSender sender)
{
    static readonly AwsRequestOptions RestXml = new AwsRequestOptions { ErrorParser = ParseError };

    /// <summary>GET /{bucket}?encryption. ServerSideEncryptionConfigurationNotFoundError means no default encryption.</summary>
    public async Task<BucketEncryption> GetBucketEncryptionAsync(string bucket, CancellationToken ct)
    {
        const string op = "GetBucketEncryption";
        if (string.IsNullOrWhiteSpace(bucket) || bucket.IndexOf('/') >= 0)
            throw new ArgumentException($"'{bucket}' is not an S3 bucket name.", nameof(bucket));
        AwsResponse response;
        try
        {
            response = await sender.SendAsync(AwsService.S3, op, HttpMethod.Get, "/" + Uri.EscapeDataString(bucket) + "?encryption", null, null, RestXml, ct).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "ServerSideEncryptionConfigurationNotFoundError")
        {
            return new BucketEncryption { Configured = false };
        }
        var root = QueryXml.Load(AwsService.S3, op, response, "ServerSideEncryptionConfiguration");
        var rule = QueryXml.Child(root, "Rule");
        var apply = rule == null ? null : QueryXml.Child(rule, "ApplyServerSideEncryptionByDefault");
        if (apply == null) return new BucketEncryption { Configured = false };
        return new BucketEncryption
        {
            Configured = true,
            Algorithm = QueryXml.Required(AwsService.S3, op, response, apply, "SSEAlgorithm", "Rule.ApplyServerSideEncryptionByDefault."),
            KmsKeyId = QueryXml.Optional(apply, "KMSMasterKeyID"),
        };
    }

    /// <summary>S3 errors are a bare &lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;RequestId/&gt;&lt;/Error&gt; (no envelope).</summary>
    public static AwsServiceException ParseError(AwsService service, string operation, AwsResponse response)
    {
        try
        {
            var root = QueryXml.Load(service, operation, response, "Error");
            string code = QueryXml.Optional(root, "Code") ?? $"Http{response.StatusCode}";
            return new AwsServiceException(service.DisplayName, operation, AwsErrorCodes.Sanitize(code), QueryXml.Optional(root, "Message"),
                response.StatusCode, response.RequestId ?? QueryXml.Optional(root, "RequestId"));
        }
        catch (AwsResponseFormatException)
        {
            return QueryXml.ParseError(service, operation, response);
        }
    }
}
