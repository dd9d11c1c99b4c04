// Evidence ledger benchmark. One command: dotnet run -c Release --project bench/evidence [-- --records N --dir PATH]
// --export-only: only the export vs plain CsvHelper rounds, over the ledger a previous run left in the work folder.
// Children of this same executable do the measured work in their own processes:
//   fill <ledger> <count> <batch>        append records (AppendRange batches, one fsync per batch)
//   single <ledger> <count> <startTicks> append one record at a time (lock + fsync each), from a common start time
//   export <ledger> <csv>                our exporter (EvidenceCsvExporter), prints time and peak working set
//   plain <ledger> <csv>                 loads the same rows into memory (untimed), then times plain CsvHelper WriteRecord per row
using System.Diagnostics;
using System.Globalization;
using BedrockCompliance;
using BedrockCompliance.Engine.Evidence;
using CsvHelper;

Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
if (args.Length > 0 && args[0] is "fill" or "single" or "export" or "plain") return Child.Run(args);
if (args.Length > 0 && args[0] == GroupCommitBench.Mode) return GroupCommitBench.Run(args);

int records = 1_000_000;
int singleCount = 20_000;
int concurrentPerWriter = 2_500;
string dir = Path.Combine(Path.GetTempPath(), "bc-evidence-bench");
bool exportOnly = args.Contains("--export-only");
for (int i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--records") records = int.Parse(args[i + 1]);
    if (args[i] == "--single") singleCount = int.Parse(args[i + 1]);
    if (args[i] == "--per-writer") concurrentPerWriter = int.Parse(args[i + 1]);
    if (args[i] == "--dir") dir = args[i + 1];
}
string ledger = Path.Combine(dir, "evidence.jsonl");
if (exportOnly && !File.Exists(ledger)) { Console.Error.WriteLine($"--export-only needs the ledger of a previous run: {ledger}"); return 2; }
if (!exportOnly)
{
    if (Directory.Exists(dir)) Directory.Delete(dir, true);
    Directory.CreateDirectory(dir);
}
Console.WriteLine($"Evidence ledger benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeInfo()}");
Console.WriteLine($"Work folder: {dir}");
if (File.Exists("/proc/loadavg")) Console.WriteLine($"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()} (other work on the machine skews the figures)");

if (exportOnly) records = File.ReadLines(ledger).Count();
else AppendAndVerify();

void AppendAndVerify()
{
    // 1. Append
    var fill = Child.Start("fill", ledger, records.ToString(), "1000");
    var (fillOut, _) = Child.Wait(fill);
    double fillSeconds = double.Parse(Child.Field(fillOut, "seconds"), CultureInfo.InvariantCulture);
    Console.WriteLine($"append {records:N0} records (AppendRange, 1,000 per lock+fsync): {fillSeconds:0.00} s, {records / fillSeconds:N0} records/s, ledger {new FileInfo(ledger).Length / 1048576.0:N0} MiB");

    string singleLedger = Path.Combine(dir, "single.jsonl");
    var single = Child.Start("single", singleLedger, singleCount.ToString(), "0");
    var (singleOut, _) = Child.Wait(single);
    double singleSeconds = double.Parse(Child.Field(singleOut, "seconds"), CultureInfo.InvariantCulture);
    Console.WriteLine($"append {singleCount:N0} records one at a time (Append: lock, tail read, write, fsync each): {singleSeconds:0.00} s, {singleCount / singleSeconds:N0} records/s");

    var verifyClock = Stopwatch.StartNew();
    var verify = EvidenceVerifier.Verify(ledger);
    Console.WriteLine($"verify {verify.RecordCount:N0} records (Test-BedrockComplianceEvidence engine): {verifyClock.Elapsed.TotalSeconds:0.00} s, valid={verify.Valid}");
}

// 2. Export vs plain CsvHelper, alternating, best of 3 each (the machine may be shared)
double ours = double.MaxValue, plain = double.MaxValue; long peak = 0, plainPeak = 0;
for (int round = 0; round < 3; round++)
{
    var (eo, _) = Child.Wait(Child.Start("export", ledger, Path.Combine(dir, "ours.csv")));
    ours = Math.Min(ours, double.Parse(Child.Field(eo, "seconds"), CultureInfo.InvariantCulture));
    peak = Math.Max(peak, long.Parse(Child.Field(eo, "peakWorkingSet")));
    var (po, _) = Child.Wait(Child.Start("plain", ledger, Path.Combine(dir, "plain.csv")));
    plain = Math.Min(plain, double.Parse(Child.Field(po, "seconds"), CultureInfo.InvariantCulture));
    plainPeak = Math.Max(plainPeak, long.Parse(Child.Field(po, "peakWorkingSet")));
}
double ratio = plain / ours;
Console.WriteLine($"export {records:N0} records to CSV, our exporter (read JSONL + parse + injection-escape + write): {ours:0.00} s, {records / ours:N0} rows/s, {new FileInfo(Path.Combine(dir, "ours.csv")).Length / 1048576.0:N0} MiB");
Console.WriteLine($"plain CsvHelper WriteRecord of the same rows already in memory (write only): {plain:0.00} s, {records / plain:N0} rows/s (its process peaked at {plainPeak / 1048576.0:N0} MiB holding the rows)");
Console.WriteLine($"throughput ratio ours/plain = {ratio:0.00} (target >= 0.9) {(ratio >= 0.9 ? "MET" : "NOT MET")}");
Console.WriteLine($"export peak working set (whole child process): {peak / 1048576.0:N0} MiB (target <= 150 MiB) {(peak <= 150L * 1048576 ? "MET" : "NOT MET")}");

if (exportOnly) return 0;

// 3. Concurrent writers
foreach (int writers in new[] { 1, 4 })
{
    string cl = Path.Combine(dir, $"concurrent-{writers}.jsonl");
    long startAt = DateTime.UtcNow.AddSeconds(2).Ticks;
    var procs = Enumerable.Range(0, writers).Select(_ => Child.Start("single", cl, concurrentPerWriter.ToString(), startAt.ToString())).ToList();
    var outs = procs.Select(p => Child.Wait(p).stdout).ToList();
    double end = outs.Max(o => double.Parse(Child.Field(o, "endOffsetSeconds"), CultureInfo.InvariantCulture));
    int total = writers * concurrentPerWriter;
    var check = EvidenceVerifier.Verify(cl);
    Console.WriteLine($"{writers} writer process(es) x {concurrentPerWriter:N0} single appends: {total / end:N0} appends/s in all ({end:0.00} s); chain valid={check.Valid}, records={check.RecordCount:N0}");
}
// 4. Group commit: 64 appenders in one process (GroupCommitBench.cs), in its own child process
Console.Write(Child.Wait(Child.Start(GroupCommitBench.Mode, "--dir", dir)).stdout);
if (File.Exists("/proc/loadavg")) Console.WriteLine($"Load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;

static string RuntimeInfo() => $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription.Trim()}";

static class Child
{
    public static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string self = typeof(Child).Assembly.Location;
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") psi.ArgumentList.Add(self);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        return Process.Start(psi)!;
    }

    public static (string stdout, string stderr) Wait(Process p)
    {
        var so = p.StandardOutput.ReadToEndAsync();
        var se = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new Exception($"child failed ({p.ExitCode}): {se.Result}");
        return (so.Result, se.Result);
    }

    public static string Field(string output, string name)
    {
        foreach (var line in output.Split('\n'))
            if (line.StartsWith(name + "=", StringComparison.Ordinal)) return line.Substring(name.Length + 1).Trim();
        throw new Exception($"'{name}' missing in child output: {output}");
    }

    static readonly string[] Models =
    {
        "anthropic.claude-3-5-sonnet-20241022-v2:0", "meta.llama3-1-70b-instruct-v1:0", "amazon.nova-pro-v1:0", "mistral.mistral-large-2402-v1:0",
        "cohere.command-r-plus-v1:0", "deepseek.r1-v1:0", "ai21.jamba-1-5-large-v1:0", "stability.sd3-5-large-v1:0",
    };
    static readonly string[] Actions = { EvidenceAction.AgreementIntent, EvidenceAction.AgreementAccepted, EvidenceAction.AccessVerified, EvidenceAction.AgreementObserved, EvidenceAction.PolicyDenied };

    static EvidenceRecord Make(int i) => new()
    {
        Action = Actions[i % Actions.Length],
        Outcome = i % 7 == 0 ? EvidenceOutcome.Pending : EvidenceOutcome.Succeeded,
        AccountId = (111111111111L + i % 50).ToString(CultureInfo.InvariantCulture),
        Region = i % 3 == 0 ? "eu-west-1" : "us-east-1",
        ModelId = Models[i % Models.Length],
        Provider = "Provider " + (i % Models.Length),
        LicenseCategory = "ProprietaryCommercial",
        LicenseName = "Seller EULA",
        OfferId = "offer-" + (i % 997),
        LegalTermUrl = "https://aws.amazon.com/marketplace/pp/prodview-" + (i % 97),
        UseCase = i % 11 == 0 ? "Internal summaries; \"quoted\" note" : "Internal summaries",
        Details = i % 13 == 0 ? "=SUM(1,2) looked like a formula" : "run " + i,
    };

    public static int Run(string[] args)
    {
        var sw = new Stopwatch();
        switch (args[0])
        {
            case "fill":
            {
                var ledger = EvidenceLedger.Open(args[1], EvidenceContext.Create("arn:aws:sts::111111111111:assumed-role/Bench/fill"));
                int count = int.Parse(args[2]), batch = int.Parse(args[3]);
                sw.Start();
                for (int n = 0; n < count; n += batch)
                    ledger.AppendRange(Enumerable.Range(n, Math.Min(batch, count - n)).Select(Make));
                Console.WriteLine($"seconds={sw.Elapsed.TotalSeconds.ToString(CultureInfo.InvariantCulture)}");
                return 0;
            }
            case "single":
            {
                var ledger = EvidenceLedger.Open(args[1], EvidenceContext.Create("arn:aws:sts::111111111111:assumed-role/Bench/p" + Environment.ProcessId));
                int count = int.Parse(args[2]);
                long startAt = long.Parse(args[3]);
                var records = Enumerable.Range(0, count).Select(Make).ToList();
                ledger.Append(Make(0)); count--; // warm up (JIT, regexes) before the clock starts
                if (startAt > 0) { var wait = new DateTime(startAt, DateTimeKind.Utc) - DateTime.UtcNow; if (wait > TimeSpan.Zero) Thread.Sleep(wait); }
                sw.Start();
                for (int n = 0; n < count; n++) ledger.Append(records[n]);
                double secs = sw.Elapsed.TotalSeconds;
                Console.WriteLine($"seconds={secs.ToString(CultureInfo.InvariantCulture)}");
                double endOffset = startAt > 0 ? (DateTime.UtcNow - new DateTime(startAt, DateTimeKind.Utc)).TotalSeconds : secs;
                Console.WriteLine($"endOffsetSeconds={endOffset.ToString(CultureInfo.InvariantCulture)}");
                return 0;
            }
            case "export":
            {
                sw.Start();
                var r = EvidenceCsvExporter.ExportToFile(args[1], args[2]);
                double secs = sw.Elapsed.TotalSeconds;
                Console.WriteLine($"seconds={secs.ToString(CultureInfo.InvariantCulture)}");
                Console.WriteLine($"rows={r.RecordsWritten}");
                Console.WriteLine($"peakWorkingSet={Process.GetCurrentProcess().PeakWorkingSet64}");
                return 0;
            }
            case "plain":
            {
                // Untimed: the same rows in memory, as strings in the exporter's column order (from the engine's field
                // table, so the baseline cannot drift from the real columns).
                var rows = new List<string?[]>();
                foreach (var item in EvidenceReader.Read(args[1])) rows.Add(EvidenceCsvExporter.ToRow(item.Record!));
                GC.Collect();
                sw.Start();
                using (var csv = CsvWriter.ToFile(args[2]))
                {
                    csv.WriteHeader(EvidenceCsvExporter.Columns.ToArray());
                    foreach (var row in rows) csv.WriteRecord(row!);
                }
                double secs = sw.Elapsed.TotalSeconds;
                Console.WriteLine($"seconds={secs.ToString(CultureInfo.InvariantCulture)}");
                Console.WriteLine($"peakWorkingSet={Process.GetCurrentProcess().PeakWorkingSet64}");
                GC.KeepAlive(rows);
                return 0;
            }
        }
        return 2;
    }
}
