// Compliance report benchmark: dotnet run -c Release --project bench/report [-- --accounts N --models M --dir PATH]
// Builds (untimed) a ledger like an organisation-wide rollout: per account one PrivacyChecked record and, per model, a
// LicenseReviewed decision, an intent, an acceptance and an access check, plus a few acceptances found in CloudTrail;
// then times what Export-BedrockComplianceReport runs: the streaming fold of the ledger, the chain verification and
// the HTML. Prints the figures; the target is under 10 s for 1,000 accounts.
using System.Diagnostics;
using BedrockCompliance;
using BedrockCompliance.Engine.Evidence;
using BedrockCompliance.Engine.Report;

int accounts = 1000, models = 24;
string dir = Path.Combine(Path.GetTempPath(), "bc-report-bench");
for (int i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--accounts") accounts = int.Parse(args[i + 1]);
    if (args[i] == "--models") models = int.Parse(args[i + 1]);
    if (args[i] == "--dir") dir = args[i + 1];
}
if (Directory.Exists(dir)) Directory.Delete(dir, true);
Directory.CreateDirectory(dir);
string ledgerPath = Path.Combine(dir, "evidence.jsonl"), report = Path.Combine(dir, "report.html");
Console.WriteLine($"Compliance report benchmark — {Environment.ProcessorCount} cores, .NET {Environment.Version}; {accounts:N0} accounts × {models} models");
if (File.Exists("/proc/loadavg")) Console.WriteLine($"Load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");

var ledger = EvidenceLedger.Open(ledgerPath, EvidenceContext.Create("arn:aws:iam::111111111111:user/compliance-admin", "bench-run"));
var fill = Stopwatch.StartNew();
string sha = new string('a', 64);
for (int a = 0; a < accounts; a++)
{
    string account = (200000000000L + a).ToString();
    var batch = new List<EvidenceRecord>
    {
        new() { Action = EvidenceAction.PrivacyChecked, Outcome = a % 10 == 0 ? EvidenceOutcome.Failed : EvidenceOutcome.Succeeded, AccountId = account, Region = "us-east-1",
                AccountName = "Account " + a, Details = $"RegionAllowed=Pass; CloudTrail={(a % 10 == 0 ? "Fail" : "Pass")}; PrivateLink=Pass; InvocationLogging=Pass" },
    };
    for (int m = 0; m < models; m++)
    {
        string model = $"provider{m % 6}.model-{m}-v1:0";
        EvidenceRecord R(string action, string outcome) => new()
        {
            Action = action, Outcome = outcome, AccountId = account, Region = "us-east-1", AccountName = "Account " + a, ModelId = model, Provider = "Provider" + (m % 6),
            LicenseCategory = "ProprietaryCommercial", LicenseName = "Seller EULA", PolicyName = "Contoso Bedrock licence policy", PolicySha256 = sha,
            Verdict = "Allowed", ReasonCodes = m == 0 ? "ExplicitApproval" : "AllowedByRules", ApprovedBy = m == 0 ? "Dana Whitfield (Legal)" : null,
            ApprovedOn = m == 0 ? "2026-02-10" : null, ApprovalReference = m == 0 ? "LEGAL-2291" : null,
            SourceArn = "arn:aws:iam::111111111111:user/compliance-admin",
            PrincipalArn = $"arn:aws:sts::{account}:assumed-role/OrganizationAccountAccessRole/BedrockCompliance",
        };
        batch.Add(R(EvidenceAction.LicenseReviewed, EvidenceOutcome.Succeeded));
        batch.Add(R(EvidenceAction.AgreementIntent, EvidenceOutcome.Pending));
        batch.Add(R(EvidenceAction.AgreementAccepted, EvidenceOutcome.Succeeded));
        batch.Add(R(EvidenceAction.AccessVerified, EvidenceOutcome.Succeeded));
    }
    if (a % 50 == 0)
        batch.Add(new EvidenceRecord { Action = EvidenceAction.AcceptanceObserved, Outcome = EvidenceOutcome.Observed, AccountId = account, Region = "us-east-1", ModelId = "sneaky.model-v1:0",
            CloudTrailEventId = Guid.NewGuid().ToString(), EventTime = EvidenceFormat.FormatTimestamp(DateTime.UtcNow), AcceptedVia = AcceptanceVia.OtherClient,
            PrincipalArn = $"arn:aws:iam::{account}:user/jordan" });
    ledger.AppendRange(batch);
}
long records = accounts * (1L + 4 * models) + (accounts + 49) / 50;
Console.WriteLine($"ledger: {records:N0} records, {new FileInfo(ledgerPath).Length / 1048576.0:N1} MiB, written in {fill.Elapsed.TotalSeconds:0.0} s (untimed)");

var best = double.MaxValue;
BedrockComplianceReport? result = null;
for (int run = 0; run < 3; run++)
{
    var watch = Stopwatch.StartNew();
    var data = new ComplianceReportBuilder();
    data.ReadLedger(ledgerPath, null, default);
    using (var output = new FileStream(report, FileMode.Create, FileAccess.Write))
        result = ComplianceReport.Write(data, output, null, default);
    double seconds = watch.Elapsed.TotalSeconds;
    best = Math.Min(best, seconds);
    Console.WriteLine($"run {run + 1}: {seconds:0.00} s (read + verify + HTML)");
}
Console.WriteLine($"report for {result!.AccountCount:N0} accounts, {result.ModelRows:N0} model rows, {result.RecordCount:N0} records, {result.OutsideReviewCount} outside review: " +
    $"best {best:0.00} s of 3, {result.Bytes / 1048576.0:N1} MiB HTML, chain valid {result.ChainValid}; target < 10 s, ratio target/best {10 / best:0.0}x");
Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB");
if (File.Exists("/proc/loadavg")) Console.WriteLine($"Load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
