namespace BedrockCompliance.Emulator.Routing;

/// <summary>S3's operations by method and sub-resource, and the bucket of a virtual-hosted request.</summary>
public static class S3Routes
{
    /// <summary>
    /// The bucket named in the Host header: <c>bucket.s3[.-]region.amazonaws.com</c>, <c>bucket.s3.amazonaws.com</c>,
    /// or <c>bucket.localhost</c> (how the SDKs address a bucket on a localhost endpoint without path-style).
    /// </summary>
    public static string? VirtualHostedBucket(string? host)
    {
        if (string.IsNullOrEmpty(host)) return null;
        string h = host;
        if (h.StartsWith('[')) return null; // IPv6 literal: path-style only
        int colon = h.LastIndexOf(':');
        if (colon >= 0) h = h[..colon];
        h = h.ToLowerInvariant();
        if (h.EndsWith(".localhost", StringComparison.Ordinal)) return h[..^".localhost".Length];
        int s3 = h.IndexOf(".s3.", StringComparison.Ordinal);
        if (s3 < 0) s3 = h.IndexOf(".s3-", StringComparison.Ordinal);
        if (s3 > 0 && h.EndsWith(".amazonaws.com", StringComparison.Ordinal)) return h[..s3];
        return null;
    }

    public static RouteMatch Match(AwsRequest request, string? bucket, string? key)
    {
        string op = (request.Method, bucket is null, key is null) switch
        {
            (_, true, _) => "Unsupported",
            ("PUT", false, true) when request.HasQueryKey("object-lock") => "PutObjectLockConfiguration",
            ("PUT", false, true) => "CreateBucket",
            ("HEAD", false, true) => "HeadBucket",
            ("GET", false, true) when request.HasQueryKey("encryption") => "GetBucketEncryption",
            ("GET", false, true) when request.HasQueryKey("object-lock") => "GetObjectLockConfiguration",
            ("GET", false, true) when request.HasQueryKey("versioning") => "GetBucketVersioning",
            ("GET", false, true) when request.HasQueryKey("versions") => "ListObjectVersions",
            ("GET", false, true) when request.Query("list-type") == "2" => "ListObjectsV2",
            ("PUT", false, false) when request.HasQueryKey("retention") => "PutObjectRetention",
            ("GET", false, false) when request.HasQueryKey("retention") => "GetObjectRetention",
            ("PUT", false, false) when !request.HasQueryKey("uploadId") && !request.HasQueryKey("tagging") && !request.HasQueryKey("acl") && !request.HasQueryKey("legal-hold") => "PutObject",
            ("GET", false, false) => "GetObject",
            ("HEAD", false, false) => "HeadObject",
            ("DELETE", false, false) => "DeleteObject",
            _ => "Unsupported",
        };
        return new(AwsService.S3, op, bucket, key);
    }
}
