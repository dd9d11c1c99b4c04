using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Evidence;
using BedrockCompliance.Engine.Policy;
using BedrockCompliance.Engine.Hosting;

namespace BedrockCompliance.Tests.Evidence;

/// <summary>Issue 17: decisions and provenance in the evidence, appended without breaking the format; one run, one id.</summary>
public class AuditEvidenceTests
{
    static readonly string[] ColumnsBefore =
    {
        "Sequence", "Timestamp", "Action", "Outcome", "AccountId", "Region", "ModelId", "Provider", "LicenseCategory", "LicenseName", "OfferId",
        "LegalTermUrl", "UseCase", "PrincipalArn", "OsUser", "Machine", "CorrelationId", "ModuleVersion", "Details", "Id", "LineNumber", "PrevHash", "Hash",
    };

    static string PolicyPath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "examples", "policy.json"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "examples", "policy.json");
    }

    [Fact]
    public void The_new_columns_are_appended_after_every_existing_one()
    {
        Assert.Equal(ColumnsBefore, EvidenceFields.ColumnNames.Take(ColumnsBefore.Length));
        Assert.Equal(new[] { "AccountName", "SourceArn", "SourceIdentity", "PolicyName", "PolicySha256", "Verdict", "ReasonCodes", "ApprovedBy", "ApprovedOn",
            "ApprovalReference", "ApprovalExpiresOn", "CloudTrailEventId", "EventTime", "AcceptedVia" }, EvidenceFields.ColumnNames.Skip(ColumnsBefore.Length));
        // In the line they follow prevHash; hash stays the fixed suffix.
        var names = EvidenceFields.Stored.Select(f => f.JsonName).ToList();
        Assert.Equal(names.IndexOf("prevHash") + 1, names.IndexOf("accountName"));
        Assert.Equal("hash", names[^1]);
    }

    [Fact]
    public void An_approved_acceptance_carries_the_policy_hash_and_the_approval_and_the_chain_verifies()
    {
        var policy = LicensePolicy.Load(PolicyPath());
        var verdict = new PolicyEvaluator(policy, new FixedTimeProvider(new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc)))
            .Evaluate(LicenseCatalog.Default.Classify("anthropic.claude-sonnet-4-5-20250929-v1:0"));
        Assert.Equal(LicenseVerdict.Allowed, verdict.Verdict);
        using var t = new TempLedger();
        var draft = TempLedger.Draft(1);
        PolicyDecisions.Apply(draft, verdict);
        draft.AccountName = "Contoso Payments";
        draft.SourceArn = "arn:aws:iam::111111111111:user/compliance-admin";
        t.Ledger.Append(draft);
        t.Ledger.Append(TempLedger.Draft(2));

        var back = EvidenceReader.Read(t.Path).First().Record!;
        Assert.Equal("Contoso Bedrock licence policy", back.PolicyName);
        Assert.Equal(policy.Sha256, back.PolicySha256);
        Assert.Matches("^[0-9a-f]{64}$", back.PolicySha256!);
        Assert.Equal("Allowed", back.Verdict);
        Assert.Equal("ExplicitApproval", back.ReasonCodes);
        Assert.Equal("Dana Whitfield (Legal)", back.ApprovedBy);
        Assert.Equal("2026-02-10", back.ApprovedOn);
        Assert.Equal("LEGAL-2291", back.ApprovalReference);
        Assert.Equal("2027-02-10", back.ApprovalExpiresOn);
        Assert.Equal("Contoso Payments", back.AccountName);
        Assert.Equal("arn:aws:iam::111111111111:user/compliance-admin", back.SourceArn);
        var check = EvidenceVerifier.Verify(t.Path);
        Assert.True(check.Valid, check.Message);
        Assert.Equal(2, check.RecordCount);
    }

    [Fact]
    public void A_line_written_before_the_new_members_still_verifies_and_reads_with_them_empty()
    {
        using var t = new TempLedger();
        t.Ledger.Append(TempLedger.Draft(1));
        string line = File.ReadAllLines(t.Path)[0];
        Assert.DoesNotContain("\"verdict\"", line); // absent members are omitted: the line is byte-identical to the old format
        Assert.Matches(@",""details"":""record 1"",""prevHash"":""0{64}"",""hash"":""[0-9a-f]{64}""}$", line);
        Assert.True(EvidenceVerifier.Verify(t.Path).Valid);
    }

    [Fact]
    public void An_edited_decision_member_breaks_the_chain()
    {
        using var t = new TempLedger();
        var d = TempLedger.Draft(1);
        d.Verdict = "Denied";
        t.Ledger.Append(d);
        File.WriteAllText(t.Path, File.ReadAllText(t.Path).Replace("\"verdict\":\"Denied\"", "\"verdict\":\"Allowed\""));
        var check = EvidenceVerifier.Verify(t.Path);
        Assert.False(check.Valid);
        Assert.Equal(EvidenceProblemReason.Edited, check.Reason);
    }

    [Theory]
    [InlineData("anthropic.claude-sonnet-4-5-20250929-v1:0", "Allowed", "Succeeded")]
    [InlineData("deepseek.r1-v1:0", "Denied", "Denied")]
    public void LicenseReviewed_records_each_verdict_with_its_reasons(string modelId, string verdict, string outcome)
    {
        var evaluator = new PolicyEvaluator(LicensePolicy.Load(PolicyPath()), new FixedTimeProvider(new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc)));
        using var t = new TempLedger();
        var recorder = new LicenseReviewRecorder(t.Ledger);
        recorder.Add(evaluator.Evaluate(LicenseCatalog.Default.Classify(modelId)), default);
        Assert.Empty(File.Exists(t.Path) ? File.ReadAllLines(t.Path) : Array.Empty<string>()); // batched
        recorder.Flush(default);
        var r = EvidenceReader.Read(t.Path).Single().Record!;
        Assert.Equal(EvidenceAction.LicenseReviewed, r.Action);
        Assert.Equal(verdict, r.Verdict);
        Assert.Equal(outcome, r.Outcome);
        Assert.False(string.IsNullOrEmpty(r.ReasonCodes));
        Assert.NotNull(r.PolicySha256);
        Assert.Equal(1, recorder.Recorded);
    }

    [Fact]
    public void NeedsReview_is_a_pending_review()
    {
        Assert.Equal(EvidenceOutcome.Pending, PolicyDecisions.OutcomeFor(LicenseVerdict.NeedsReview));
    }

    [Fact]
    public void The_correlation_id_comes_from_the_parameter_then_the_environment_then_is_new()
    {
        var env = new Dictionary<string, string?> { [CorrelationIds.EnvironmentVariable] = "nightly-2026-12-01" };
        Assert.Equal("explicit-1", CorrelationIds.Resolve("explicit-1", n => env.GetValueOrDefault(n)).Id);
        Assert.Equal(("nightly-2026-12-01", "$env:BEDROCK_COMPLIANCE_RUN_ID"), CorrelationIds.Resolve(null, n => env.GetValueOrDefault(n)));
        Assert.Null(CorrelationIds.Resolve(null, _ => null).Id);
        var bad = Assert.Throws<ArgumentException>(() => CorrelationIds.Resolve("two words", _ => null));
        Assert.Contains("'two words'", bad.Message);
        env[CorrelationIds.EnvironmentVariable] = new string('x', 129);
        Assert.Contains("$env:BEDROCK_COMPLIANCE_RUN_ID", Assert.Throws<ArgumentException>(() => CorrelationIds.Resolve(null, n => env.GetValueOrDefault(n))).Message);
    }

    [Fact]
    public void The_agreement_gate_remembers_its_decision_per_account_region_and_model()
    {
        var decisions = new PolicyDecisions(new PolicyEvaluator(LicensePolicy.Load(PolicyPath())));
        var license = LicenseCatalog.Default.Classify("deepseek.r1-v1:0");
        license.AccountId = "200000000001";
        license.Region = "us-east-1";
        string? refusal = decisions.Gate(license);
        Assert.Contains("Denied", refusal);
        Assert.Equal(LicenseVerdict.Denied, decisions.Find("200000000001", "us-east-1", "deepseek.r1-v1:0")!.Verdict);
        Assert.Null(decisions.Find("200000000002", "us-east-1", "deepseek.r1-v1:0"));
    }
}
