using System.Globalization;
using System.Net;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Engine.Report;

/// <summary>
/// Writes the report as one self-contained HTML file: inline CSS only (no script, font, image or network reference),
/// readable printed (print styles, table headers repeat, sections break cleanly). Summaries come before detail:
/// scope, totals, the evidence chain, the policy, acceptances outside review, privacy failures first, then an account
/// overview and one matrix per account. Written straight to the stream.
/// </summary>
internal sealed class HtmlReportWriter
{
    const string Css = @"
body{font:13px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1b1f24;margin:24px auto;max-width:1200px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;border-bottom:2px solid #d0d7de;padding-bottom:3px;margin:28px 0 10px}
h3{font-size:14px;margin:18px 0 6px}.muted{color:#57606a}.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:6px 0 12px}th,td{border:1px solid #d0d7de;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f2f4f7}thead{display:table-header-group}tr{break-inside:avoid}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}.card{border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;min-width:140px}
.card b{display:block;font-size:20px}.bad{color:#a40e26;font-weight:600}.good{color:#116329;font-weight:600}.warn{color:#7d4e00;font-weight:600}
tr.fail td{background:#ffebe9}tr.outside td{background:#fff8c5}.account{break-inside:auto}
@media print{body{margin:0;max-width:none;font-size:10.5px}h2{break-after:avoid}h3{break-after:avoid}.account{break-before:page}a{color:inherit;text-decoration:none}}
";

    readonly TextWriter _w;
    public HtmlReportWriter(TextWriter writer) => _w = writer;

    public void Write(ComplianceReportBuilder data, string title, DateTime generatedUtc, CancellationToken ct)
    {
        _w.Write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">");
        _w.Write("<title>"); Text(title); _w.Write("</title><style>"); _w.Write(Css); _w.Write("</style></head><body>\n");
        Header(data, title, generatedUtc);
        Summary(data);
        Chain(data);
        Policy(data);
        Outside(data);
        Privacy(data);
        Overview(data);
        foreach (var account in data.Accounts.Values)
        {
            ct.ThrowIfCancellationRequested();
            Matrix(account);
        }
        _w.Write("<p class=\"muted\">End of report.</p></body></html>\n");
    }

    void Header(ComplianceReportBuilder d, string title, DateTime generated)
    {
        _w.Write("<h1 id=\"title\">"); Text(title); _w.Write("</h1>\n<p class=\"muted\">Generated ");
        Text(EvidenceFormat.FormatTimestamp(generated)); _w.Write(" by BedrockCompliance "); Text(EvidenceContext.CurrentModuleVersion);
        _w.Write("</p>\n<h2 id=\"scope\">Scope and run</h2><table><tbody>");
        Row2("Evidence ledger", d.LedgerPath);
        Row2("Records", d.Records.ToString(CultureInfo.InvariantCulture) + (d.FirstTimestamp != null ? $" ({d.FirstTimestamp} to {d.LastTimestamp})" : ""));
        Row2("Accounts", d.Accounts.Count.ToString(CultureInfo.InvariantCulture));
        Row2("Regions", string.Join(", ", d.Accounts.Values.SelectMany(a => a.Regions).Where(r => r.Length > 0).Distinct().OrderBy(r => r, StringComparer.Ordinal)));
        var runs = d.CorrelationIds.OrderByDescending(kv => kv.Value).ToList();
        Row2("Runs (correlation IDs)", runs.Count + (runs.Count > 0 ? ": " + string.Join(", ", runs.Take(5).Select(kv => $"{kv.Key} ({kv.Value} records)")) + (runs.Count > 5 ? ", …" : "") : ""));
        Row2("Records by action", string.Join(", ", d.Actions.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}")));
        _w.Write("</tbody></table>\n");
    }

    void Summary(ComplianceReportBuilder d)
    {
        int rows = d.Accounts.Values.Sum(a => a.Rows.Count);
        int accepted = d.Accounts.Values.Sum(a => a.Rows.Values.Count(r => r.Agreement != null && r.Agreement.StartsWith("Accepted", StringComparison.Ordinal)));
        int failures = d.Privacy.Values.Count(p => p.Status == "Fail");
        _w.Write("<h2 id=\"summary\">Summary</h2><div class=\"cards\">");
        Card("Accounts", d.Accounts.Count, null);
        Card("Models × accounts", rows, null);
        Card("Agreements accepted", accepted, null);
        Card("Accepted outside review", d.OutsideReview.Count, d.OutsideReview.Count > 0 ? "bad" : "good");
        Card("Privacy checks failed", failures, failures > 0 ? "bad" : "good");
        _w.Write("<div class=\"card\">Evidence chain<b class=\""); _w.Write(d.Chain?.Valid == true ? "good\">valid" : d.Chain == null ? "warn\">no ledger" : "bad\">INVALID");
        _w.Write("</b></div></div>\n");
    }

    void Chain(ComplianceReportBuilder d)
    {
        _w.Write("<h2 id=\"chain\">Evidence chain</h2><table><tbody>");
        var c = d.Chain;
        if (c == null) { Row2("Result", "no ledger file"); _w.Write("</tbody></table>"); return; }
        Row2("Valid", c.Valid ? "True" : "False", c.Valid ? "good" : "bad");
        Row2("Records verified", c.RecordCount.ToString(CultureInfo.InvariantCulture));
        if (!c.Valid) Row2("First problem", $"line {c.FirstBadRecord}: {c.Reason} — {c.Message}", "bad");
        Row2("Last hash (keep it elsewhere; pass it later as -ExpectedHash)", c.LastHash ?? "", null, mono: true);
        _w.Write("</tbody></table>\n");
    }

    void Policy(ComplianceReportBuilder d)
    {
        _w.Write("<h2 id=\"policy\">Licence policy and approvals</h2>");
        if (d.Policies.Count == 0) _w.Write("<p class=\"muted\">No decision in this evidence names a policy.</p>");
        else
        {
            _w.Write("<table><thead><tr><th>Policy</th><th>SHA-256 of the file</th><th>Decisions recorded</th></tr></thead><tbody>");
            foreach (var p in d.Policies.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                _w.Write("<tr><td>"); Text(p.Name); _w.Write("</td><td class=\"mono\">"); Text(p.Sha256); _w.Write("</td><td>");
                Text(p.Decisions.ToString(CultureInfo.InvariantCulture)); _w.Write("</td></tr>");
            }
            _w.Write("</tbody></table>");
        }
        if (d.Approvals.Count == 0) { _w.Write("<p class=\"muted\">No approval is recorded.</p>\n"); return; }
        _w.Write("<table><thead><tr><th>Model</th><th>Approved by</th><th>On</th><th>Reference</th><th>Expires</th><th>Notes</th></tr></thead><tbody>");
        foreach (var a in d.Approvals.Values.OrderBy(a => a.ModelId, StringComparer.Ordinal))
            Cells(null, a.ModelId, a.ApprovedBy, a.ApprovedOn, a.Reference, a.ExpiresOn ?? "never", a.Notes);
        _w.Write("</tbody></table>\n");
    }

    void Outside(ComplianceReportBuilder d)
    {
        _w.Write("<h2 id=\"outside\">Acceptances outside review</h2>");
        if (d.OutsideReview.Count == 0) { _w.Write("<p class=\"good\">None: every acceptance found matches an intent this module recorded.</p>\n"); return; }
        _w.Write("<p>Accepted in the account (CloudTrail) with no AgreementIntent in the evidence: not reviewed through this module.</p>");
        _w.Write("<table><thead><tr><th>Account</th><th>Region</th><th>Model</th><th>Accepted by</th><th>When (UTC)</th><th>How</th><th>CloudTrail event</th></tr></thead><tbody>");
        foreach (var o in d.OutsideReview.OrderBy(o => o.AccountId, StringComparer.Ordinal).ThenBy(o => o.EventTime, StringComparer.Ordinal))
            Cells("outside", o.AccountId, o.Region, o.ModelId, o.PrincipalArn, o.EventTime, o.AcceptedVia, o.EventId);
        _w.Write("</tbody></table>\n");
    }

    void Privacy(ComplianceReportBuilder d)
    {
        _w.Write("<h2 id=\"privacy\">Privacy checks (failures first)</h2>");
        if (d.Privacy.Count == 0) { _w.Write("<p class=\"muted\">No privacy check is recorded.</p>\n"); return; }
        _w.Write("<table><thead><tr><th>Status</th><th>Account</th><th>Region</th><th>Check</th><th>Checked (UTC)</th><th>Detail</th></tr></thead><tbody>");
        foreach (var p in d.Privacy.Values.OrderBy(p => StatusOrder(p.Status)).ThenBy(p => p.AccountId, StringComparer.Ordinal)
                     .ThenBy(p => p.Region, StringComparer.Ordinal).ThenBy(p => p.Check, StringComparer.Ordinal))
            Cells(p.Status == "Fail" ? "fail" : null, p.Status, p.AccountId + AccountName(d, p.AccountId), p.Region, p.Check, p.CheckedAt, p.Detail);
        _w.Write("</tbody></table>\n");
    }

    void Overview(ComplianceReportBuilder d)
    {
        _w.Write("<h2 id=\"accounts\">Accounts</h2><table><thead><tr><th>Account</th><th>Name</th><th>Regions</th><th>Models</th><th>Allowed</th><th>Denied</th><th>Needs review</th><th>Accepted</th><th>Access verified</th><th>Outside review</th><th>Privacy failures</th></tr></thead><tbody>");
        foreach (var a in d.Accounts.Values.OrderByDescending(a => a.Failures + a.OutsideReview > 0).ThenBy(a => a.AccountId, StringComparer.Ordinal))
        {
            var rows = a.Rows.Values;
            Cells(a.Failures + a.OutsideReview > 0 ? "fail" : null, a.AccountId, a.Name, string.Join(", ", a.Regions.Where(r => r.Length > 0)),
                N(rows.Count), N(rows.Count(r => r.Verdict == "Allowed")), N(rows.Count(r => r.Verdict == "Denied")), N(rows.Count(r => r.Verdict == "NeedsReview")),
                N(rows.Count(r => r.Agreement != null && r.Agreement.StartsWith("Accepted", StringComparison.Ordinal))), N(rows.Count(r => r.Access == "Verified")),
                N(a.OutsideReview), N(a.Failures));
        }
        _w.Write("</tbody></table>\n");
    }

    void Matrix(AccountData a)
    {
        _w.Write("<section class=\"account\"><h3 id=\"account-"); Text(a.AccountId); _w.Write("\">Account "); Text(a.AccountId);
        if (a.Name != null) { _w.Write(" — "); Text(a.Name); }
        _w.Write("</h3>");
        if (a.Rows.Count == 0) { _w.Write("<p class=\"muted\">No model decision or agreement recorded.</p></section>\n"); return; }
        _w.Write("<table><thead><tr><th>Model</th><th>Region</th><th>Licence category</th><th>Verdict (reasons)</th><th>Approval</th><th>Agreement</th><th>Accepted by</th><th>How</th><th>When (UTC)</th><th>Access</th></tr></thead><tbody>");
        // Acceptances outside review and refusals first, then the rest by model.
        foreach (var r in a.Rows.Values.OrderByDescending(r => r.OutsideReview).ThenBy(r => r.ModelId, StringComparer.Ordinal).ThenBy(r => r.Region, StringComparer.Ordinal))
            Cells(r.OutsideReview ? "outside" : null, r.ModelId, r.Region, r.Category, r.Verdict == null ? null : r.Verdict + (r.ReasonCodes != null ? $" ({r.ReasonCodes})" : ""),
                r.Approval, r.Agreement, r.AcceptedBy, r.AcceptedVia, r.AcceptedAt, r.Access);
        _w.Write("</tbody></table></section>\n");
    }

    static int StatusOrder(string s) => s == "Fail" ? 0 : s == "Unknown" ? 1 : s == "Pass" ? 3 : 2;
    static string AccountName(ComplianceReportBuilder d, string id) => d.Accounts.TryGetValue(id, out var a) && a.Name != null ? $" ({a.Name})" : "";
    static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    void Card(string label, int value, string? css)
    {
        _w.Write("<div class=\"card\">"); Text(label); _w.Write("<b");
        if (css != null) { _w.Write(" class=\""); _w.Write(css); _w.Write('"'); }
        _w.Write('>'); Text(N(value)); _w.Write("</b></div>");
    }

    void Row2(string label, string value, string? css = null, bool mono = false)
    {
        _w.Write("<tr><th>"); Text(label); _w.Write("</th><td");
        if (css != null || mono) { _w.Write(" class=\""); _w.Write(css ?? "mono"); _w.Write('"'); }
        _w.Write('>'); Text(value); _w.Write("</td></tr>");
    }

    void Cells(string? rowClass, params string?[] cells)
    {
        _w.Write(rowClass == null ? "<tr>" : $"<tr class=\"{rowClass}\">");
        foreach (var c in cells) { _w.Write("<td>"); Text(c ?? ""); _w.Write("</td>"); }
        _w.Write("</tr>");
    }

    void Text(string s) => _w.Write(WebUtility.HtmlEncode(s));
}
