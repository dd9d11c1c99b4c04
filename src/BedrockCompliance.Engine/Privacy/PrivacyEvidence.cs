using static BedrockCompliance.Engine.Privacy.PrivacyText;

namespace BedrockCompliance.Engine.Privacy;

/// <summary>The PrivacyChecked evidence summary of one run and target: the outcome and one entry per check.</summary>
internal static class PrivacyEvidence
{
    /// <summary>The PrivacyChecked evidence outcome: Failed if any check failed, Succeeded if all passed, else Observed.</summary>
    public static string OutcomeFor(IReadOnlyList<BedrockPrivacyCheck> results) =>
        results.Any(r => r.Status == PrivacyCheckStatus.Fail) ? EvidenceOutcome.Failed
        : results.Count > 0 && results.All(r => r.Status == PrivacyCheckStatus.Pass) ? EvidenceOutcome.Succeeded
        : EvidenceOutcome.Observed;

    /// <summary>Checks whose requirement is the caller's choice, so the record says what was judged against.</summary>
    static readonly HashSet<PrivacyCheck> RequirementRecorded = new HashSet<PrivacyCheck>
    {
        PrivacyCheck.RegionAllowed, PrivacyCheck.InvocationLogging, PrivacyCheck.DataRetention, PrivacyCheck.ModelDataRetention,
        PrivacyCheck.CrossRegionResidency, PrivacyCheck.EnforcedGuardrail,
    };

    /// <summary>One line per run and target, every check's verdict: 'CloudTrail=Pass [arn…]; PrivateLink=Unknown (UnauthorizedOperation); …'.</summary>
    public static string DetailsFor(IReadOnlyList<BedrockPrivacyCheck> results) => Cap(string.Join("; ", results.Select(r =>
        $"{r.Check}={r.Status}" +
        (r.ErrorCode != null ? $" ({r.ErrorCode})" : "") +
        (r.Requirement != null && RequirementRecorded.Contains(r.Check) ? $" req {r.Requirement}" : "") +
        (r.Resources.Count > 0 ? $" [{string.Join(", ", r.Resources)}]" : "") +
        (r.Check == PrivacyCheck.InvocationLogging && r.DataKinds.Count > 0 ? $" data {string.Join(",", r.DataKinds)}" : ""))));
}
