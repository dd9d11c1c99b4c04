using System.Globalization;
using BedrockCompliance.Engine.Evidence;
using BedrockCompliance.Engine.History;
using BedrockCompliance.Engine.Policy;

namespace BedrockCompliance.Engine.Report;

/// <summary>
/// Gathers what the report shows in one streaming pass over the ledger (records are folded into per-account rows,
/// never kept), then the live results the caller gives (verdicts, privacy results, access results, agreement history),
/// which win over the ledger for the same row. The chain is verified by a second streaming pass.
/// </summary>
internal sealed class ComplianceReportBuilder
{
    internal readonly SortedDictionary<string, AccountData> Accounts = new SortedDictionary<string, AccountData>(StringComparer.Ordinal);
    internal readonly Dictionary<string, PrivacyRow> Privacy = new Dictionary<string, PrivacyRow>(StringComparer.Ordinal);
    internal readonly List<OutsideReviewRow> OutsideReview = new List<OutsideReviewRow>();
    internal readonly Dictionary<string, PolicySeen> Policies = new Dictionary<string, PolicySeen>(StringComparer.Ordinal);
    internal readonly Dictionary<string, ApprovalSeen> Approvals = new Dictionary<string, ApprovalSeen>(StringComparer.Ordinal);
    internal readonly Dictionary<string, long> CorrelationIds = new Dictionary<string, long>(StringComparer.Ordinal);
    internal readonly Dictionary<string, long> Actions = new Dictionary<string, long>(StringComparer.Ordinal);
    readonly HistoryLedgerIndex _intents = new HistoryLedgerIndex();
    readonly List<EvidenceRecord> _observed = new List<EvidenceRecord>();
    readonly HashSet<string> _eventIds = new HashSet<string>(StringComparer.Ordinal);

    internal long Records;
    internal string? FirstTimestamp, LastTimestamp;
    internal EvidenceVerificationResult? Chain;
    internal LicensePolicy? Policy;
    public string LedgerPath { get; private set; } = "";

    /// <summary>Folds every record of the ledger (matching <paramref name="query"/>) in, streaming.</summary>
    public void ReadLedger(string ledgerPath, EvidenceQuery? query, CancellationToken ct, Action<long, long>? progress = null)
    {
        LedgerPath = ledgerPath;
        if (!File.Exists(ledgerPath)) return;
        foreach (var item in EvidenceReader.Read(ledgerPath, query, progress, ct))
            if (item.Record is { } r) Add(r);
        Chain = EvidenceVerifier.Verify(ledgerPath, null, null, ct);
    }

    /// <summary>The policy whose hash and approvals the report states (else the ones the records name).</summary>
    public void UsePolicy(LicensePolicy policy)
    {
        Policy = policy;
        Seen(policy.DisplayName, policy.Sha256, 0);
        foreach (var a in policy.Approvals)
            Approvals[a.ModelId + "|" + a.Reference] = new ApprovalSeen
            {
                ModelId = a.ModelId, ApprovedBy = a.ApprovedBy, ApprovedOn = Date(a.ApprovedOn), Reference = a.Reference,
                ExpiresOn = a.ExpiresOn.HasValue ? Date(a.ExpiresOn.Value) : null, Notes = a.Notes,
            };
    }

    internal void Add(EvidenceRecord r)
    {
        Records++;
        string ts = EvidenceFormat.FormatTimestamp(r.Timestamp);
        FirstTimestamp ??= ts;
        LastTimestamp = ts;
        Count(Actions, r.Action);
        if (r.CorrelationId != null) Count(CorrelationIds, r.CorrelationId);
        if (r.PolicySha256 != null) Seen(r.PolicyName ?? "(unnamed policy)", r.PolicySha256, 1);
        if (r.ApprovedBy != null)
            Approvals[r.ModelId + "|" + r.ApprovalReference] = new ApprovalSeen
            { ModelId = r.ModelId, ApprovedBy = r.ApprovedBy, ApprovedOn = r.ApprovedOn, Reference = r.ApprovalReference, ExpiresOn = r.ApprovalExpiresOn };
        _intents.Observe(r);
        if (r.AccountId == null) return;
        var account = Account(r.AccountId, r.AccountName);
        if (r.Action == EvidenceAction.PrivacyChecked)
        {
            foreach (var (check, status) in ParsePrivacy(r.Details))
                Privacy[r.AccountId + "|" + r.Region + "|" + check] = new PrivacyRow { AccountId = r.AccountId, Region = r.Region ?? "", Check = check, Status = status, CheckedAt = ts };
            account.Regions.Add(r.Region ?? "");
            return;
        }
        if (r.ModelId == null) return;
        var row = account.Row(r.Region ?? "", r.ModelId);
        row.Category = r.LicenseCategory ?? row.Category;
        if (r.Verdict != null)
        {
            row.Verdict = r.Verdict;
            row.ReasonCodes = r.ReasonCodes;
            row.Approval = r.ApprovalReference != null ? $"{r.ApprovalReference} ({r.ApprovedBy}, {r.ApprovedOn})" : null;
        }
        bool ok = r.Outcome == EvidenceOutcome.Succeeded;
        switch (r.Action)
        {
            case EvidenceAction.AgreementAccepted when ok:
                SetAccepted(row, "Accepted", r.SourceArn != null ? $"{r.PrincipalArn} (as {r.SourceArn})" : r.PrincipalArn, r.AcceptedVia ?? AcceptanceVia.Tool, ts);
                break;
            case EvidenceAction.AcceptanceObserved:
                if (r.CloudTrailEventId != null) _eventIds.Add(r.CloudTrailEventId);
                _observed.Add(r);
                if (row.Agreement != "Accepted") SetAccepted(row, "Accepted (CloudTrail)", r.PrincipalArn, r.AcceptedVia, r.EventTime ?? ts);
                break;
            case EvidenceAction.AgreementObserved when row.Agreement == null:
                row.Agreement = "Existing";
                break;
            case EvidenceAction.AgreementRevoked when ok:
                row.Agreement = "Revoked";
                break;
            case EvidenceAction.AgreementFailed when row.Agreement == null || row.Agreement == "Refused":
                row.Agreement = "Failed";
                break;
            case EvidenceAction.PolicyDenied when row.Agreement == null:
                row.Agreement = "Refused";
                break;
            case EvidenceAction.AccessVerified:
                row.Access = ok ? "Verified" : "Failed";
                break;
        }
    }

    /// <summary>A live result given to the command: verdicts, privacy results, access results, agreement history events.</summary>
    public void AddLive(object item)
    {
        switch (item)
        {
            case BedrockModelPolicyVerdict v when v.AccountId != null:
                var row = Account(v.AccountId, v.Context?.AccountName).Row(v.Region ?? "", v.ModelId);
                row.Category = v.LicenseCategory.ToString();
                row.Verdict = v.Verdict.ToString();
                row.ReasonCodes = v.ReasonCodes;
                row.Approval = v.ApprovalReference != null ? $"{v.ApprovalReference} ({v.ApprovedBy}, {v.ApprovedOn:yyyy-MM-dd})" : null;
                if (v.PolicySha256 != null) Seen(v.PolicyName ?? "(unnamed policy)", v.PolicySha256, 1);
                break;
            case BedrockPrivacyCheck p when p.AccountId != null:
                Account(p.AccountId, p.Context?.AccountName).Regions.Add(p.Region ?? "");
                Privacy[p.AccountId + "|" + p.Region + "|" + p.Check] = new PrivacyRow
                {
                    AccountId = p.AccountId, Region = p.Region ?? "", Check = p.Check.ToString(), Status = p.Status.ToString(),
                    Detail = p.Remediation != null && p.Status != PrivacyCheckStatus.Pass ? p.Detail + " Remediation: " + p.Remediation : p.Detail,
                    CheckedAt = EvidenceFormat.FormatTimestamp(p.CheckedAt),
                };
                break;
            case BedrockModelAccessResult a when a.AccountId != null:
                Account(a.AccountId, a.Context?.AccountName).Row(a.Region ?? "", a.ModelId).Access = a.Success ? "Verified" : "Failed";
                break;
            case BedrockAgreementEvent e when e.IsAcceptance && e.AccountId != null:
                if (e.EventId != null && !_eventIds.Add(e.EventId)) break; // already in the ledger
                var r = Account(e.AccountId, e.AccountName).Row(e.Region, e.ModelId ?? "(unknown model)");
                string at = e.EventTime.HasValue ? EvidenceFormat.FormatTimestamp(e.EventTime.Value) : "(before history)";
                if (r.Agreement != "Accepted") SetAccepted(r, "Accepted (CloudTrail)", e.PrincipalArn, e.AcceptedVia, at);
                if (e.OutsideReview) AddOutside(e.AccountId, e.Region, e.ModelId, e.PrincipalArn, at, e.AcceptedVia, e.EventId, "live history");
                break;
        }
    }

    /// <summary>Decides the acceptances outside review (now that every intent is known) and the per-account counts.</summary>
    public void Complete()
    {
        foreach (var r in _observed)
        {
            DateTime? when = DateTime.TryParse(r.EventTime, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;
            if (_intents.HasIntentFor(r.AccountId, r.Region ?? "", r.ModelId, when)) continue;
            AddOutside(r.AccountId, r.Region, r.ModelId, r.PrincipalArn, r.EventTime, r.AcceptedVia, r.CloudTrailEventId, "ledger");
        }
        foreach (var p in Privacy.Values)
            if (p.Status == "Fail" && Accounts.TryGetValue(p.AccountId, out var a)) a.Failures++;
    }

    void AddOutside(string? account, string? region, string? model, string? principal, string? at, string? via, string? eventId, string source)
    {
        OutsideReview.Add(new OutsideReviewRow { AccountId = account, Region = region, ModelId = model, PrincipalArn = principal, EventTime = at, AcceptedVia = via, EventId = eventId, Source = source });
        if (account != null && Accounts.TryGetValue(account, out var a))
        {
            a.OutsideReview++;
            if (model != null) a.Row(region ?? "", model).OutsideReview = true;
        }
    }

    static void SetAccepted(ModelRow row, string agreement, string? by, string? via, string at)
    {
        row.Agreement = agreement;
        row.AcceptedBy = by;
        row.AcceptedVia = via;
        row.AcceptedAt = at;
    }

    AccountData Account(string id, string? name)
    {
        if (!Accounts.TryGetValue(id, out var a)) Accounts[id] = a = new AccountData { AccountId = id };
        if (name != null) a.Name = name;
        return a;
    }

    void Seen(string name, string sha, long decisions)
    {
        if (!Policies.TryGetValue(sha, out var p)) Policies[sha] = p = new PolicySeen { Name = name, Sha256 = sha };
        p.Decisions += decisions;
    }

    static void Count(Dictionary<string, long> d, string key) => d[key] = d.TryGetValue(key, out long n) ? n + 1 : 1;

    /// <summary>The PrivacyChecked details: 'CloudTrail=Pass [arn…]; PrivateLink=Unknown (…); …' (PrivacyEvidence.DetailsFor).</summary>
    internal static IEnumerable<(string Check, string Status)> ParsePrivacy(string? details)
    {
        if (details == null) yield break;
        foreach (var part in details.Split(new[] { "; " }, StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) continue;
            string status = part.Substring(eq + 1);
            int end = status.IndexOfAny(new[] { ' ', '(' });
            yield return (part.Substring(0, eq).Trim(), end > 0 ? status.Substring(0, end) : status);
        }
    }

    static string Date(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
