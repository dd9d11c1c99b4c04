using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Tests.Evidence;

/// <summary>Issue 18.3: concurrent appends in one process share the lock and fsync, and still return only once on disk.</summary>
public class EvidenceGroupCommitTests
{
    [Fact]
    public void Concurrent_appenders_share_fsyncs_and_every_returned_record_is_already_in_the_file()
    {
        using var t = new TempLedger();
        const int threads = 32, each = 25;
        long batchesBefore = Interlocked.Read(ref EvidenceGroupCommit.BatchesWritten);
        var notOnDisk = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        var returned = new System.Collections.Concurrent.ConcurrentBag<EvidenceRecord>();
        using var start = new ManualResetEventSlim(false);
        var workers = Enumerable.Range(0, threads).Select(w => new Thread(() =>
        {
            start.Wait();
            for (int i = 0; i < each; i++)
            {
                var r = i % 5 == 4
                    ? t.Ledger.AppendAsync(TempLedger.Draft(w * 100 + i)).GetAwaiter().GetResult()
                    : t.Ledger.Append(TempLedger.Draft(w * 100 + i));
                returned.Add(r);
                // Read what is in the file now: the record must be there (with its hash) the moment Append returns.
                if (!ReadShared(t.Path).Contains(r.Hash!, StringComparison.Ordinal)) notOnDisk.Add(r.Id);
            }
        })).ToList();
        workers.ForEach(x => x.Start());
        start.Set();
        workers.ForEach(x => x.Join());

        Assert.Empty(notOnDisk);
        var result = t.Verify();
        Assert.True(result.Valid, result.Message);
        Assert.Equal(threads * each, result.RecordCount);
        Assert.Equal(Enumerable.Range(1, threads * each).Select(i => (long)i), returned.Select(r => r.Sequence).OrderBy(s => s));
        Assert.Equal(threads * each, returned.Select(r => r.Id).Distinct().Count());
        long batches = Interlocked.Read(ref EvidenceGroupCommit.BatchesWritten) - batchesBefore;
        // Other tests may write at the same time, so only the direction is asserted: fewer batches than records.
        Assert.True(batches < threads * each, $"{batches} batches for {threads * each} records: appends did not share fsyncs");
    }

    [Fact]
    public void A_cancelled_append_writes_nothing_and_the_others_still_land()
    {
        using var t = new TempLedger();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => t.Ledger.Append(TempLedger.Draft(1), cts.Token));
        t.Ledger.Append(TempLedger.Draft(2));
        var result = t.Verify();
        Assert.True(result.Valid, result.Message);
        Assert.Equal(1, result.RecordCount);
    }

    [Fact]
    public async Task A_leader_cancelled_while_another_process_holds_the_lock_passes_the_batch_on()
    {
        using var t = new TempLedger();
        t.Fill(1);
        var ledger = EvidenceLedger.Open(t.Path, EvidenceContext.Create(), new EvidenceLedgerOptions { LockTimeout = TimeSpan.FromSeconds(20) });
        Task<EvidenceRecord> follower;
        using (var foreign = new FileStream(EvidencePaths.LockFileFor(t.Path), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            using var cts = new CancellationTokenSource();
            var leader = Task.Run(() => ledger.Append(TempLedger.Draft(2), cts.Token));
            await Task.Delay(200); // the leader is now waiting for the lock
            follower = Task.Run(() => ledger.Append(TempLedger.Draft(3)));
            await Task.Delay(200);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leader);
            Assert.False(follower.IsCompleted);
        }
        var written = await follower;
        Assert.Equal(2, written.Sequence);
        var result = t.Verify();
        Assert.True(result.Valid, result.Message);
        Assert.Equal(2, result.RecordCount);
    }

    static string ReadShared(string path)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(fs);
        return reader.ReadToEnd();
    }
}
