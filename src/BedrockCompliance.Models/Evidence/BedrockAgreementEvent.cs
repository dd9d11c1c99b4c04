namespace BedrockCompliance;

/// <summary>
/// One event of an account's agreement history (Get-BedrockAgreementHistory), reconstructed from CloudTrail: who did
/// what to which model, when, from where and how; or, for what is older than CloudTrail's 90 days, the current state.
/// </summary>
public sealed class BedrockAgreementEvent : IAccountScoped
{
    public string? AccountId { get; set; }
    public string? AccountName { get; set; }
    public string Region { get; set; } = "";
    /// <summary>CreateFoundationModelAgreement, DeleteFoundationModelAgreement, PutUseCaseForModelAccess, PutAccountDataRetention, a Marketplace subscription event, Converse/InvokeModel (first invocation) or CurrentState.</summary>
    public string EventName { get; set; } = "";
    public string? EventSource { get; set; }
    /// <summary>The CloudTrail event ID (null for CurrentState rows).</summary>
    public string? EventId { get; set; }
    /// <summary>When it happened (UTC); null for CurrentState rows.</summary>
    public DateTime? EventTime { get; set; }
    /// <summary><see cref="EventTime"/> as ISO-8601 UTC, the same in every culture (Export-Csv).</summary>
    public string? EventTimeIso => IsoText.Timestamp(EventTime);
    public string? ModelId { get; set; }
    /// <summary>The principal (userIdentity.arn).</summary>
    public string? PrincipalArn { get; set; }
    /// <summary>Behind an assumed role: the session issuer (role) ARN.</summary>
    public string? SessionIssuerArn { get; set; }
    public string? SourceIdentity { get; set; }
    public string? SourceIpAddress { get; set; }
    public string? UserAgent { get; set; }
    /// <summary>The call's error code when it failed (a failed acceptance accepted nothing).</summary>
    public string? ErrorCode { get; set; }
    /// <summary>Whether this event accepted terms (a successful agreement, subscription or first invocation).</summary>
    public bool IsAcceptance { get; set; }
    /// <summary>Tool, OtherClient, FirstInvocation or BeforeHistory (<see cref="AcceptanceVia"/>); null for events that accept nothing.</summary>
    public string? AcceptedVia { get; set; }
    /// <summary>An acceptance with no matching AgreementIntent in the evidence ledger: accepted outside review.</summary>
    public bool OutsideReview { get; set; }
    /// <summary>The current agreement status (GetFoundationModelAvailability) for CurrentState rows.</summary>
    public string? AgreementStatus { get; set; }
    /// <summary>The AcceptanceObserved record written by -Import (null when not imported, or already recorded earlier).</summary>
    public Guid? EvidenceId { get; set; }
    /// <summary>True when -Import found the event already in the ledger and wrote nothing.</summary>
    public bool AlreadyRecorded { get; set; }

    public BedrockAccountContext? Context { get; set; }

    public override string ToString() => $"{EventTime:yyyy-MM-ddTHH:mm:ssZ} {EventName} {ModelId} by {PrincipalArn}";
}
