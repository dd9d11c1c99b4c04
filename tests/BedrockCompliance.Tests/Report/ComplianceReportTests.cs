using System.Text.RegularExpressions;
using BedrockCompliance.Engine.Evidence;
using BedrockCompliance.Engine.Report;
using BedrockCompliance.Tests.Evidence;

namespace BedrockCompliance.Tests.Report;

/// <summary>Issue 17: the HTML report is self-contained, shows the decisions and marks acceptances outside review.</summary>
public class ComplianceReportTests
{
    static string Render(TempLedger t, Action<ComplianceReportBuilder>? live = null)
    {
        var data = new ComplianceReportBuilder();
        data.ReadLedger(t.Path, null, default);
        live?.Invoke(data);
        using var ms = new MemoryStream();
        var result = ComplianceReport.Write(data, ms, "Test <report>", default);
        Assert.Equal(ms.Length, result.Bytes);
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    static EvidenceRecord Record(string action, string outcome, string model, Action<EvidenceRecord>? set = null)
    {
        var r = TempLedger.Draft(1, action);
        r.Outcome = outcome;
        r.ModelId = model;
        set?.Invoke(r);
        return r;
    }

    [Fact]
    public void The_report_has_no_script_font_or_network_reference_and_encodes_text()
    {
        using var t = new TempLedger();
        t.Ledger.Append(Record(EvidenceAction.AgreementAccepted, EvidenceOutcome.Succeeded, "m1", r => r.Details = "<script>alert(1)</script>"));
        string html = Render(t);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotMatch(new Regex("<script|<link|<img|<iframe|@import|url\\(|src=|href=\"http", RegexOptions.IgnoreCase), html);
        Assert.Contains("Test &lt;report&gt;", html);
        Assert.Contains("@media print", html);
    }

    [Fact]
    public void Acceptances_without_an_intent_are_outside_review_and_with_one_are_not()
    {
        using var t = new TempLedger();
        t.Ledger.Append(Record(EvidenceAction.AgreementIntent, EvidenceOutcome.Pending, "reviewed.model-v1"));
        t.Ledger.Append(Record(EvidenceAction.AgreementAccepted, EvidenceOutcome.Succeeded, "reviewed.model-v1", r =>
        { r.PolicyName = "Contoso"; r.PolicySha256 = new string('a', 64); r.Verdict = "Allowed"; r.ReasonCodes = "ExplicitApproval"; r.ApprovedBy = "Dana"; r.ApprovedOn = "2026-02-10"; r.ApprovalReference = "LEGAL-2291"; }));
        string now = EvidenceFormat.FormatTimestamp(DateTime.UtcNow);
        t.Ledger.Append(Record(EvidenceAction.AcceptanceObserved, EvidenceOutcome.Observed, "reviewed.model-v1", r => { r.CloudTrailEventId = "ev-tool"; r.EventTime = now; }));
        t.Ledger.Append(Record(EvidenceAction.AcceptanceObserved, EvidenceOutcome.Observed, "sneaky.model-v1", r =>
        { r.CloudTrailEventId = "ev-oob"; r.EventTime = now; r.AcceptedVia = AcceptanceVia.OtherClient; r.PrincipalArn = "arn:aws:iam::111111111111:user/jordan"; }));

        var data = new ComplianceReportBuilder();
        data.ReadLedger(t.Path, null, default);
        using var ms = new MemoryStream();
        var result = ComplianceReport.Write(data, ms, null, default);
        string html = System.Text.Encoding.UTF8.GetString(ms.ToArray());
        Assert.Equal(1, result.OutsideReviewCount);
        Assert.True(result.ChainValid);
        Assert.Equal(4, result.RecordCount);
        Assert.Contains("ev-oob", html);
        Assert.DoesNotContain("ev-tool", html);
        Assert.Contains("arn:aws:iam::111111111111:user/jordan", html);
        Assert.Contains("LEGAL-2291", html);
        Assert.Contains(new string('a', 64), html);
        Assert.Contains(result.LastHash!, html);
    }

    [Fact]
    public void Privacy_failures_come_before_passes_and_a_broken_chain_is_stated()
    {
        using var t = new TempLedger();
        var p = TempLedger.Draft(1, EvidenceAction.PrivacyChecked);
        p.ModelId = null;
        p.Outcome = EvidenceOutcome.Failed;
        p.Details = "CloudTrail=Pass [arn:aws:cloudtrail:us-east-1:111111111111:trail/org]; PrivateLink=Fail; InvocationLogging=Unknown (AccessDenied)";
        t.Ledger.Append(p);
        t.Ledger.Append(TempLedger.Draft(2));
        string html = Render(t);
        int fail = html.IndexOf(">Fail<", StringComparison.Ordinal), pass = html.IndexOf(">Pass<", StringComparison.Ordinal);
        Assert.True(fail > 0 && pass > fail, "failures are listed first");
        Assert.Contains("class=\"good\">valid", html);

        File.WriteAllText(t.Path, File.ReadAllText(t.Path).Replace("record 2", "record X"));
        Assert.Contains("class=\"bad\">INVALID", Render(t));
    }

    [Fact]
    public void Live_history_events_are_shown_once_even_when_also_imported()
    {
        using var t = new TempLedger();
        t.Ledger.Append(Record(EvidenceAction.AcceptanceObserved, EvidenceOutcome.Observed, "sneaky.model-v1", r => { r.CloudTrailEventId = "ev-1"; r.EventTime = EvidenceFormat.FormatTimestamp(DateTime.UtcNow); }));
        var live = new BedrockAgreementEvent { EventId = "ev-1", AccountId = "111111111111", Region = "us-east-1", ModelId = "sneaky.model-v1", IsAcceptance = true, OutsideReview = true, EventName = "CreateFoundationModelAgreement" };
        var other = new BedrockAgreementEvent { EventId = "ev-2", AccountId = "111111111111", Region = "us-east-1", ModelId = "other.model-v1", IsAcceptance = true, OutsideReview = true, EventName = "Converse", AcceptedVia = AcceptanceVia.FirstInvocation, EventTime = DateTime.UtcNow };
        string html = Render(t, d => { d.AddLive(live); d.AddLive(other); });
        Assert.Single(Regex.Matches(html, ">ev-1<"));
        Assert.Contains(">ev-2<", html);
    }
}
