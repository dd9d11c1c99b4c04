using System.Security.Cryptography;

namespace BedrockCompliance.Emulator.Services;

/// <summary>
/// S3 object operations with conditional writes and Object Lock, as S3 behaves:
/// <list type="bullet">
/// <item>PutObject with <c>If-None-Match: *</c> fails with 412 PreconditionFailed when the key has a current version
/// (a delete marker does not count); any other If-None-Match value is NotImplemented.</item>
/// <item><c>x-amz-object-lock-mode</c> + <c>x-amz-object-lock-retain-until-date</c> (both or neither; a future date;
/// only on an Object Lock bucket, else InvalidRequest), or the bucket's default retention, lock the new version. Such
/// a PUT must carry Content-MD5 or an x-amz-checksum-* value (header or aws-chunked trailer); given digests are checked.</item>
/// <item>Object Lock buckets are versioned: a plain PUT adds a version, a DELETE without versionId adds a delete
/// marker, and neither touches a locked version. DELETE of a locked version is AccessDenied (GOVERNANCE yields only to
/// <c>x-amz-bypass-governance-retention: true</c>); so is shortening a COMPLIANCE retention or, without bypass, a GOVERNANCE one.</item>
/// </list>
/// </summary>
internal sealed class S3ObjectOperations(S3Storage storage)
{
    public AwsResponse Handle(CallContext call, S3Bucket bucket) => call.Route.Operation switch
    {
        "PutObject" => Put(call, bucket),
        "GetObject" => Get(call, bucket, head: false),
        "HeadObject" => Get(call, bucket, head: true),
        "DeleteObject" => Delete(call, bucket),
        "PutObjectRetention" => PutRetention(call, bucket),
        _ => GetRetention(call, bucket),
    };

    AwsResponse Put(CallContext call, S3Bucket bucket)
    {
        var request = call.Request;
        string key = call.Route.Label2!;
        byte[] body = request.Content;
        string? ifNoneMatch = request.Header("If-None-Match");
        if (ifNoneMatch is not null && ifNoneMatch.Trim() != "*")
            throw S3Xml.Error("NotImplemented", 501, "A header you provided implies functionality that is not implemented");
        if (request.Header("If-Match") is not null)
            throw S3Xml.Error("NotImplemented", 501, "A header you provided implies functionality that is not implemented");

        string? mode = request.Header("x-amz-object-lock-mode");
        string? untilText = request.Header("x-amz-object-lock-retain-until-date");
        bool explicitLock = mode is not null || untilText is not null || request.Header("x-amz-object-lock-legal-hold") is not null;
        if (explicitLock && !bucket.ObjectLockEnabled)
            throw S3Xml.Error("InvalidRequest", 400, "Bucket is missing Object Lock Configuration");
        if ((mode is null) != (untilText is null))
            throw S3Xml.InvalidArgument("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");
        DateTimeOffset? until = null;
        if (mode is not null)
        {
            if (mode is not ("GOVERNANCE" or "COMPLIANCE")) throw S3Xml.InvalidArgument("Unknown wormMode directive.");
            if (!S3Xml.TryDate(untilText, out var u)) throw S3Xml.InvalidArgument("The retain until date must be provided in ISO 8601 format");
            if (u <= call.Now) throw S3Xml.InvalidArgument("The retain until date must be in the future!");
            until = u;
        }
        S3DefaultRetention? defaults;
        lock (bucket.Gate) defaults = bucket.DefaultRetention;
        if (mode is null && defaults is not null)
        {
            mode = defaults.Mode;
            until = defaults.From(call.Now);
        }
        bool hasDigest = CheckDigests(call, body);
        if (mode is not null && !hasDigest)
            throw S3Xml.Error("InvalidRequest", 400, "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters");

        var version = new S3ObjectVersion(key, bucket.Versioned ? storage.NextVersionId() : "null", body, S3Xml.ETag(body), call.Now,
            request.Header("Content-Type") ?? "binary/octet-stream", false, mode, until);
        lock (bucket.Gate)
        {
            bucket.Objects.TryGetValue(key, out var versions);
            if (ifNoneMatch is not null && versions is { Count: > 0 } && !versions[0].IsDeleteMarker)
                throw S3Xml.Error("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold");
            if (versions is null) bucket.Objects[key] = versions = new List<S3ObjectVersion>();
            if (!bucket.Versioned) versions.Clear();
            versions.Insert(0, version);
        }
        var headers = new Dictionary<string, string> { ["ETag"] = version.ETag };
        if (bucket.Versioned) headers["x-amz-version-id"] = version.VersionId;
        return S3Xml.Empty(200, headers);
    }

    /// <summary>Checks Content-MD5 and x-amz-checksum-{sha256,sha1,crc32} (header or trailer); true when at least one integrity value came.</summary>
    static bool CheckDigests(CallContext call, byte[] body)
    {
        var request = call.Request;
        bool any = false;
        if (request.Header("Content-MD5") is { } md5)
        {
            any = true;
            if (md5 != Convert.ToBase64String(MD5.HashData(body)))
                throw S3Xml.Error("BadDigest", 400, "The Content-MD5 you specified did not match what we received.");
        }
        foreach (var (name, compute) in new (string, Func<byte[], byte[]>)[]
        {
            ("x-amz-checksum-sha256", b => SHA256.HashData(b)),
            ("x-amz-checksum-sha1", b => SHA1.HashData(b)),
            ("x-amz-checksum-crc32", b => { uint c = S3Xml.Crc32(b); return new[] { (byte)(c >> 24), (byte)(c >> 16), (byte)(c >> 8), (byte)c }; }),
        })
        {
            string? value = request.Header(name) ?? (request.Trailers is { } t && t.TryGetValue(name, out var tv) ? tv : null);
            if (value is null) continue;
            any = true;
            if (value != Convert.ToBase64String(compute(body)))
                throw S3Xml.InvalidRequestChecksum(name["x-amz-checksum-".Length..].ToUpperInvariant());
        }
        // Other algorithms (CRC32C, CRC64NVME) are accepted as integrity values but not recomputed here.
        if (!any && (request.Header("x-amz-checksum-crc32c") is not null || request.Header("x-amz-checksum-crc64nvme") is not null
            || request.Trailers is { Count: > 0 })) any = true;
        return any;
    }

    S3ObjectVersion Find(CallContext call, S3Bucket bucket, string key)
    {
        string? versionId = call.Request.Query("versionId");
        lock (bucket.Gate)
        {
            if (!bucket.Objects.TryGetValue(key, out var versions) || versions.Count == 0)
                throw versionId is null ? S3Xml.NoSuchKey(bucket.Name) : S3Xml.NoSuchVersion(bucket.Name);
            if (versionId is null) return versions[0];
            return versions.FirstOrDefault(v => v.VersionId == versionId) ?? throw S3Xml.NoSuchVersion(bucket.Name);
        }
    }

    AwsResponse Get(CallContext call, S3Bucket bucket, bool head)
    {
        var v = Find(call, bucket, call.Route.Label2!);
        if (v.IsDeleteMarker)
            throw call.Request.Query("versionId") is null ? S3Xml.NoSuchKey(bucket.Name) : S3Xml.Error("MethodNotAllowed", 405, "The specified method is not allowed against this resource.");
        var headers = new Dictionary<string, string>
        {
            ["ETag"] = v.ETag,
            ["Last-Modified"] = S3Xml.Http(v.LastModified),
            ["Accept-Ranges"] = "bytes",
        };
        if (bucket.Versioned) headers["x-amz-version-id"] = v.VersionId;
        if (v.LockMode is not null)
        {
            headers["x-amz-object-lock-mode"] = v.LockMode;
            headers["x-amz-object-lock-retain-until-date"] = S3Xml.Iso(v.RetainUntil!.Value);
        }
        return new AwsResponse(200, v.ContentType, v.Body) { Headers = headers, OmitBody = head };
    }

    AwsResponse Delete(CallContext call, S3Bucket bucket)
    {
        string key = call.Route.Label2!;
        string? versionId = call.Request.Query("versionId");
        bool bypass = string.Equals(call.Request.Header("x-amz-bypass-governance-retention"), "true", StringComparison.OrdinalIgnoreCase);
        lock (bucket.Gate)
        {
            bucket.Objects.TryGetValue(key, out var versions);
            if (versionId is null)
            {
                if (!bucket.Versioned) { bucket.Objects.Remove(key); return S3Xml.Empty(204); }
                // A versioned bucket keeps every version: the delete only hides them behind a marker.
                var marker = new S3ObjectVersion(key, storage.NextVersionId(), Array.Empty<byte>(), "", call.Now, "", true, null, null);
                if (versions is null) bucket.Objects[key] = versions = new List<S3ObjectVersion>();
                versions.Insert(0, marker);
                return S3Xml.Empty(204, new() { ["x-amz-delete-marker"] = "true", ["x-amz-version-id"] = marker.VersionId });
            }
            var target = versions?.FirstOrDefault(v => v.VersionId == versionId);
            if (target is null) return S3Xml.Empty(204, new() { ["x-amz-version-id"] = versionId });
            if (target.LockedAt(call.Now) && !(target.LockMode == "GOVERNANCE" && bypass))
                throw S3Xml.Locked();
            versions!.Remove(target);
            if (versions.Count == 0) bucket.Objects.Remove(key);
            var headers = new Dictionary<string, string> { ["x-amz-version-id"] = versionId };
            if (target.IsDeleteMarker) headers["x-amz-delete-marker"] = "true";
            return S3Xml.Empty(204, headers);
        }
    }

    AwsResponse PutRetention(CallContext call, S3Bucket bucket)
    {
        if (!bucket.ObjectLockEnabled) throw S3Xml.Error("InvalidRequest", 400, "Bucket is missing Object Lock Configuration");
        var root = S3Xml.ParseBody(call.Request.Content);
        string? mode = S3Xml.Child(root, "Mode");
        string? untilText = S3Xml.Child(root, "RetainUntilDate");
        if (root.Name.LocalName != "Retention" || (mode is not null && mode is not ("GOVERNANCE" or "COMPLIANCE"))) throw S3Xml.MalformedXml();
        DateTimeOffset? until = null;
        if (untilText is not null)
        {
            if (!S3Xml.TryDate(untilText, out var u)) throw S3Xml.MalformedXml();
            if (u <= call.Now) throw S3Xml.InvalidArgument("The retain until date must be in the future!");
            until = u;
        }
        bool bypass = string.Equals(call.Request.Header("x-amz-bypass-governance-retention"), "true", StringComparison.OrdinalIgnoreCase);
        string key = call.Route.Label2!;
        var v = Find(call, bucket, key);
        if (v.IsDeleteMarker) throw S3Xml.Error("MethodNotAllowed", 405, "The specified method is not allowed against this resource.");
        if (v.LockedAt(call.Now))
        {
            bool weaker = mode != v.LockMode || until is null || until < v.RetainUntil;
            if (weaker && (v.LockMode == "COMPLIANCE" || !bypass)) throw S3Xml.Locked();
        }
        lock (bucket.Gate)
        {
            var versions = bucket.Objects[key];
            int i = versions.IndexOf(v);
            if (i >= 0) versions[i] = v with { LockMode = mode, RetainUntil = until };
        }
        return S3Xml.Empty(200);
    }

    AwsResponse GetRetention(CallContext call, S3Bucket bucket)
    {
        var v = Find(call, bucket, call.Route.Label2!);
        if (v.LockMode is null)
            throw S3Xml.Error("NoSuchObjectLockConfiguration", 404, "The specified object does not have a ObjectLock configuration");
        return S3Xml.Ok($"<Retention xmlns=\"{S3Xml.Namespace}\"><Mode>{v.LockMode}</Mode><RetainUntilDate>{S3Xml.Iso(v.RetainUntil!.Value)}</RetainUntilDate></Retention>");
    }
}
