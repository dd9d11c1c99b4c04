using System.Diagnostics;
using System.Text.RegularExpressions;
using BedrockCompliance.Engine.Evidence;
using Xunit.Abstractions;

namespace BedrockCompliance.Tests.Evidence;

/// <summary>Several real writer processes append to one ledger at once.</summary>
public class EvidenceMultiProcessTests
{
    readonly ITestOutputHelper _output;
    public EvidenceMultiProcessTests(ITestOutputHelper output) => _output = output;

    /// <summary>tests/BedrockCompliance.LedgerWriter/bin/&lt;config&gt;/net10.0/BedrockCompliance.LedgerWriter.dll, built with the solution.</summary>
    internal static string LedgerWriterPath()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string tfm = bin.Name, config = bin.Parent!.Name;
        var tests = bin.Parent!.Parent!.Parent!.Parent!;
        string path = Path.Combine(tests.FullName, "BedrockCompliance.LedgerWriter", "bin", config, tfm, "BedrockCompliance.LedgerWriter.dll");
        Assert.True(File.Exists(path), $"The ledger writer helper is not built: {path}");
        return path;
    }

    internal static Process StartWriter(string ledger, int count, string tag, int batch = 1, long startAtTicks = 0, int pauseMs = 0)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { LedgerWriterPath(), ledger, count.ToString(), tag, "--batch", batch.ToString(), "--start-at-utc", startAtTicks.ToString(), "--pause-ms", pauseMs.ToString() })
            psi.ArgumentList.Add(a);
        psi.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        return Process.Start(psi)!;
    }

    [Fact]
    public void Four_writer_processes_appending_at_once_lose_nothing_and_keep_the_chain_valid()
    {
        using var t = new TempLedger();
        const int writers = 4, perWriter = 150;
        long startAt = DateTime.UtcNow.AddSeconds(1.5).Ticks; // all start together, after the runtime has loaded
        // w0 hammers the lock without pause; the others pause 1 ms between appends like a cmdlet doing work, so the
        // writers really interleave (a busy writer otherwise re-takes the lock before a sleeping waiter wakes).
        var procs = Enumerable.Range(0, writers).Select(i => StartWriter(t.Path, perWriter, "w" + i, 1, startAt, i == 0 ? 0 : 1)).ToList();
        // Meanwhile this process appends too, and a reader streams concurrently.
        for (int i = 0; i < 50; i++)
        {
            t.Ledger.Append(TempLedger.Draft(i));
            if (i % 10 == 0) Assert.True(EvidenceReader.Read(t.Path).All(x => x.Record != null));
        }
        foreach (var p in procs)
        {
            Assert.True(p.WaitForExit(120_000), "a writer did not finish");
            string err = p.StandardError.ReadToEnd();
            Assert.True(p.ExitCode == 0, err);
            Assert.Equal($"ok {perWriter}", p.StandardOutput.ReadToEnd().Trim());
        }

        var result = t.Verify();
        Assert.True(result.Valid, result.Message);
        Assert.Equal(writers * perWriter + 50, result.RecordCount);
        Assert.Equal(result.RecordCount, result.LastSequence);

        var records = EvidenceReader.Read(t.Path).Select(x => x.Record!).ToList();
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Sequence));
        var seen = records.Where(r => r.Details!.StartsWith("writer="))
            .Select(r => Regex.Match(r.Details!, @"writer=(w\d) n=(\d+)")).Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value))).ToList();
        Assert.Equal(writers * perWriter, seen.Distinct().Count());
        for (int w = 0; w < writers; w++)
        {
            var mine = seen.Where(s => s.Item1 == "w" + w).Select(s => s.Item2).ToList();
            Assert.Equal(Enumerable.Range(0, perWriter), mine); // every record, in each writer's own order
        }
        // The writers really interleaved (otherwise this test proves little).
        int switches = 0;
        for (int i = 1; i < records.Count; i++) if (records[i].PrincipalArn != records[i - 1].PrincipalArn) switches++;
        _output.WriteLine($"{records.Count} records, {switches} writer switches");
        Assert.True(switches > writers * 4, $"only {switches} switches between writers");
    }

    [Fact]
    public void Writer_processes_continue_after_a_torn_tail()
    {
        using var t = new TempLedger();
        t.Fill(2);
        t.AppendRaw("{\"v\":1,\"id\":\"crash-here");
        var procs = Enumerable.Range(0, 3).Select(i => StartWriter(t.Path, 40, "t" + i, 5)).ToList();
        foreach (var p in procs) { Assert.True(p.WaitForExit(120_000)); Assert.Equal(0, p.ExitCode); }
        var r = t.Verify();
        Assert.True(r.ChainIntact, r.Message);
        Assert.Equal(EvidenceProblemReason.Torn, r.Reason);
        Assert.Equal(3, r.FirstBadRecord);
        Assert.Equal(1, r.TornLineCount);
        Assert.Equal(122, r.RecordCount);
    }
}
