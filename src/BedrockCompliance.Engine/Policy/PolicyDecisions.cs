using System.Collections.Concurrent;
using System.Globalization;
using BedrockCompliance.Engine.Agreements;

namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// The licence-policy decisions of one run, and the one mapping of a verdict onto evidence members (policy name and
/// SHA-256, verdict, deciding reason codes, the approval relied on). The agreement gate records here what it decided,
/// so the intent, acceptance or refusal written for that model carries the decision.
/// </summary>
internal sealed class PolicyDecisions
{
    readonly PolicyEvaluator _evaluator;
    readonly ConcurrentDictionary<string, BedrockModelPolicyVerdict> _decided = new ConcurrentDictionary<string, BedrockModelPolicyVerdict>(StringComparer.Ordinal);

    public PolicyDecisions(PolicyEvaluator evaluator) => _evaluator = evaluator ?? throw new ArgumentNullException(nameof(evaluator));

    /// <summary>The gate for AgreementService: evaluates, remembers the verdict for the account, Region and model, refuses all but Allowed.</summary>
    public AgreementGate Gate => license =>
    {
        var verdict = _evaluator.Evaluate(license);
        _decided[Key(license.AccountId, license.Region, license.ModelId)] = verdict;
        return verdict.Verdict == LicenseVerdict.Allowed ? null
            : $"verdict {verdict.Verdict} under policy '{verdict.PolicyName}' (SHA-256 {verdict.PolicySha256}): {verdict.ReasonCodes}. {verdict.Summary}";
    };

    /// <summary>The decision made in this run for the model in that account and Region, or null.</summary>
    public BedrockModelPolicyVerdict? Find(string? accountId, string? region, string? modelId) =>
        modelId != null && _decided.TryGetValue(Key(accountId, region, modelId), out var v) ? v : null;

    static string Key(string? accountId, string? region, string? modelId) => $"{accountId}|{region}|{modelId}";

    /// <summary>Copies the decision onto a record draft.</summary>
    public static void Apply(EvidenceRecord draft, BedrockModelPolicyVerdict verdict)
    {
        draft.PolicyName = verdict.PolicyName;
        draft.PolicySha256 = verdict.PolicySha256;
        draft.Verdict = verdict.Verdict.ToString();
        draft.ReasonCodes = NullIfEmpty(verdict.ReasonCodes);
        var a = verdict.Approval;
        if (a == null) return;
        draft.ApprovedBy = NullIfEmpty(a.ApprovedBy);
        draft.ApprovedOn = Date(a.ApprovedOn);
        draft.ApprovalReference = NullIfEmpty(a.Reference);
        draft.ApprovalExpiresOn = a.ExpiresOn.HasValue ? Date(a.ExpiresOn.Value) : null;
    }

    /// <summary>The outcome of a LicenseReviewed record: Allowed succeeded, Denied denied, NeedsReview is still pending a human.</summary>
    public static string OutcomeFor(LicenseVerdict verdict) => verdict switch
    {
        LicenseVerdict.Allowed => EvidenceOutcome.Succeeded,
        LicenseVerdict.Denied => EvidenceOutcome.Denied,
        _ => EvidenceOutcome.Pending,
    };

    /// <summary>The LicenseReviewed record draft for one verdict (account and Region when the licence was live).</summary>
    public static EvidenceRecord ReviewRecord(BedrockModelPolicyVerdict verdict)
    {
        var draft = new EvidenceRecord
        {
            Action = EvidenceAction.LicenseReviewed,
            Outcome = OutcomeFor(verdict.Verdict),
            AccountId = verdict.AccountId,
            Region = verdict.Region,
            AccountName = verdict.Context?.AccountName,
            ModelId = verdict.ModelId,
            Provider = verdict.Provider,
            LicenseCategory = verdict.LicenseCategory.ToString(),
            LicenseName = verdict.LicenseName,
            Details = NullIfEmpty(verdict.Summary),
        };
        Apply(draft, verdict);
        return draft;
    }

    static string Date(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
