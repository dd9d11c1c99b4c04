namespace BedrockCompliance;

/// <summary>
/// One line of the evidence ledger: who did what to which model licence, where and when.
/// Callers fill the per-record fields (Action, Outcome, AccountId, Region, ModelId …); the ledger fills
/// Id, Sequence, Timestamp, OsUser, Machine, ModuleVersion, CorrelationId (from the run's context),
/// PrevHash and Hash when the record is appended.
/// The line format, CSV columns and cleaning rules of every member are in the engine's EvidenceFields table:
/// a new member is a property here plus one row there.
/// </summary>
public sealed class EvidenceRecord
{
    /// <summary>Format version of the line (currently 1).</summary>
    public int Version { get; set; } = 1;
    public Guid Id { get; set; }
    /// <summary>Position in the hash chain, 1 for the first record.</summary>
    public long Sequence { get; set; }
    /// <summary>When the record was appended (UTC).</summary>
    public DateTime Timestamp { get; set; }
    /// <summary><see cref="Timestamp"/> as ISO-8601 UTC, the same in every culture (Export-Csv); not stored.</summary>
    public string? TimestampIso => IsoText.Timestamp(Timestamp);
    /// <summary>One of <see cref="EvidenceAction"/>.</summary>
    public string Action { get; set; } = "";
    /// <summary>One of <see cref="EvidenceOutcome"/>.</summary>
    public string Outcome { get; set; } = "";
    public string? AccountId { get; set; }
    public string? Region { get; set; }
    public string? ModelId { get; set; }
    public string? Provider { get; set; }
    public string? LicenseCategory { get; set; }
    public string? LicenseName { get; set; }
    public string? OfferId { get; set; }
    public string? LegalTermUrl { get; set; }
    /// <summary>The IAM principal (caller identity ARN) that acted, when known.</summary>
    public string? PrincipalArn { get; set; }
    public string? OsUser { get; set; }
    public string? Machine { get; set; }
    /// <summary>Summary of the use case submitted (never the raw form).</summary>
    public string? UseCase { get; set; }
    public string? ModuleVersion { get; set; }
    /// <summary>One id per run (cmdlet invocation or script), shared by every record it writes.</summary>
    public string? CorrelationId { get; set; }
    public string? Details { get; set; }
    /// <summary>SHA-256 (lowercase hex) of the previous record; 64 zeros for the first.</summary>
    public string? PrevHash { get; set; }

    // Members added for issue 17 (appended: they follow prevHash in the line and the last CSV columns).
    /// <summary>The account's name where known (AWS Organizations, via the account context).</summary>
    public string? AccountName { get; set; }
    /// <summary>Behind an assumed role: the caller ARN of the credentials that assumed it (the person or pipeline).</summary>
    public string? SourceArn { get; set; }
    /// <summary>The session's sts:SourceIdentity, where one is set.</summary>
    public string? SourceIdentity { get; set; }
    /// <summary>The licence policy the decision was made under (its name, else its file name).</summary>
    public string? PolicyName { get; set; }
    /// <summary>Lowercase hex SHA-256 of the policy file's bytes.</summary>
    public string? PolicySha256 { get; set; }
    /// <summary>Allowed, Denied or NeedsReview.</summary>
    public string? Verdict { get; set; }
    /// <summary>The deciding reason codes, joined by ';'.</summary>
    public string? ReasonCodes { get; set; }
    /// <summary>The approval the decision relied on: who approved, when (yyyy-MM-dd), its reference and expiry.</summary>
    public string? ApprovedBy { get; set; }
    public string? ApprovedOn { get; set; }
    public string? ApprovalReference { get; set; }
    public string? ApprovalExpiresOn { get; set; }
    /// <summary>The CloudTrail event an AcceptanceObserved record stands for (one record per event ID).</summary>
    public string? CloudTrailEventId { get; set; }
    /// <summary>When the observed event happened (UTC, ISO-8601), as opposed to when it was recorded.</summary>
    public string? EventTime { get; set; }
    /// <summary>How an acceptance came about: Tool (this module), OtherClient (console, CLI, SDK) or FirstInvocation (implicit).</summary>
    public string? AcceptedVia { get; set; }

    /// <summary>SHA-256 (lowercase hex) of this record's line without its hash member.</summary>
    public string? Hash { get; set; }

    /// <summary>Line number in the ledger file (1-based); not stored, filled when read.</summary>
    public long LineNumber { get; set; }
    /// <summary>The ledger file the record was read from or appended to; not stored.</summary>
    public string? LedgerPath { get; set; }

    public override string ToString() => $"#{Sequence} {Action} {Outcome} {ModelId}";
}
