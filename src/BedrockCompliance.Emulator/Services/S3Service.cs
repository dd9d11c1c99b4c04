using System.Text;
using BedrockCompliance.Emulator.Protocols;
using static BedrockCompliance.Emulator.Protocols.ErrorWriter;

namespace BedrockCompliance.Emulator.Services;

/// <summary>S3 GetBucketEncryption (REST-XML, path-style <c>GET /{bucket}?encryption</c>) for invocation-log
/// buckets. Buckets are arranged through the control API in the account that owns them.</summary>
public sealed class S3Service : IServiceHandler
{
    const string Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    public AwsResponse Handle(CallContext call) => call.Route.Operation switch
    {
        "GetBucketEncryption" => GetBucketEncryption(call),
        _ => throw new AwsException(new AwsError("NotImplemented", 501, "A header you provided implies functionality that is not implemented.")),
    };

    AwsResponse GetBucketEncryption(CallContext call)
    {
        var name = call.Route.Label!;
        State.BucketRecord? bucket;
        lock (call.Account.Gate) bucket = call.Account.Buckets.GetValueOrDefault(name);
        if (bucket is null)
            throw new AwsException(new AwsError("NoSuchBucket", 404, "The specified bucket does not exist", Resource: name));
        if (bucket.Encryption is not { } e)
            throw new AwsException(new AwsError("ServerSideEncryptionConfigurationNotFoundError", 404,
                "The server side encryption configuration was not found", Resource: name));
        var sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.Append($"<ServerSideEncryptionConfiguration xmlns=\"{Namespace}\"><Rule><ApplyServerSideEncryptionByDefault>")
          .Append($"<SSEAlgorithm>{Esc((string?)e["sseAlgorithm"] ?? "AES256")}</SSEAlgorithm>");
        if ((string?)e["kmsMasterKeyId"] is { } key) sb.Append($"<KMSMasterKeyID>{Esc(key)}</KMSMasterKeyID>");
        sb.Append("</ApplyServerSideEncryptionByDefault>")
          .Append($"<BucketKeyEnabled>{((bool?)e["bucketKeyEnabled"] ?? false ? "true" : "false")}</BucketKeyEnabled>")
          .Append("</Rule></ServerSideEncryptionConfiguration>");
        return new AwsResponse(200, "application/xml", Encoding.UTF8.GetBytes(sb.ToString()));
    }
}
