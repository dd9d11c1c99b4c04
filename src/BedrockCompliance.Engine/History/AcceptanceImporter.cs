using System.Globalization;
using System.Text.RegularExpressions;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Engine.History;

/// <summary>
/// -Import: records each acceptance found in CloudTrail as one AcceptanceObserved record, keyed by its CloudTrail event
/// ID (an event already in the ledger is not written again). The record names the principal that accepted (not the
/// importer, who is in Details), when, how, and whether it went through review.
/// </summary>
internal sealed class AcceptanceImporter
{
    static readonly Regex Arn = new Regex(@"^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:\S+$", RegexOptions.CultureInvariant);
    readonly EvidenceRecorder _recorder;
    readonly HistoryLedgerIndex _index;
    readonly LicenseCatalog _catalog;

    public AcceptanceImporter(EvidenceRecorder recorder, HistoryLedgerIndex index, LicenseCatalog catalog)
    {
        _recorder = recorder;
        _index = index;
        _catalog = catalog;
    }

    /// <summary>Records the event when it is an acceptance with an event ID not yet imported; sets EvidenceId or AlreadyRecorded.</summary>
    public async Task ImportAsync(BedrockAgreementEvent e, CancellationToken ct)
    {
        if (!e.IsAcceptance || e.EventId == null) return;
        if (_index.IsImported(e.EventId)) { e.AlreadyRecorded = true; return; }
        var license = e.ModelId != null ? _catalog.Classify(e.ModelId) : null;
        string who = e.PrincipalArn ?? "(unknown principal)";
        string when = e.EventTime.HasValue ? EvidenceFormat.FormatTimestamp(e.EventTime.Value) : "(unknown time)";
        var draft = new EvidenceRecord
        {
            Action = EvidenceAction.AcceptanceObserved,
            Outcome = EvidenceOutcome.Observed,
            AccountId = e.AccountId,
            Region = e.Region,
            ModelId = e.ModelId,
            Provider = license?.Provider,
            LicenseCategory = license?.LicenseCategory.ToString(),
            LicenseName = license?.LicenseName,
            // The actor is who accepted; a value CloudTrail gave that is not an ARN stays in Details only.
            PrincipalArn = e.PrincipalArn != null && Arn.IsMatch(e.PrincipalArn) ? e.PrincipalArn : "",
            SourceArn = e.SessionIssuerArn ?? "",
            SourceIdentity = e.SourceIdentity ?? "",
            CloudTrailEventId = e.EventId,
            EventTime = e.EventTime.HasValue ? EvidenceFormat.FormatTimestamp(e.EventTime.Value) : null,
            AcceptedVia = e.AcceptedVia,
            Details = string.Format(CultureInfo.InvariantCulture, "CloudTrail {0} at {1} by {2} from {3} ({4}){5}; imported by {6}.",
                e.EventName, when, who, e.SourceIpAddress ?? "?", e.UserAgent ?? "no user agent",
                e.OutsideReview ? "; accepted outside review (no AgreementIntent in the ledger)" : "; matches an AgreementIntent",
                _recorder.PrincipalArn ?? "(unknown)"),
        };
        var record = await _recorder.RecordAsync(draft, ct).ConfigureAwait(false);
        _index.Observe(record);
        e.EvidenceId = record.Id;
    }
}
