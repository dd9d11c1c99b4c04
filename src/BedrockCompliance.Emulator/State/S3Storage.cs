namespace BedrockCompliance.Emulator.State;

/// <summary>One stored version of an S3 object, or a delete marker.</summary>
public sealed record S3ObjectVersion(
    string Key, string VersionId, byte[] Body, string ETag, DateTimeOffset LastModified, string ContentType,
    bool IsDeleteMarker, string? LockMode, DateTimeOffset? RetainUntil)
{
    /// <summary>Object Lock protects this version at <paramref name="now"/>.</summary>
    public bool LockedAt(DateTimeOffset now) => LockMode is not null && RetainUntil is { } until && until > now;
}

/// <summary>A bucket's Object Lock default retention (Days or Years, as S3 stores it).</summary>
public sealed record S3DefaultRetention(string Mode, int? Days, int? Years)
{
    public DateTimeOffset From(DateTimeOffset now) => Years is { } y ? now.AddYears(y) : now.AddDays(Days ?? 0);
}

/// <summary>An S3 bucket with its objects (each key's versions, newest first). Guarded by <see cref="Gate"/>.</summary>
public sealed class S3Bucket(string name, string ownerAccountId, string region, bool objectLockEnabled)
{
    public string Name { get; } = name;
    public string OwnerAccountId { get; } = ownerAccountId;
    public string Region { get; } = region;
    public bool ObjectLockEnabled { get; } = objectLockEnabled;
    /// <summary>Object Lock turns versioning on for good.</summary>
    public bool Versioned => ObjectLockEnabled;
    public S3DefaultRetention? DefaultRetention { get; set; }
    public SortedDictionary<string, List<S3ObjectVersion>> Objects { get; } = new(StringComparer.Ordinal);
    public object Gate { get; } = new();
}

/// <summary>The emulator's S3 buckets (names are global, as in S3), created on the wire with CreateBucket.</summary>
public sealed class S3Storage
{
    readonly Dictionary<string, S3Bucket> _buckets = new(StringComparer.Ordinal);
    long _versionCounter;

    public S3Bucket? Find(string name)
    {
        lock (_buckets) return _buckets.GetValueOrDefault(name);
    }

    /// <summary>Adds the bucket, or returns the one that already has the name.</summary>
    public (S3Bucket Bucket, bool Created) Create(string name, string owner, string region, bool objectLock)
    {
        lock (_buckets)
        {
            if (_buckets.TryGetValue(name, out var existing)) return (existing, false);
            var bucket = new S3Bucket(name, owner, region, objectLock);
            _buckets[name] = bucket;
            return (bucket, true);
        }
    }

    /// <summary>A new version id: opaque, unique, and increasing (so tests can tell versions apart).</summary>
    public string NextVersionId() => $"v{Interlocked.Increment(ref _versionCounter):D12}.{Guid.NewGuid():N}"[..32];

    public void Reset()
    {
        lock (_buckets) _buckets.Clear();
    }
}
