using System.Collections.Concurrent;
using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Tests.Accounts;

/// <summary>The per-account scheduler without PowerShell: grouping, ordering, concurrency, failures, progress, cancellation.</summary>
public class AccountWorkSchedulerTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    static BedrockAccountContext Context(string account, string region = "us-east-1") => new BedrockAccountContext { AccountId = account, Region = region };

    static AccountTarget Target(BedrockAccountContext? context, string? region) =>
        new AccountTarget(new AwsConnection(context?.Region ?? region ?? "us-east-1", null, null, new Dictionary<AwsService, Uri>(), new AwsRetryPolicy()), context, null);

    sealed class Harness
    {
        public readonly List<(string Key, int Calls)> Resolved = new List<(string, int)>();
        public readonly ConcurrentQueue<(AccountTarget Target, Exception Error, bool Credentials)> Failures = new ConcurrentQueue<(AccountTarget, Exception, bool)>();
        public readonly ConcurrentQueue<(int Done, int Dispatched, int Failed)> Progress = new ConcurrentQueue<(int, int, int)>();
        public readonly Func<BedrockAccountContext?, string?, bool> Usable;
        public readonly AccountWorkScheduler Scheduler;

        public Harness(int throttleLimit = 4, Func<BedrockAccountContext?, string?, bool>? usable = null, CancellationToken ct = default)
        {
            Usable = usable ?? ((_, __) => true);
            Scheduler = new AccountWorkScheduler(throttleLimit, (context, region) =>
            {
                string key = context?.ToString() ?? "region:" + region;
                Resolved.Add((key, 1));
                return Usable(context, region) ? Target(context, region) : null;
            }, (target, error, credentials) => Failures.Enqueue((target, error, credentials)), ct)
            { Progress = (d, n, f) => Progress.Enqueue((d, n, f)) };
        }

        public async Task RunAsync(AccountWorkScheduler.BatchWork work)
        {
            Scheduler.Dispatch(work);
            await Scheduler.WhenAll().WaitAsync(Patience); // throws TimeoutException if the work does not finish
        }
    }

    [Fact]
    public async Task Only_a_bounded_number_of_targets_is_at_work_at_once_and_every_target_still_runs()
    {
        var h = new Harness(throttleLimit: 1);
        int bound = AccountWorkScheduler.ActiveTargetsFor(1);
        int targets = bound * 3;
        for (int i = 0; i < targets; i++) h.Scheduler.Enqueue(Context((100000000000L + i).ToString()), null, "m");
        int running = 0, peak = 0, finished = 0;
        var release = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = h.RunAsync(async (target, items, ct) =>
        {
            int now = Interlocked.Increment(ref running);
            lock (h) peak = Math.Max(peak, now);
            await release.Task;
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref finished);
        });
        // The first `bound` targets start; the rest wait for one of them to finish.
        var deadline = DateTime.UtcNow + Patience;
        while (Volatile.Read(ref running) < bound && DateTime.UtcNow < deadline) await Task.Delay(10);
        await Task.Delay(100);
        Assert.Equal(bound, Volatile.Read(ref running));
        release.SetResult(true);
        await run;
        Assert.Equal(targets, finished);
        Assert.Equal(bound, peak);
    }

    [Fact]
    public async Task Items_are_grouped_per_target_and_each_target_is_resolved_once()
    {
        var h = new Harness();
        var a = Context("111111111111");
        var b = Context("222222222222");
        h.Scheduler.Enqueue(a, null, "m1");
        h.Scheduler.Enqueue(b, null, "m2");
        h.Scheduler.Enqueue(a, null, "m3");
        h.Scheduler.Enqueue(null, "eu-west-1", "m4");
        var seen = new ConcurrentDictionary<string, IReadOnlyList<object?>>();
        await h.RunAsync((target, items, ct) => { seen[target.Label] = items; return Task.CompletedTask; });
        Assert.Equal(new object?[] { "m1", "m3" }, seen["111111111111/us-east-1"]);
        Assert.Equal(new object?[] { "m2" }, seen["222222222222/us-east-1"]);
        Assert.Equal(new object?[] { "m4" }, seen["eu-west-1"]);

        // A later batch for a known target reuses it.
        h.Scheduler.Enqueue(a, null, "m5");
        await h.RunAsync((target, items, ct) => Task.CompletedTask);
        Assert.Equal(3, h.Resolved.Count);
        Assert.Equal(4, h.Scheduler.Dispatched);
        await h.Scheduler.WhenAll();
    }

    [Fact]
    public async Task Batches_for_one_target_run_one_after_another_in_the_order_they_were_dispatched()
    {
        var h = new Harness();
        var a = Context("111111111111");
        var order = new ConcurrentQueue<string>();
        int inFlight = 0, maxInFlight = 0;
        AccountWorkScheduler.BatchWork work = async (target, items, ct) =>
        {
            int now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref maxInFlight, now);
            order.Enqueue("start " + items[0]);
            await Task.Delay(30).ConfigureAwait(false);
            order.Enqueue("end " + items[0]);
            Interlocked.Decrement(ref inFlight);
        };
        for (int i = 1; i <= 4; i++)
        {
            h.Scheduler.Enqueue(a, null, "batch" + i);
            h.Scheduler.Dispatch(work); // as ProcessRecord does: each input starts at once
        }
        await h.Scheduler.WhenAll().WaitAsync(Patience);
        Assert.Equal(1, maxInFlight);
        Assert.Equal(Enumerable.Range(1, 4).SelectMany(i => new[] { "start batch" + i, "end batch" + i }), order);
    }

    [Fact]
    public async Task Different_targets_run_at_once_and_share_one_gate_of_throttle_limit_calls()
    {
        const int limit = 2;
        var h = new Harness(throttleLimit: limit);
        int inGate = 0, maxInGate = 0, started = 0;
        var allStarted = new TaskCompletionSource<bool>();
        for (int i = 0; i < 6; i++) h.Scheduler.Enqueue(Context($"20000000000{i}"), null, null);
        await h.RunAsync(async (target, items, ct) =>
        {
            Assert.Same(h.Scheduler.Gate, target.Connection.ConcurrencyGate);
            if (Interlocked.Increment(ref started) == 6) allStarted.TrySetResult(true);
            // Every target's batch is running before any call is made: targets do not wait for each other.
            Assert.True(await Task.WhenAny(allStarted.Task, Task.Delay(Patience)).ConfigureAwait(false) == allStarted.Task);
            for (int call = 0; call < 3; call++)
            {
                await target.Connection.ConcurrencyGate!.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    InterlockedMax(ref maxInGate, Interlocked.Increment(ref inGate));
                    await Task.Delay(5).ConfigureAwait(false);
                    Interlocked.Decrement(ref inGate);
                }
                finally { target.Connection.ConcurrencyGate.Release(); }
            }
        });
        Assert.Equal(limit, maxInGate);
        Assert.Empty(h.Failures);
    }

    [Fact]
    public async Task A_failing_target_is_reported_once_and_does_not_stop_the_others()
    {
        var h = new Harness();
        var bad = Context("222222222222");
        var done = new ConcurrentBag<string>();
        foreach (var account in new[] { "111111111111", "222222222222", "333333333333" }) h.Scheduler.Enqueue(Context(account), null, null);
        await h.RunAsync((target, items, ct) =>
        {
            if (target.Context!.AccountId == bad.AccountId) throw new InvalidOperationException("boom in " + target.Label);
            done.Add(target.Context.AccountId);
            return Task.CompletedTask;
        });
        Assert.Equal(new[] { "111111111111", "333333333333" }, done.OrderBy(x => x));
        var failure = Assert.Single(h.Failures);
        Assert.Equal("222222222222/us-east-1", failure.Target.Label);
        Assert.False(failure.Credentials);
        Assert.Equal("boom in 222222222222/us-east-1", failure.Error.Message);
        Assert.Equal(1, h.Scheduler.Failed);
        Assert.Equal(3, h.Scheduler.Done);
    }

    [Fact]
    public async Task A_target_that_cannot_be_resolved_is_skipped_in_every_later_batch_without_resolving_again()
    {
        var h = new Harness(usable: (context, region) => context?.AccountId != "222222222222");
        var bad = Context("222222222222");
        int runs = 0;
        h.Scheduler.Enqueue(bad, null, "a");
        h.Scheduler.Enqueue(Context("111111111111"), null, "b");
        await h.RunAsync((target, items, ct) => { Interlocked.Increment(ref runs); return Task.CompletedTask; });
        h.Scheduler.Enqueue(bad, null, "c");
        await h.RunAsync((target, items, ct) => { Interlocked.Increment(ref runs); return Task.CompletedTask; });
        Assert.Equal(1, runs);
        Assert.Equal(1, h.Resolved.Count(r => r.Key == bad.ToString()));
        Assert.Equal(1, h.Scheduler.Dispatched);
    }

    [Fact]
    public async Task Progress_counts_done_dispatched_and_failed_batches_when_there_are_several_targets()
    {
        var h = new Harness(throttleLimit: 1);
        foreach (var account in new[] { "111111111111", "222222222222", "333333333333" }) h.Scheduler.Enqueue(Context(account), null, null);
        await h.RunAsync((target, items, ct) => target.Context!.AccountId == "222222222222" ? Task.FromException(new Exception("x")) : Task.CompletedTask);
        var reports = h.Progress.ToList();
        Assert.Equal(3, reports.Count);
        Assert.All(reports, r => Assert.Equal(3, r.Dispatched));
        Assert.Equal(new[] { 1, 2, 3 }, reports.Select(r => r.Done).OrderBy(d => d));
        Assert.Equal(1, reports.Max(r => r.Failed));
        Assert.Equal((3, 3, 1), reports.OrderBy(r => r.Done).Last());
    }

    [Fact]
    public async Task One_target_reports_no_progress_and_counts_as_a_single_target()
    {
        var h = new Harness();
        h.Scheduler.Enqueue(null, null, null);
        Assert.False(h.Scheduler.HasManyTargets);
        await h.RunAsync((target, items, ct) => Task.CompletedTask);
        Assert.Empty(h.Progress);
        Assert.False(h.Scheduler.IsEmpty);
    }

    [Fact]
    public async Task Cancellation_stops_waiting_batches_and_is_not_reported_as_a_target_failure()
    {
        using var cts = new CancellationTokenSource();
        var h = new Harness(ct: cts.Token);
        var a = Context("111111111111");
        var firstRunning = new TaskCompletionSource<bool>();
        int secondRan = 0;
        h.Scheduler.Enqueue(a, null, "first");
        h.Scheduler.Dispatch(async (target, items, ct) =>
        {
            firstRunning.TrySetResult(true);
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        });
        h.Scheduler.Enqueue(a, null, "second");
        h.Scheduler.Dispatch((target, items, ct) => { Interlocked.Increment(ref secondRan); return Task.CompletedTask; });
        await firstRunning.Task;
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Scheduler.WhenAll());
        Assert.Equal(0, secondRan);
        Assert.Empty(h.Failures);
    }

    static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
