using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// The S3 object calls of the evidence store, through the official AWSSDK.S3 client (loaded privately with the
/// engine like AWSSDK.SecurityToken): conditional PutObject with Object Lock retention, GetObject, ListObjectsV2.
/// Retries are ours (<see cref="AwsCallPolicy"/>); errors become <see cref="AwsServiceException"/>.
/// </summary>
internal sealed class S3ObjectClient : IDisposable
{
    readonly AwsConnection _connection;
    readonly AmazonS3Client _client;

    public S3ObjectClient(AwsConnection connection, bool forcePathStyle = false)
    {
        _connection = connection;
        var credentials = connection.Credentials
            ?? throw new AwsConfigurationException("NoCredentials", "The S3 evidence store needs SigV4 credentials, and none were found.");
        var endpoint = connection.EndpointFor(AwsService.S3);
        var config = new AmazonS3Config
        {
            AuthenticationRegion = connection.Region,
            MaxErrorRetry = 0,
            Timeout = connection.AttemptTimeout,
            // A loopback endpoint (the emulator, a local gateway) has no per-bucket host names: address it path-style.
            ForcePathStyle = forcePathStyle || endpoint.IsLoopback,
        };
        if (IsRegionalDefault(endpoint, connection.Region)) config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(connection.Region);
        else config.ServiceURL = endpoint.ToString();
        _client = new AmazonS3Client(credentials, config);
    }

    public Uri Endpoint => _connection.EndpointFor(AwsService.S3);

    static bool IsRegionalDefault(Uri endpoint, string region) =>
        string.Equals(endpoint.GetLeftPart(UriPartial.Authority), AwsService.S3.DefaultUrl(region), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// PUT the object only if no object has the key (<c>If-None-Match: *</c>). False when another writer created it
    /// first (412 PreconditionFailed, or 409 ConditionalRequestConflict for a concurrent conditional write).
    /// </summary>
    public async Task<bool> PutIfAbsentAsync(string bucket, string key, byte[] body, ObjectLockMode? mode, DateTime? retainUntilUtc, CancellationToken ct)
    {
        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = new MemoryStream(body, writable: false),
            ContentType = "application/x-ndjson",
            IfNoneMatch = "*",
            // Object Lock puts must carry an integrity checksum (Content-MD5 or x-amz-checksum-*).
            ChecksumAlgorithm = ChecksumAlgorithm.SHA256,
        };
        if (mode != null && retainUntilUtc != null)
        {
            request.ObjectLockMode = mode;
            request.ObjectLockRetainUntilDate = retainUntilUtc.Value;
        }
        try
        {
            await Call("PutObject", c => _client.PutObjectAsync(request, c), ct).ConfigureAwait(false);
            return true;
        }
        catch (AwsServiceException ex) when (ex.StatusCode == 412 || ex.ErrorCode == "ConditionalRequestConflict")
        {
            return false;
        }
    }

    /// <summary>The object's bytes (evidence objects are small: one record or one batch); a given version, else the current one.</summary>
    public async Task<byte[]> GetAsync(string bucket, string key, CancellationToken ct, string? versionId = null)
    {
        return await Call("GetObject", async c =>
        {
            var request = new GetObjectRequest { BucketName = bucket, Key = key };
            if (versionId != null) request.VersionId = versionId;
            using var response = await _client.GetObjectAsync(request, c).ConfigureAwait(false);
            using var buffer = new MemoryStream(response.ContentLength > 0 && response.ContentLength < int.MaxValue ? (int)response.ContentLength : 1024);
            await response.ResponseStream.CopyToAsync(buffer, 81920, c).ConfigureAwait(false);
            return buffer.ToArray();
        }, ct).ConfigureAwait(false);
    }

    /// <summary>One ListObjectsV2 page of keys under <paramref name="prefix"/>, in key order.</summary>
    public async Task<(IReadOnlyList<string> Keys, string? ContinuationToken)> ListPageAsync(string bucket, string prefix, string? startAfter, string? continuationToken, int maxKeys, CancellationToken ct)
    {
        var request = new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = maxKeys };
        if (continuationToken != null) request.ContinuationToken = continuationToken;
        else if (startAfter != null) request.StartAfter = startAfter;
        var response = await Call("ListObjectsV2", c => _client.ListObjectsV2Async(request, c), ct).ConfigureAwait(false);
        var keys = (response.S3Objects ?? new List<S3Object>()).Select(o => o.Key).ToList();
        return (keys, response.IsTruncated == true ? response.NextContinuationToken : null);
    }

    /// <summary>One ListObjectVersions page under <paramref name="prefix"/>: keys ascending, each key's versions newest first.</summary>
    public async Task<S3VersionPage> ListVersionsPageAsync(string bucket, string prefix, string? keyMarker, string? versionIdMarker, int maxKeys, CancellationToken ct)
    {
        var request = new ListVersionsRequest { BucketName = bucket, Prefix = prefix, MaxKeys = maxKeys };
        if (keyMarker != null) request.KeyMarker = keyMarker;
        if (versionIdMarker != null) request.VersionIdMarker = versionIdMarker;
        var response = await Call("ListObjectVersions", c => _client.ListVersionsAsync(request, c), ct).ConfigureAwait(false);
        var versions = (response.Versions ?? new List<S3ObjectVersion>())
            .Select(v => new S3VersionEntry(v.Key, v.VersionId, v.IsDeleteMarker == true)).ToList();
        return response.IsTruncated == true
            ? new S3VersionPage(versions, response.NextKeyMarker, response.NextVersionIdMarker)
            : new S3VersionPage(versions, null, null);
    }

    Task<T> Call<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        AwsCallPolicy.RunSdkAsync(_connection, AwsService.S3, operation, call, ex => ex is AmazonServiceException a && a.StatusCode != 0
            ? new AwsServiceException("S3", operation, AwsErrorCodes.Sanitize(!string.IsNullOrEmpty(a.ErrorCode) ? a.ErrorCode
                : a.StatusCode == HttpStatusCode.PreconditionFailed ? "PreconditionFailed" : $"Http{(int)a.StatusCode}"), a.Message, (int)a.StatusCode, a.RequestId, a)
            : null, null, ct);

    public void Dispose() => _client.Dispose();
}

/// <summary>One version (or delete marker) of a listed key.</summary>
internal sealed record S3VersionEntry(string Key, string VersionId, bool IsDeleteMarker);

/// <summary>A page of versions; NextKeyMarker is null on the last page.</summary>
internal sealed record S3VersionPage(IReadOnlyList<S3VersionEntry> Versions, string? NextKeyMarker, string? NextVersionIdMarker);
