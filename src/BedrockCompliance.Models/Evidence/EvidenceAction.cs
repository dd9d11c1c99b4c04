namespace BedrockCompliance;

/// <summary>The actions an evidence record can carry (stored as these exact strings).</summary>
public static class EvidenceAction
{
    /// <summary>Written before an agreement is created (write-ahead).</summary>
    public const string AgreementIntent = "AgreementIntent";
    public const string AgreementAccepted = "AgreementAccepted";
    public const string AgreementFailed = "AgreementFailed";
    /// <summary>An agreement seen in the account that this module did not create (or a re-check).</summary>
    public const string AgreementObserved = "AgreementObserved";
    public const string AgreementRevoked = "AgreementRevoked";
    public const string UseCaseSubmitted = "UseCaseSubmitted";
    public const string AccessVerified = "AccessVerified";
    public const string AccessDenied = "AccessDenied";
    /// <summary>The organisation's licence policy refused the model.</summary>
    public const string PolicyDenied = "PolicyDenied";
    /// <summary>An earlier intent was matched against live state on a rerun.</summary>
    public const string IntentReconciled = "IntentReconciled";
    public const string PrivacyChecked = "PrivacyChecked";
    /// <summary>
    /// Someone reviewed a torn line (a crash artefact) and acknowledged it; Details names the line and the SHA-256 of
    /// its bytes (see EvidenceTornAcknowledgement), so verification stops counting that line against Valid.
    /// </summary>
    public const string TornLineAcknowledged = "TornLineAcknowledged";
    /// <summary>A licence-policy verdict (Test-BedrockModelLicense -RecordEvidence): the review itself as evidence.</summary>
    public const string LicenseReviewed = "LicenseReviewed";
    /// <summary>An acceptance (or related change) found in CloudTrail (Get-BedrockAgreementHistory -Import); one per event ID.</summary>
    public const string AcceptanceObserved = "AcceptanceObserved";

    static readonly string[] AllActions = Vocabulary.Of(typeof(EvidenceAction));

    public static IReadOnlyList<string> All => AllActions;

    /// <summary>The canonical spelling of <paramref name="action"/> (case-insensitive), or null if unknown.</summary>
    public static string? Normalize(string? action) => Vocabulary.Canonical(AllActions, action);
}
