using System.Text;
using static BedrockCompliance.Emulator.Protocols.ErrorWriter;

namespace BedrockCompliance.Emulator.Services;

/// <summary>
/// S3 on its REST-XML wire protocol, path-style and virtual-hosted (<see cref="Routing.Router"/>): the bucket
/// operations here (CreateBucket with Object Lock, Put/GetObjectLockConfiguration, ListObjectsV2,
/// ListObjectVersions, GetBucketEncryption of invocation-log buckets), the object operations in
/// <see cref="S3ObjectOperations"/>. Invocation-log buckets are arranged through the control API; evidence buckets
/// are created on the wire and kept in <see cref="S3Storage"/>.
/// </summary>
public sealed class S3Service(S3Storage storage) : IServiceHandler
{
    const string Namespace = S3Xml.Namespace;
    readonly S3ObjectOperations _objects = new(storage);

    public AwsResponse Handle(CallContext call) => call.Route.Operation switch
    {
        "GetBucketEncryption" => GetBucketEncryption(call),
        "CreateBucket" => CreateBucket(call),
        "HeadBucket" => HeadBucket(call),
        "PutObjectLockConfiguration" => PutObjectLockConfiguration(call),
        "GetObjectLockConfiguration" => GetObjectLockConfiguration(call),
        "GetBucketVersioning" => GetBucketVersioning(call),
        "ListObjectsV2" => ListObjectsV2(call),
        "ListObjectVersions" => ListObjectVersions(call),
        "PutObject" or "GetObject" or "HeadObject" or "DeleteObject" or "PutObjectRetention" or "GetObjectRetention" => _objects.Handle(call, Bucket(call)),
        _ => throw S3Xml.Error("NotImplemented", 501, "A header you provided implies functionality that is not implemented."),
    };

    /// <summary>The addressed bucket; only its owner may use it (no bucket policies here).</summary>
    S3Bucket Bucket(CallContext call)
    {
        var name = call.Route.Label!;
        var bucket = storage.Find(name) ?? throw S3Xml.NoSuchBucket(name);
        if (bucket.OwnerAccountId != call.Account.AccountId) throw S3Xml.Error("AccessDenied", 403, "Access Denied");
        return bucket;
    }

    AwsResponse CreateBucket(CallContext call)
    {
        var name = call.Route.Label!;
        if (name.Length is < 3 or > 63 || !name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-'))
            throw S3Xml.Error("InvalidBucketName", 400, "The specified bucket is not valid.", name);
        string region = call.Region;
        if (call.Request.Content.Length > 0 && S3Xml.Child(S3Xml.ParseBody(call.Request.Content), "LocationConstraint") is { Length: > 0 } constraint)
            region = constraint;
        bool objectLock = string.Equals(call.Request.Header("x-amz-bucket-object-lock-enabled"), "true", StringComparison.OrdinalIgnoreCase);
        var (bucket, created) = storage.Create(name, call.Account.AccountId, region, objectLock);
        if (!created)
            throw bucket.OwnerAccountId == call.Account.AccountId
                ? S3Xml.Error("BucketAlreadyOwnedByYou", 409, "Your previous request to create the named bucket succeeded and you already own it.", name)
                : S3Xml.Error("BucketAlreadyExists", 409, "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.", name);
        return S3Xml.Empty(200, new() { ["Location"] = "/" + name });
    }

    AwsResponse HeadBucket(CallContext call)
    {
        var bucket = Bucket(call);
        return S3Xml.Empty(200, new() { ["x-amz-bucket-region"] = bucket.Region }) with { OmitBody = true };
    }

    AwsResponse PutObjectLockConfiguration(CallContext call)
    {
        var bucket = Bucket(call);
        var root = S3Xml.ParseBody(call.Request.Content);
        if (root.Name.LocalName != "ObjectLockConfiguration" || S3Xml.Child(root, "ObjectLockEnabled") is not ("Enabled" or null))
            throw S3Xml.MalformedXml();
        if (!bucket.ObjectLockEnabled)
            throw S3Xml.Error("InvalidBucketState", 409, "Object Lock configuration cannot be enabled on existing buckets", bucket.Name);
        S3DefaultRetention? retention = null;
        if (S3Xml.Element(root, "Rule") is { } rule)
        {
            var d = S3Xml.Element(rule, "DefaultRetention") ?? throw S3Xml.MalformedXml();
            string mode = S3Xml.Child(d, "Mode") ?? throw S3Xml.MalformedXml();
            if (mode is not ("GOVERNANCE" or "COMPLIANCE")) throw S3Xml.MalformedXml();
            int? days = int.TryParse(S3Xml.Child(d, "Days"), out var dd) ? dd : null;
            int? years = int.TryParse(S3Xml.Child(d, "Years"), out var yy) ? yy : null;
            if ((days is null) == (years is null)) throw S3Xml.MalformedXml();
            if (days is <= 0 || years is <= 0) throw S3Xml.InvalidArgument("Default retention period must be a positive integer value.");
            retention = new S3DefaultRetention(mode, days, years);
        }
        lock (bucket.Gate) bucket.DefaultRetention = retention;
        return S3Xml.Empty(200);
    }

    AwsResponse GetObjectLockConfiguration(CallContext call)
    {
        var bucket = Bucket(call);
        if (!bucket.ObjectLockEnabled)
            throw S3Xml.Error("ObjectLockConfigurationNotFoundError", 404, "Object Lock configuration does not exist for this bucket", bucket.Name);
        S3DefaultRetention? r;
        lock (bucket.Gate) r = bucket.DefaultRetention;
        var sb = new StringBuilder($"<ObjectLockConfiguration xmlns=\"{Namespace}\"><ObjectLockEnabled>Enabled</ObjectLockEnabled>");
        if (r is not null)
            sb.Append($"<Rule><DefaultRetention><Mode>{r.Mode}</Mode>")
              .Append(r.Days is { } d ? $"<Days>{d}</Days>" : $"<Years>{r.Years}</Years>")
              .Append("</DefaultRetention></Rule>");
        return S3Xml.Ok(sb.Append("</ObjectLockConfiguration>").ToString());
    }

    AwsResponse GetBucketVersioning(CallContext call)
    {
        var bucket = Bucket(call);
        return S3Xml.Ok($"<VersioningConfiguration xmlns=\"{Namespace}\">" + (bucket.Versioned ? "<Status>Enabled</Status>" : "") + "</VersioningConfiguration>");
    }

    /// <summary>What both object listings take: the bucket, <c>prefix</c>, <c>encoding-type=url</c> and <c>max-keys</c> (at most 1000).</summary>
    (S3Bucket Bucket, string Prefix, bool Url, int Max) Listing(CallContext call)
    {
        var bucket = Bucket(call);
        string prefix = call.Request.Query("prefix") ?? "";
        bool url = call.Request.Query("encoding-type") == "url";
        var text = call.Request.Query("max-keys");
        int max = 1000;
        if (text is not null)
        {
            if (!int.TryParse(text, out int n) || n < 0) throw S3Xml.InvalidArgument("Provided max-keys not an integer or within integer range");
            max = Math.Min(n, 1000);
        }
        return (bucket, prefix, url, max);
    }

    AwsResponse ListObjectsV2(CallContext call)
    {
        var (bucket, prefix, url, max) = Listing(call);
        string? startAfter = call.Request.Query("start-after");
        string? token = call.Request.Query("continuation-token");
        string? after = startAfter;
        if (token is not null)
        {
            try { after = Encoding.UTF8.GetString(Convert.FromBase64String(token)); }
            catch (FormatException) { throw S3Xml.InvalidArgument("The continuation token provided is incorrect"); }
        }
        var page = new List<S3ObjectVersion>();
        bool truncated = false;
        lock (bucket.Gate)
        {
            foreach (var (key, versions) in bucket.Objects)
            {
                if (!key.StartsWith(prefix, StringComparison.Ordinal) || (after is not null && string.CompareOrdinal(key, after) <= 0)) continue;
                var current = versions[0];
                if (current.IsDeleteMarker) continue;
                if (page.Count == max) { truncated = true; break; }
                page.Add(current);
            }
        }
        var sb = new StringBuilder($"<ListBucketResult xmlns=\"{Namespace}\"><Name>{Esc(bucket.Name)}</Name><Prefix>{S3Xml.Key(prefix, url)}</Prefix>");
        if (token is not null) sb.Append($"<ContinuationToken>{Esc(token)}</ContinuationToken>");
        if (startAfter is not null) sb.Append($"<StartAfter>{S3Xml.Key(startAfter, url)}</StartAfter>");
        sb.Append($"<KeyCount>{page.Count}</KeyCount><MaxKeys>{max}</MaxKeys>");
        if (url) sb.Append("<EncodingType>url</EncodingType>");
        sb.Append($"<IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>");
        if (truncated) sb.Append($"<NextContinuationToken>{Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key))}</NextContinuationToken>");
        foreach (var o in page)
            sb.Append($"<Contents><Key>{S3Xml.Key(o.Key, url)}</Key><LastModified>{S3Xml.Iso(o.LastModified)}</LastModified>")
              .Append($"<ETag>{Esc(o.ETag)}</ETag><Size>{o.Body.Length}</Size><StorageClass>STANDARD</StorageClass></Contents>");
        return S3Xml.Ok(sb.Append("</ListBucketResult>").ToString());
    }

    /// <summary>Every version and delete marker, keys ascending, each key's newest first (key-marker / version-id-marker paging).</summary>
    AwsResponse ListObjectVersions(CallContext call)
    {
        var (bucket, prefix, url, max) = Listing(call);
        string? keyMarker = call.Request.Query("key-marker");
        string? versionMarker = call.Request.Query("version-id-marker");
        var page = new List<(S3ObjectVersion Version, bool Latest)>();
        bool truncated = false;
        lock (bucket.Gate)
        {
            foreach (var (key, versions) in bucket.Objects)
            {
                if (!key.StartsWith(prefix, StringComparison.Ordinal)) continue;
                int cmp = keyMarker is null ? 1 : string.CompareOrdinal(key, keyMarker);
                if (cmp < 0 || (cmp == 0 && string.IsNullOrEmpty(versionMarker))) continue;
                int start = 0;
                if (cmp == 0) start = versions.FindIndex(v => v.VersionId == versionMarker) + 1;
                for (int i = start; i < versions.Count; i++)
                {
                    if (page.Count == max) { truncated = true; break; }
                    page.Add((versions[i], i == 0));
                }
                if (truncated) break;
            }
        }
        var sb = new StringBuilder($"<ListVersionsResult xmlns=\"{Namespace}\"><Name>{Esc(bucket.Name)}</Name><Prefix>{S3Xml.Key(prefix, url)}</Prefix>")
            .Append($"<KeyMarker>{S3Xml.Key(keyMarker ?? "", url)}</KeyMarker><VersionIdMarker>{Esc(versionMarker ?? "")}</VersionIdMarker><MaxKeys>{max}</MaxKeys>");
        if (url) sb.Append("<EncodingType>url</EncodingType>");
        sb.Append($"<IsTruncated>{(truncated ? "true" : "false")}</IsTruncated>");
        if (truncated)
            sb.Append($"<NextKeyMarker>{S3Xml.Key(page[^1].Version.Key, url)}</NextKeyMarker><NextVersionIdMarker>{Esc(page[^1].Version.VersionId)}</NextVersionIdMarker>");
        foreach (var (v, latest) in page)
        {
            string common = $"<Key>{S3Xml.Key(v.Key, url)}</Key><VersionId>{Esc(v.VersionId)}</VersionId><IsLatest>{(latest ? "true" : "false")}</IsLatest><LastModified>{S3Xml.Iso(v.LastModified)}</LastModified>";
            sb.Append(v.IsDeleteMarker
                ? $"<DeleteMarker>{common}</DeleteMarker>"
                : $"<Version>{common}<ETag>{Esc(v.ETag)}</ETag><Size>{v.Body.Length}</Size><StorageClass>STANDARD</StorageClass></Version>");
        }
        return S3Xml.Ok(sb.Append("</ListVersionsResult>").ToString());
    }

    AwsResponse GetBucketEncryption(CallContext call)
    {
        var name = call.Route.Label!;
        State.BucketRecord? bucket;
        lock (call.Account.Gate) bucket = call.Account.Buckets.GetValueOrDefault(name);
        if (bucket is null) throw S3Xml.NoSuchBucket(name);
        if (bucket.Encryption is not { } e)
            throw S3Xml.Error("ServerSideEncryptionConfigurationNotFoundError", 404, "The server side encryption configuration was not found", name);
        var sb = new StringBuilder($"<ServerSideEncryptionConfiguration xmlns=\"{Namespace}\"><Rule><ApplyServerSideEncryptionByDefault>")
          .Append($"<SSEAlgorithm>{Esc((string?)e["sseAlgorithm"] ?? "AES256")}</SSEAlgorithm>");
        if ((string?)e["kmsMasterKeyId"] is { } key) sb.Append($"<KMSMasterKeyID>{Esc(key)}</KMSMasterKeyID>");
        sb.Append("</ApplyServerSideEncryptionByDefault>")
          .Append($"<BucketKeyEnabled>{((bool?)e["bucketKeyEnabled"] ?? false ? "true" : "false")}</BucketKeyEnabled>")
          .Append("</Rule></ServerSideEncryptionConfiguration>");
        return S3Xml.Ok(sb.ToString());
    }
}
