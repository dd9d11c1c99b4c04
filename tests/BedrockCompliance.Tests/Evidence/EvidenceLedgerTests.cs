using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Tests.Evidence;

public class EvidenceLedgerTests
{
    [Fact]
    public void Appends_build_a_hash_chain_that_an_independent_implementation_of_the_documented_rule_verifies()
    {
        using var t = new TempLedger();
        var written = t.Fill(5);
        var lines = t.Lines();
        Assert.Equal(5, lines.Count);
        string prev = new string('0', 64);
        for (int i = 0; i < lines.Count; i++)
        {
            // README rule: strip the 75-byte suffix ,"hash":"<64 hex>"} and append }, SHA-256, lowercase hex.
            string line = lines[i];
            Assert.Matches("^\\{\"v\":1,\"id\":\".*,\"hash\":\"[0-9a-f]{64}\"\\}$", line);
            byte[] bytes = Encoding.UTF8.GetBytes(line);
            byte[] body = bytes.Take(bytes.Length - 75).Append((byte)'}').ToArray();
            string hash = Convert.ToHexStringLower(SHA256.HashData(body));
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            Assert.Equal(hash, root.GetProperty("hash").GetString());
            Assert.Equal(prev, root.GetProperty("prevHash").GetString());
            Assert.Equal(i + 1, root.GetProperty("sequence").GetInt64());
            Assert.Equal(written[i].Hash, hash);
            Assert.Equal(written[i].Id.ToString(), root.GetProperty("id").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", root.GetProperty("timestamp").GetString());
            prev = hash;
        }
        var result = t.Verify();
        Assert.True(result.Valid, result.Message);
        Assert.True(result.ChainIntact);
        Assert.Equal(5, result.RecordCount);
        Assert.Equal(written[^1].Hash, result.LastHash);
        Assert.Equal(5, result.LastSequence);
        Assert.Null(result.FirstBadRecord);
    }

    [Fact]
    public void The_context_fills_user_machine_version_correlation_and_principal()
    {
        using var t = new TempLedger();
        var r = t.Ledger.Append(TempLedger.Draft(1));
        Assert.Equal(Environment.UserName, r.OsUser!.Split('\\').Last());
        Assert.Equal(Environment.MachineName, r.Machine);
        Assert.Equal(EvidenceContext.CurrentModuleVersion, r.ModuleVersion);
        Assert.StartsWith("0.", r.ModuleVersion);
        Assert.Equal(t.Ledger.Context.CorrelationId, r.CorrelationId);
        Assert.Equal("arn:aws:sts::111111111111:assumed-role/Auditor/alice", r.PrincipalArn);
        var r2 = t.Ledger.Append(TempLedger.Draft(2));
        Assert.Equal(r.CorrelationId, r2.CorrelationId);
        Assert.NotEqual(r.Id, r2.Id);

        var read = EvidenceReader.Read(t.Path).Select(i => i.Record!).ToList();
        Assert.Equal(2, read.Count);
        Assert.Equal(r.Id, read[0].Id);
        Assert.Equal("Llama 3.1 Community License", read[0].LicenseName);
        Assert.Equal("Internal summarisation", read[0].UseCase);
        Assert.Equal(DateTimeKind.Utc, read[0].Timestamp.Kind);
        Assert.Equal(1, read[0].LineNumber);
    }

    [Theory]
    [InlineData("Approved", EvidenceOutcome.Succeeded, null, null, "action")]
    [InlineData(EvidenceAction.AgreementIntent, "Maybe", null, null, "outcome")]
    [InlineData(EvidenceAction.AgreementIntent, EvidenceOutcome.Pending, "12345", null, "AccountId")]
    [InlineData(EvidenceAction.AgreementIntent, EvidenceOutcome.Pending, null, "Mars", "Region")]
    public void Invalid_records_are_rejected_before_anything_is_written(string action, string outcome, string? account, string? region, string expected)
    {
        using var t = new TempLedger();
        var ex = Assert.Throws<ArgumentException>(() => t.Ledger.Append(new EvidenceRecord { Action = action, Outcome = outcome, AccountId = account, Region = region }));
        Assert.Contains(expected, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(t.Path));
    }

    [Fact]
    public void Action_and_outcome_are_case_insensitive_and_stored_canonically()
    {
        using var t = new TempLedger();
        var r = t.Ledger.Append(new EvidenceRecord { Action = "agreementintent", Outcome = "PENDING" });
        Assert.Equal("AgreementIntent", r.Action);
        Assert.Equal("Pending", r.Outcome);
    }

    [Fact]
    public async Task AppendAsync_and_AppendRange_continue_the_same_chain()
    {
        using var t = new TempLedger();
        await t.Ledger.AppendAsync(TempLedger.Draft(1));
        var batch = t.Ledger.AppendRange(Enumerable.Range(2, 50).Select(i => TempLedger.Draft(i)));
        Assert.Equal(51, batch[^1].Sequence);
        await t.Ledger.AppendAsync(TempLedger.Draft(52, EvidenceAction.IntentReconciled));
        var result = t.Verify();
        Assert.True(result.Valid, result.Message);
        Assert.Equal(52, result.RecordCount);
    }

    [Fact]
    public void Lines_longer_than_the_tails_first_read_window_still_chain()
    {
        // The tail is read backwards from a small window that widens: lines of 16+ KiB end it mid-line.
        using var t = new TempLedger();
        for (int i = 1; i <= 6; i++)
        {
            var draft = TempLedger.Draft(i);
            if (i % 3 != 0) { draft.Details = new string('d', 8000); draft.UseCase = new string('u', 8000); }
            Assert.Equal(i, t.Ledger.Append(draft).Sequence);
        }
        Assert.True(t.Lines().Take(2).All(l => l.Length > 16 * 1024));
        var result = t.Verify();
        Assert.True(result.Valid, result.Message);
        Assert.Equal(6, result.RecordCount);
    }

    [Fact]
    public void Threads_in_one_process_do_not_interleave()
    {
        using var t = new TempLedger();
        Parallel.For(0, 8, i => { for (int k = 0; k < 25; k++) t.Ledger.Append(TempLedger.Draft(i * 100 + k)); });
        var result = t.Verify();
        Assert.True(result.Valid, result.Message);
        Assert.Equal(200, result.RecordCount);
    }

    [Fact]
    public void Path_resolver_prefers_explicit_then_environment_then_profile_default()
    {
        string? saved = Environment.GetEnvironmentVariable(EvidencePaths.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(EvidencePaths.EnvironmentVariable, null);
            Assert.EndsWith(Path.Combine(OperatingSystem.IsWindows() ? "BedrockCompliance" : ".bedrock-compliance", "evidence.jsonl"), EvidencePaths.Resolve());
            Assert.Equal("Default", EvidencePaths.Source(null));
            string env = Path.Combine(Path.GetTempPath(), "env-ledger.jsonl");
            Environment.SetEnvironmentVariable(EvidencePaths.EnvironmentVariable, env);
            Assert.Equal(env, EvidencePaths.Resolve());
            Assert.Equal("Environment", EvidencePaths.Source(null));
            string explicitPath = Path.Combine(Path.GetTempPath(), "explicit.jsonl");
            Assert.Equal(explicitPath, EvidencePaths.Resolve(explicitPath));
            Assert.Equal("Parameter", EvidencePaths.Source(explicitPath));
        }
        finally
        {
            Environment.SetEnvironmentVariable(EvidencePaths.EnvironmentVariable, saved);
        }
    }

    [Fact]
    public void A_held_lock_makes_an_append_wait_and_then_time_out()
    {
        using var t = new TempLedger();
        t.Fill(1);
        var ledger = EvidenceLedger.Open(t.Path, null, new EvidenceLedgerOptions { LockTimeout = TimeSpan.FromMilliseconds(300) });
        using (new FileStream(t.Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            Assert.Throws<EvidenceLockTimeoutException>(() => ledger.Append(TempLedger.Draft(2)));
            Assert.True(sw.ElapsedMilliseconds >= 250);
        }
        ledger.Append(TempLedger.Draft(2));
        Assert.True(t.Verify().Valid);
    }
}
