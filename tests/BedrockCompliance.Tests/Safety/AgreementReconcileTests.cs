using System.Text.Json.Nodes;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Evidence;
using BedrockCompliance.Engine.Hosting;
using BedrockCompliance.Tests.Emulator;

namespace BedrockCompliance.Tests.Safety;

/// <summary>
/// Issue 15.4 and 15.13 against the emulator: a create whose answer was lost after it committed is an acceptance,
/// a lost race is an observation (recorded once across writers), and neither is ever AgreementFailed.
/// </summary>
public class AgreementReconcileTests
{
    const string Llama = "meta.llama3-70b-instruct-v1:0";
    const string Mistral = "mistral.mistral-7b-instruct-v0:2";
    static readonly LicenseCatalog Catalog = LicenseCatalog.Resolve(null);

    /// <summary>Confirms everything; <see cref="BeforeConfirm"/> runs just before the create (to stage a race).</summary>
    sealed class TestHost : IOperationHost
    {
        public Func<Task>? BeforeConfirm;
        public readonly List<string> Warnings = new();
        public async Task<bool> ShouldProcessAsync(string target, string action)
        {
            if (BeforeConfirm != null) await BeforeConfirm();
            return true;
        }
        public bool IsWhatIf => false;
        public void Verbose(string message) { }
        public void Warning(string message) { lock (Warnings) Warnings.Add(message); }
        public void Debug(string message) { }
    }

    /// <summary>One "process": its own index built from the ledger at start, as a separate pwsh would have.</summary>
    static AgreementService Service(TestEmulator emu, string ledgerPath, TestHost host)
    {
        var connection = new AwsConnection("us-east-1", TestEmulator.Management, null,
            AwsService.All.ToDictionary(s => s, _ => new Uri(emu.Url)), new AwsRetryPolicy(3, baseDelay: TimeSpan.Zero));
        var bedrock = new BedrockClient(new AwsHttpSender(connection));
        var index = AgreementLedgerIndex.Build(ledgerPath, CancellationToken.None);
        var ledger = EvidenceLedger.Open(ledgerPath, EvidenceContext.Create("arn:aws:iam::111111111111:user/compliance-admin"));
        var recorder = new EvidenceRecorder(ledger, "111111111111", "us-east-1", "arn:aws:iam::111111111111:user/compliance-admin", index);
        return new AgreementService(bedrock, Catalog, recorder, index, host);
    }

    static List<EvidenceRecord> Records(string path) =>
        EvidenceReader.Read(path).Where(i => i.Record != null).Select(i => i.Record!).ToList();

    static int Count(List<EvidenceRecord> records, string action, string model) => records.Count(r => r.Action == action && r.ModelId == model);

    static string TempLedger() => Path.Combine(Path.GetTempPath(), "bc-safety-" + Guid.NewGuid().ToString("N"), "evidence.jsonl");

    static async Task<int> AgreementCount(TestEmulator emu, string model)
    {
        var account = TestEmulator.Account(await emu.StateAsync(), "111111111111");
        var region = account["regions"]!.AsArray().Single(r => (string)r!["region"]! == "us-east-1")!;
        return region["agreements"]!.AsArray().Count(a => (string)a!["modelId"]! == model);
    }

    [Theory]
    [InlineData("error")]
    [InlineData("drop")]
    public async Task A_create_that_committed_but_lost_its_answer_is_recorded_as_accepted_not_failed(string mode)
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.ControlAsync("faults", new JsonObject { ["afterCommitRate"] = 1.0, ["afterCommitMode"] = mode })).EnsureSuccessStatusCode();
        string ledger = TempLedger();
        var host = new TestHost();

        var result = await Service(emu, ledger, host).AcceptAsync(Llama, null, null, wait: false, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.NotNull(result);
        Assert.Equal("Accepted", result!.Result);
        Assert.Equal(1, await AgreementCount(emu, Llama));
        var records = Records(ledger);
        var intent = Assert.Single(records, r => r.Action == EvidenceAction.AgreementIntent);
        var accepted = Assert.Single(records, r => r.Action == EvidenceAction.AgreementAccepted);
        Assert.Equal(EvidenceOutcome.Succeeded, accepted.Outcome);
        Assert.Contains("Reconciled", accepted.Details);
        Assert.Contains(intent.Id.ToString(), accepted.Details);
        Assert.Equal(accepted.Id, result.EvidenceId);
        Assert.DoesNotContain(records, r => r.Action == EvidenceAction.AgreementFailed);
        Assert.Single(host.Warnings);
        // A rerun has nothing to add: the acceptance stands.
        var again = await Service(emu, ledger, new TestHost()).AcceptAsync(Llama, null, null, false, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal("AlreadyAvailable", again!.Result);
        Assert.Equal(records.Count, Records(ledger).Count);
    }

    [Fact]
    public async Task A_refusal_that_cannot_have_committed_is_still_AgreementFailed()
    {
        await using var emu = await TestEmulator.StartAsync();
        (await emu.ControlAsync("accounts/111111111111", new JsonObject { ["deny"] = new JsonArray("CreateFoundationModelAgreement") })).EnsureSuccessStatusCode();
        string ledger = TempLedger();

        await Assert.ThrowsAsync<AwsServiceException>(() => Service(emu, ledger, new TestHost()).AcceptAsync(Llama, null, null, false, TimeSpan.FromSeconds(5), CancellationToken.None));

        var records = Records(ledger);
        Assert.Equal(1, Count(records, EvidenceAction.AgreementFailed, Llama));
        Assert.Equal(0, Count(records, EvidenceAction.AgreementAccepted, Llama));
    }

    [Fact]
    public async Task A_race_lost_to_a_recorded_acceptance_closes_the_intent_without_a_failure_or_an_observation()
    {
        await using var emu = await TestEmulator.StartAsync();
        string ledger = TempLedger();
        var loserHost = new TestHost();
        var loser = Service(emu, ledger, loserHost);
        // The winner (another process, same ledger) accepts between the loser's availability check and its create.
        loserHost.BeforeConfirm = async () =>
        {
            loserHost.BeforeConfirm = null;
            var won = await Service(emu, ledger, new TestHost()).AcceptAsync(Llama, null, null, false, TimeSpan.FromSeconds(5), CancellationToken.None);
            Assert.Equal("Accepted", won!.Result);
        };

        var result = await loser.AcceptAsync(Llama, null, null, false, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Contains(result!.Result, new[] { "AlreadyAvailable", "Pending" });
        var records = Records(ledger);
        Assert.Equal(1, Count(records, EvidenceAction.AgreementAccepted, Llama));
        Assert.Equal(0, Count(records, EvidenceAction.AgreementObserved, Llama));
        Assert.Equal(0, Count(records, EvidenceAction.AgreementFailed, Llama));
        var closed = Assert.Single(records, r => r.Action == EvidenceAction.IntentReconciled);
        Assert.Equal(EvidenceOutcome.Skipped, closed.Outcome);
        Assert.Contains("lost race", closed.Details);
        // Nothing is left open for a later run to "reconcile" into a second acceptance.
        Assert.Empty(AgreementLedgerIndex.Build(ledger, CancellationToken.None).OpenIntents("111111111111", "us-east-1"));
    }

    [Fact]
    public async Task A_race_lost_to_an_unrecorded_creator_is_observed_once_across_writers()
    {
        await using var emu = await TestEmulator.StartAsync();
        string ledger = TempLedger();
        // Two "processes" whose indexes were built before anything happened.
        var firstHost = new TestHost();
        var first = Service(emu, ledger, firstHost);
        var second = Service(emu, ledger, new TestHost());
        // Someone outside this tool (the console) creates the agreement just before the first process's create.
        firstHost.BeforeConfirm = async () =>
        {
            firstHost.BeforeConfirm = null;
            var offers = await TestEmulator.JsonAsync(await emu.GetAsync($"/list-foundation-model-agreement-offers/{Uri.EscapeDataString(Mistral)}"));
            string token = (string)offers["offers"]![0]!["offerToken"]!;
            (await emu.PostJsonAsync("/create-foundation-model-agreement", new JsonObject { ["modelId"] = Mistral, ["offerToken"] = token })).EnsureSuccessStatusCode();
        };

        var lost = await first.AcceptAsync(Mistral, null, null, false, TimeSpan.FromSeconds(5), CancellationToken.None);
        var late = await second.AcceptAsync(Mistral, null, null, false, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Contains(lost!.Result, new[] { "AlreadyAvailable", "Pending" });
        Assert.Contains(late!.Result, new[] { "AlreadyAvailable", "Pending" });
        var records = Records(ledger);
        Assert.Equal(1, Count(records, EvidenceAction.AgreementObserved, Mistral)); // the second writer's stale index did not add one
        Assert.Equal(0, Count(records, EvidenceAction.AgreementFailed, Mistral));
        Assert.Equal(0, Count(records, EvidenceAction.AgreementAccepted, Mistral));
        Assert.Empty(AgreementLedgerIndex.Build(ledger, CancellationToken.None).OpenIntents("111111111111", "us-east-1"));
    }

    [Fact]
    public async Task Concurrent_writers_racing_on_the_same_agreements_never_fail_and_observe_at_most_once()
    {
        await using var emu = await TestEmulator.StartAsync();
        string ledger = TempLedger();
        string[] models = { Llama, Mistral, "meta.llama3-8b-instruct-v1:0", "mistral.mixtral-8x7b-instruct-v0:1" };
        var services = Enumerable.Range(0, 4).Select(_ => Service(emu, ledger, new TestHost())).ToList();

        var runs = services.Select(s => Task.Run(async () =>
        {
            foreach (var m in models) await s.AcceptAsync(m, null, null, false, TimeSpan.FromSeconds(5), CancellationToken.None);
        }));
        await Task.WhenAll(runs);

        var records = Records(ledger);
        foreach (var m in models)
        {
            Assert.Equal(1, await AgreementCount(emu, m));
            Assert.Equal(1, Count(records, EvidenceAction.AgreementAccepted, m));
            Assert.True(Count(records, EvidenceAction.AgreementObserved, m) <= 1, m);
        }
        Assert.DoesNotContain(records, r => r.Action == EvidenceAction.AgreementFailed);
        Assert.Empty(AgreementLedgerIndex.Build(ledger, CancellationToken.None).OpenIntents("111111111111", "us-east-1"));
    }
}
