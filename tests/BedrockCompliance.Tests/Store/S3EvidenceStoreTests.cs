using Amazon.S3;
using Amazon.S3.Model;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Evidence;
using BedrockCompliance.Tests.Emulator;

namespace BedrockCompliance.Tests.Store;

/// <summary>The S3 evidence store against the emulator: chain, races between writers, Object Lock, reading back.</summary>
public class S3EvidenceStoreTests
{
    static AwsConnection Connection(TestEmulator emu) =>
        new("us-east-1", TestEmulator.Management, null, new Dictionary<AwsService, Uri> { [AwsService.S3] = new Uri(emu.Url) }, new AwsRetryPolicy(maxAttempts: 1));

    static S3EvidenceStore Store(TestEmulator emu, string uri, S3EvidenceStoreOptions? options = null)
    {
        var store = new S3EvidenceStore(S3EvidenceLocation.Parse(uri), new S3ObjectClient(Connection(emu)), options);
        S3EvidenceStores.Register(store);
        return store;
    }

    static EvidenceLedger Ledger(string uri) => EvidenceLedger.Open(uri, EvidenceContext.Create("arn:aws:iam::111111111111:user/compliance-admin"));

    static EvidenceRecord Draft(int i) => new()
    {
        Action = EvidenceAction.AccessVerified, Outcome = EvidenceOutcome.Succeeded, AccountId = "111111111111", Region = "us-east-1", ModelId = $"model-{i}",
    };

    [Fact]
    public async Task Appends_chain_like_the_local_ledger_and_read_back_verified()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var s3 = S3ObjectTests.Client(emu);
        await S3ObjectTests.LockedBucketAsync(s3, "chain-basic");
        const string uri = "s3://chain-basic/prod/bedrock";
        using var store = Store(emu, uri);
        var ledger = Ledger(uri);
        var first = ledger.Append(Draft(1));
        var batch = ledger.AppendRange(new[] { Draft(2), Draft(3) });
        var last = await ledger.AppendAsync(Draft(4));
        Assert.Equal(new long[] { 1, 2, 3, 4 }, new[] { first, batch[0], batch[1], last }.Select(r => r.Sequence));
        Assert.Equal(EvidenceFormat.GenesisHash, first.PrevHash);
        Assert.Equal(batch[1].Hash, last.PrevHash);

        // One object per append, named by its first sequence.
        var keys = (await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "chain-basic" })).S3Objects.Select(o => o.Key);
        Assert.Equal(new[] { 1, 2, 4 }.Select(n => $"prod/bedrock/{n:D20}.jsonl"), keys);

        var result = EvidenceVerifier.Verify(store.Location.Uri);
        Assert.True(result.Valid, result.Message);
        Assert.Equal(4, result.RecordCount);
        Assert.Equal(last.Hash, result.LastHash);
        var read = EvidenceReader.Read(uri).Select(i => i.Record!.ModelId).ToList();
        Assert.Equal(new[] { "model-1", "model-2", "model-3", "model-4" }, read);
    }

    [Fact]
    public async Task A_writer_with_a_stale_tail_loses_the_conditional_write_rereads_and_chains_after_the_winner()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var s3 = S3ObjectTests.Client(emu);
        await S3ObjectTests.LockedBucketAsync(s3, "chain-race");
        const string uri = "s3://chain-race/";
        // Two stores on one chain stand for two runners: each caches its own view of the tail.
        using var a = new S3EvidenceStore(S3EvidenceLocation.Parse(uri), new S3ObjectClient(Connection(emu)));
        using var b = new S3EvidenceStore(S3EvidenceLocation.Parse(uri), new S3ObjectClient(Connection(emu)));
        S3EvidenceStores.Register(a);
        var ledgerA = Ledger(uri);
        ledgerA.Append(Draft(1));                   // A: tail = 1
        S3EvidenceStores.Register(b);
        var ledgerB = Ledger(uri);
        ledgerB.Append(Draft(2));                   // B reads the tail (1) and writes 2
        var third = ledgerA.Append(Draft(3));       // A still believes 1: key 2 exists → 412 → re-read → 3
        Assert.Equal(1, a.LostRaces);
        Assert.Equal(3, third.Sequence);
        var result = EvidenceVerifier.Verify(uri);
        Assert.True(result.Valid, result.Message);
        Assert.Equal(3, result.RecordCount);
    }

    [Fact]
    public async Task Concurrent_writers_lose_nothing_and_the_chain_stays_valid()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var s3 = S3ObjectTests.Client(emu);
        await S3ObjectTests.LockedBucketAsync(s3, "chain-concurrent");
        const string uri = "s3://chain-concurrent/x";
        var stores = Enumerable.Range(0, 4).Select(_ => new S3EvidenceStore(S3EvidenceLocation.Parse(uri), new S3ObjectClient(Connection(emu)))).ToArray();
        S3EvidenceStores.Register(stores[0]);
        var validator = Ledger(uri); // its Prepare validates and guards each record; the four stores then race to chain them
        var written = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(stores.Select((store, w) => Task.Run(async () =>
        {
            for (int i = 0; i < 15; i++)
            {
                var prepared = validator.Prepare(Draft(w * 100 + i));
                await store.AppendAsync(new[] { prepared }, CancellationToken.None);
                written.Add(prepared.ModelId!);
            }
        })));
        var result = EvidenceVerifier.Verify(uri);
        Assert.True(result.Valid, result.Message);
        Assert.Equal(60, result.RecordCount);
        Assert.Equal(written.OrderBy(x => x), EvidenceReader.Read(uri).Select(i => i.Record!.ModelId!).OrderBy(x => x));
        foreach (var s in stores) s.Dispose();
    }

    [Fact]
    public async Task With_retention_every_object_is_locked_and_cannot_be_deleted_or_overwritten_in_what_is_read()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var s3 = S3ObjectTests.Client(emu);
        await S3ObjectTests.LockedBucketAsync(s3, "chain-locked");
        const string uri = "s3://chain-locked/audit";
        using var store = Store(emu, uri, new S3EvidenceStoreOptions { RetentionDays = 7, RetentionMode = EvidenceRetentionMode.Compliance });
        var ledger = Ledger(uri);
        ledger.Append(Draft(1));
        ledger.Append(Draft(2));
        string key = store.Location.KeyFor(1);
        var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = "chain-locked", Key = key });
        Assert.Equal(ObjectLockMode.Compliance, head.ObjectLockMode);
        Assert.True(head.ObjectLockRetainUntilDate > DateTime.UtcNow.AddDays(6));

        var refused = await Assert.ThrowsAnyAsync<AmazonS3Exception>(() => s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = "chain-locked", Key = key, VersionId = head.VersionId, BypassGovernanceRetention = true }));
        Assert.Equal("AccessDenied", refused.ErrorCode);

        // A forged version over the first record and a delete marker over the second change nothing that is read.
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = "chain-locked", Key = key, ContentBody = "{\"forged\":true}\n", ChecksumAlgorithm = ChecksumAlgorithm.SHA256 });
        await s3.DeleteObjectAsync("chain-locked", store.Location.KeyFor(2));
        var result = EvidenceVerifier.Verify(uri);
        Assert.True(result.Valid, result.Message);
        Assert.Equal(2, result.RecordCount);
    }

    [Fact]
    public async Task A_missing_bucket_is_an_evidence_store_error_naming_the_location()
    {
        await using var emu = await TestEmulator.StartAsync();
        const string uri = "s3://no-such-bucket/x";
        using var store = Store(emu, uri);
        var e = Assert.Throws<EvidenceStoreException>(() => Ledger(uri).Append(Draft(1)));
        Assert.Contains("s3://no-such-bucket/x/", e.Message);
        Assert.Contains("NoSuchBucket", e.Message);
        Assert.Throws<EvidenceStoreException>(() => EvidenceVerifier.Verify(uri));
    }

    [Theory]
    [InlineData("s3://", "bucket name")]
    [InlineData("s3://Upper/x", "bucket name")]
    [InlineData("s3://ok-bucket/a//b", "prefix")]
    [InlineData("s3://ok-bucket/a?b", "prefix")]
    public void Malformed_locations_are_refused_with_what_is_expected(string uri, string what)
    {
        var e = Assert.Throws<ArgumentException>(() => S3EvidenceLocation.Parse(uri));
        Assert.Contains(what, e.Message);
        Assert.Contains("s3://", e.Message);
    }

    [Fact]
    public void Locations_are_canonical_and_keys_sort_in_chain_order()
    {
        var l = S3EvidenceLocation.Parse("S3://evidence/prod/");
        Assert.Equal("s3://evidence/prod/", l.Uri);
        Assert.Equal("prod/00000000000000000009.jsonl", l.KeyFor(9));
        Assert.True(string.CompareOrdinal(l.KeyFor(9), l.KeyFor(10)) < 0);
        Assert.Equal(10, l.SequenceOf(l.KeyFor(10)));
        Assert.Null(l.SequenceOf("prod/readme.txt"));
        Assert.Equal("s3://evidence/", S3EvidenceLocation.Parse("s3://evidence").Uri);
    }

    [Fact]
    public void Retention_comes_from_the_environment_when_not_given_and_bad_values_are_named()
    {
        var env = new Dictionary<string, string?> { [S3EvidenceStoreOptions.RetentionDaysVariable] = "30", [S3EvidenceStoreOptions.RetentionModeVariable] = "compliance" };
        var o = S3EvidenceStoreOptions.Resolve(null, null, k => env.GetValueOrDefault(k));
        Assert.Equal(30, o.RetentionDays);
        Assert.Equal(EvidenceRetentionMode.Compliance, o.RetentionMode);
        Assert.Equal(5, S3EvidenceStoreOptions.Resolve(5, EvidenceRetentionMode.Governance, k => env.GetValueOrDefault(k)).RetentionDays);
        env[S3EvidenceStoreOptions.RetentionModeVariable] = "forever";
        Assert.Contains("forever", Assert.Throws<ArgumentException>(() => S3EvidenceStoreOptions.Resolve(null, null, k => env.GetValueOrDefault(k))).Message);
        Assert.Throws<ArgumentException>(() => S3EvidenceStoreOptions.Resolve(0, null, _ => null));
    }
}
