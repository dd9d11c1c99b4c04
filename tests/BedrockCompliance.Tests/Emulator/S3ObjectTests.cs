using System.Net;
using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using BedrockCompliance.Emulator.Auth;

namespace BedrockCompliance.Tests.Emulator;

/// <summary>The emulator's S3 subset through the official AmazonS3Client (SigV4, aws-chunked uploads, REST-XML parsing).</summary>
public class S3ObjectTests
{
    internal static AmazonS3Client Client(TestEmulator emu, bool pathStyle = true, string? url = null, HttpMessageHandler? handler = null)
    {
        var config = new AmazonS3Config
        {
            ServiceURL = url ?? emu.Url,
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = pathStyle,
            MaxErrorRetry = 0,
        };
        if (handler != null) config.HttpClientFactory = new BedrockCompliance.Engine.Aws.HandlerHttpClientFactory(handler);
        return new AmazonS3Client(TestEmulator.Management, config);
    }

    /// <summary>Connects every host name (bucket.localhost) to the emulator's loopback port, as DNS would for a real endpoint.</summary>
    static SocketsHttpHandler LoopbackHandler(TestEmulator emu) => new()
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, new Uri(emu.Url).Port, ct);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        },
    };

    internal static async Task<string> LockedBucketAsync(AmazonS3Client s3, string name, int? defaultDays = null, ObjectLockRetentionMode? mode = null)
    {
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = name, ObjectLockEnabledForBucket = true });
        if (defaultDays is int days)
            await s3.PutObjectLockConfigurationAsync(new PutObjectLockConfigurationRequest
            {
                BucketName = name,
                ObjectLockConfiguration = new ObjectLockConfiguration
                {
                    ObjectLockEnabled = ObjectLockEnabled.Enabled,
                    Rule = new ObjectLockRule { DefaultRetention = new DefaultRetention { Mode = mode ?? ObjectLockRetentionMode.Governance, Days = days } },
                },
            });
        return name;
    }

    static PutObjectRequest Put(string bucket, string key, string text) =>
        new() { BucketName = bucket, Key = key, ContentBody = text, ChecksumAlgorithm = ChecksumAlgorithm.SHA256 };

    static async Task<AmazonS3Exception> Refused(Func<Task> call) => await Assert.ThrowsAnyAsync<AmazonS3Exception>(call);

    [Fact]
    public async Task Put_with_if_none_match_creates_once_then_is_refused_with_412_and_the_first_body_stays()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var s3 = Client(emu);
        var bucket = await LockedBucketAsync(s3, "evidence-inm");
        var first = Put(bucket, "chain/1.jsonl", "first\n");
        first.IfNoneMatch = "*";
        var created = await s3.PutObjectAsync(first);
        Assert.False(string.IsNullOrEmpty(created.VersionId));

        var second = Put(bucket, "chain/1.jsonl", "second\n");
        second.IfNoneMatch = "*";
        var e = await Refused(() => s3.PutObjectAsync(second));
        Assert.Equal(HttpStatusCode.PreconditionFailed, e.StatusCode);
        Assert.Equal("PreconditionFailed", e.ErrorCode);

        using var get = await s3.GetObjectAsync(bucket, "chain/1.jsonl");
        Assert.Equal("first\n", await new StreamReader(get.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task Object_lock_headers_lock_the_version_and_its_delete_is_access_denied()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var s3 = Client(emu);
        var bucket = await LockedBucketAsync(s3, "evidence-lock");
        var until = DateTime.UtcNow.AddDays(1);
        var put = Put(bucket, "k", "locked\n");
        put.ObjectLockMode = ObjectLockMode.Compliance;
        put.ObjectLockRetainUntilDate = until;
        var created = await s3.PutObjectAsync(put);

        var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k" });
        Assert.Equal(ObjectLockMode.Compliance, head.ObjectLockMode);
        Assert.InRange(head.ObjectLockRetainUntilDate!.Value.ToUniversalTime(), until.AddSeconds(-1), until.AddSeconds(1));

        var e = await Refused(() => s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", VersionId = created.VersionId, BypassGovernanceRetention = true }));
        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Equal("AccessDenied", e.ErrorCode);

        // Shortening a COMPLIANCE retention is refused too.
        var shorten = await Refused(() => s3.PutObjectRetentionAsync(new PutObjectRetentionRequest
        {
            BucketName = bucket, Key = "k", VersionId = created.VersionId,
            Retention = new ObjectLockRetention { Mode = ObjectLockRetentionMode.Compliance, RetainUntilDate = DateTime.UtcNow.AddHours(1) },
        }));
        Assert.Equal("AccessDenied", shorten.ErrorCode);
    }

    [Fact]
    public async Task Governance_lock_yields_only_to_the_bypass_header()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var s3 = Client(emu);
        var bucket = await LockedBucketAsync(s3, "evidence-gov", defaultDays: 1);
        var created = await s3.PutObjectAsync(Put(bucket, "k", "governed\n"));
        var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = "k" });
        Assert.Equal(ObjectLockMode.Governance, head.ObjectLockMode); // from the bucket's default retention

        var e = await Refused(() => s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", VersionId = created.VersionId }));
        Assert.Equal("AccessDenied", e.ErrorCode);
        await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = "k", VersionId = created.VersionId, BypassGovernanceRetention = true });
        await Refused(() => s3.GetObjectAsync(bucket, "k"));
    }

    [Fact]
    public async Task A_plain_overwrite_or_delete_adds_a_version_and_the_locked_original_stays_readable()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var s3 = Client(emu);
        var bucket = await LockedBucketAsync(s3, "evidence-versions", defaultDays: 1, mode: ObjectLockRetentionMode.Compliance);
        var original = await s3.PutObjectAsync(Put(bucket, "k", "original\n"));
        var forged = await s3.PutObjectAsync(Put(bucket, "k", "forged\n"));
        Assert.NotEqual(original.VersionId, forged.VersionId);
        var marker = await s3.DeleteObjectAsync(bucket, "k");
        Assert.Equal("true", marker.DeleteMarker);

        await Refused(() => s3.GetObjectAsync(bucket, "k"));
        using var get = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = "k", VersionId = original.VersionId });
        Assert.Equal("original\n", await new StreamReader(get.ResponseStream).ReadToEndAsync());

        var versions = await s3.ListVersionsAsync(new ListVersionsRequest { BucketName = bucket, Prefix = "k" });
        Assert.Equal(new[] { marker.VersionId, forged.VersionId, original.VersionId }, versions.Versions.Select(v => v.VersionId));
        Assert.True(versions.Versions[0].IsDeleteMarker);
        Assert.True(versions.Versions[0].IsLatest);
    }

    [Fact]
    public async Task Lock_headers_are_refused_on_a_bucket_without_object_lock_and_without_a_checksum()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var s3 = Client(emu);
        await s3.PutBucketAsync(new PutBucketRequest { BucketName = "plain-bucket" });
        var put = Put("plain-bucket", "k", "x");
        put.ObjectLockMode = ObjectLockMode.Governance;
        put.ObjectLockRetainUntilDate = DateTime.UtcNow.AddDays(1);
        var e = await Refused(() => s3.PutObjectAsync(put));
        Assert.Equal("InvalidRequest", e.ErrorCode);

        var config = await Refused(() => s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = "plain-bucket" }));
        Assert.Equal("ObjectLockConfigurationNotFoundError", config.ErrorCode);

        var past = Put(await LockedBucketAsync(s3, "evidence-past"), "k", "x");
        past.ObjectLockMode = ObjectLockMode.Governance;
        past.ObjectLockRetainUntilDate = DateTime.UtcNow.AddDays(-1);
        Assert.Equal("InvalidArgument", (await Refused(() => s3.PutObjectAsync(past))).ErrorCode);
    }

    [Fact]
    public async Task Object_lock_configuration_round_trips()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var s3 = Client(emu);
        var bucket = await LockedBucketAsync(s3, "evidence-config", defaultDays: 30, mode: ObjectLockRetentionMode.Compliance);
        var config = await s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = bucket });
        Assert.Equal(ObjectLockEnabled.Enabled, config.ObjectLockConfiguration.ObjectLockEnabled);
        Assert.Equal(ObjectLockRetentionMode.Compliance, config.ObjectLockConfiguration.Rule.DefaultRetention.Mode);
        Assert.Equal(30, config.ObjectLockConfiguration.Rule.DefaultRetention.Days);
    }

    [Fact]
    public async Task ListObjectsV2_pages_with_max_keys_and_continuation_tokens_under_a_prefix()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var s3 = Client(emu);
        var bucket = await LockedBucketAsync(s3, "evidence-list");
        for (int i = 1; i <= 7; i++) await s3.PutObjectAsync(Put(bucket, $"a/{i:D3}", $"{i}\n"));
        await s3.PutObjectAsync(Put(bucket, "b/001", "other\n"));

        var keys = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "a/", MaxKeys = 3, ContinuationToken = token });
            keys.AddRange(page.S3Objects.Select(o => o.Key));
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
            pages++;
        }
        while (token != null);
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"a/{i:D3}"), keys);
        Assert.Equal(3, pages);

        var after = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = "a/", StartAfter = "a/005" });
        Assert.Equal(new[] { "a/006", "a/007" }, after.S3Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task Virtual_hosted_requests_address_the_bucket_in_the_host_name()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var handler = LoopbackHandler(emu);
        using var s3 = Client(emu, pathStyle: false, url: emu.Url.Replace("127.0.0.1", "localhost"), handler: handler);
        var bucket = await LockedBucketAsync(s3, "evidence-vhost");
        await s3.PutObjectAsync(Put(bucket, "x/1", "hello\n"));
        using var get = await s3.GetObjectAsync(bucket, "x/1");
        Assert.Equal("hello\n", await new StreamReader(get.ResponseStream).ReadToEndAsync());
        var list = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal("x/1", Assert.Single(list.S3Objects).Key);
    }

    [Fact]
    public async Task A_chunked_upload_with_a_forged_chunk_is_refused()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var s3 = Client(emu);
        var bucket = await LockedBucketAsync(s3, "evidence-chunks");
        // The SDK's own aws-chunked upload (signed chunks with a trailing checksum) is accepted and decoded...
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "k", InputStream = new MemoryStream(Encoding.UTF8.GetBytes("chunked body\n")), ChecksumAlgorithm = ChecksumAlgorithm.CRC32 });
        using (var get = await s3.GetObjectAsync(bucket, "k"))
            Assert.Equal("chunked body\n", await new StreamReader(get.ResponseStream).ReadToEndAsync());

        // ...and a chunk whose bytes do not match its signature is not.
        var key = SigV4.SigningKey("secret", "20260101", "us-east-1", "s3");
        var body = Encoding.ASCII.GetBytes("5;chunk-signature=" + new string('0', 64) + "\r\nhello\r\n0;chunk-signature=" + new string('0', 64) + "\r\n\r\n");
        var (payload, _, error) = S3ChunkedPayload.Decode(body, S3ChunkedPayload.SignedPayload, key, "20260101T000000Z", "20260101/us-east-1/s3/aws4_request", new string('a', 64));
        Assert.Null(payload);
        Assert.Contains("chunk signature", error);
    }
}
