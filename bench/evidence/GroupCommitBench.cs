// Group-commit scenario of the evidence bench (issue 18.3): N concurrent appenders in ONE process, each calling
// EvidenceLedger.Append one record at a time (each call returns only once its record is on disk), against one
// ledger. Prints durable records/s and checks the chain. Run alone:
//   dotnet run -c Release --project bench/evidence -- group-commit [--appenders 64] [--per-appender 500] [--dir PATH]
using System.Diagnostics;
using System.Globalization;
using BedrockCompliance;
using BedrockCompliance.Engine.Evidence;

static class GroupCommitBench
{
    public const string Mode = "group-commit";

    public static int Run(string[] args)
    {
        int appenders = 64, perAppender = 500, warmUp = 500;
        string dir = Path.Combine(Path.GetTempPath(), "bc-evidence-bench-group");
        for (int i = 1; i < args.Length - 1; i++)
        {
            if (args[i] == "--appenders") appenders = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            if (args[i] == "--per-appender") perAppender = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            if (args[i] == "--dir") dir = args[i + 1];
            if (args[i] == "--warm-up") warmUp = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
        }
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"group-{appenders}.jsonl");
        if (File.Exists(path)) File.Delete(path);
        var ledger = EvidenceLedger.Open(path, EvidenceContext.Create("arn:aws:sts::111111111111:assumed-role/Bench/group"));
        // Warm up with the same concurrency before the clock starts: the rate is a steady-state figure, and a run of
        // 2 s otherwise measures mostly the JIT's tiers (instrumented code of the record path, the secret guard's regex).
        ledger.Append(Record(0));
        int warmed = 1 + Appenders(ledger, appenders, warmUp, first: 1_000_000, out _, out _);
        int total = appenders * perAppender;
        int done = Appenders(ledger, appenders, perAppender, first: 0, out double seconds, out double worst);
        var check = EvidenceVerifier.Verify(path);
        Console.WriteLine($"{appenders} concurrent appenders in one process x {perAppender:N0} Append calls (each returns once on disk): "
            + $"{total / seconds:N0} durable records/s ({seconds:0.00} s, slowest single append {worst:N0} ms); "
            + $"chain valid={check.Valid}, records={check.RecordCount - warmed:N0} (+{warmed:N0} warm-up)");
        double fsyncMs = MedianFsyncMilliseconds(dir);
        Console.WriteLine($"fsync of a small append in {dir}: {fsyncMs:0.00} ms median; so one fsync per batch bounds {appenders} one-record-at-a-time appenders at {appenders / fsyncMs * 1000:N0} records/s on this disk now");
        Console.WriteLine($"target >= 20,000 records/s {(total / seconds >= 20_000 ? "MET" : "NOT MET")}");
        return check.Valid && check.RecordCount == done + warmed ? 0 : 1;
    }

    /// <summary>Runs <paramref name="appenders"/> threads of <paramref name="perAppender"/> appends each; returns the records appended.</summary>
    static int Appenders(EvidenceLedger ledger, int appenders, int perAppender, int first, out double seconds, out double slowestMs)
    {
        using var start = new ManualResetEventSlim(false);
        var threads = new Thread[appenders];
        var worst = new double[appenders];
        for (int t = 0; t < appenders; t++)
        {
            int id = t;
            threads[t] = new Thread(() =>
            {
                start.Wait();
                var clock = new Stopwatch();
                for (int n = 0; n < perAppender; n++)
                {
                    clock.Restart();
                    ledger.Append(Record(first + id * perAppender + n));
                    worst[id] = Math.Max(worst[id], clock.Elapsed.TotalMilliseconds);
                }
            }) { IsBackground = true };
            threads[t].Start();
        }
        var sw = Stopwatch.StartNew();
        start.Set();
        foreach (var th in threads) th.Join();
        seconds = sw.Elapsed.TotalSeconds;
        slowestMs = worst.Max();
        return appenders * perAppender;
    }

    /// <summary>What the disk charges for one fsync right now (the unavoidable cost of a batch).</summary>
    static double MedianFsyncMilliseconds(string dir)
    {
        string probe = Path.Combine(dir, "fsync-probe.bin");
        var times = new List<double>();
        var line = new byte[900];
        using (var fs = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            for (int i = 0; i < 51; i++)
            {
                var sw = Stopwatch.StartNew();
                fs.Write(line, 0, line.Length);
                fs.Flush(flushToDisk: true);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        }
        File.Delete(probe);
        times.Sort();
        return times[times.Count / 2];
    }

    static EvidenceRecord Record(int i) => new()
    {
        Action = i % 2 == 0 ? EvidenceAction.AgreementIntent : EvidenceAction.AgreementAccepted,
        Outcome = i % 2 == 0 ? EvidenceOutcome.Pending : EvidenceOutcome.Succeeded,
        AccountId = (111111111111L + i % 50).ToString(CultureInfo.InvariantCulture),
        Region = "us-east-1",
        ModelId = "anthropic.claude-3-5-sonnet-20241022-v2:0",
        LicenseCategory = "ProprietaryCommercial",
        Details = "appender record " + i.ToString(CultureInfo.InvariantCulture),
    };
}
