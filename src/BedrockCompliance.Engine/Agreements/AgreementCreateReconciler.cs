using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Hosting;

namespace BedrockCompliance.Engine.Agreements;

/// <summary>
/// What a failed CreateFoundationModelAgreement really did. The create may have committed although its answer was
/// lost (a 5xx or a dropped connection after the commit; the retry then meets ConflictException), or another caller
/// may have created the agreement first (a lost race: ConflictException on the first attempt). Either way the live
/// availability decides, and the evidence says what happened instead of "failed":
/// <list type="bullet">
/// <item>this call may have created it, and no other caller's acceptance stands: AgreementAccepted (reconciled, linked to the intent);</item>
/// <item>someone else created it: AgreementObserved once (checked under the ledger lock), else the intent is closed as IntentReconciled/Skipped.</item>
/// </list>
/// </summary>
internal sealed class AgreementCreateReconciler(BedrockClient bedrock, EvidenceRecorder evidence, AgreementLedgerIndex index, IOperationHost host)
{
    string Where => $"account {evidence.AccountId ?? "(unknown)"} ({evidence.Region})";

    /// <summary>
    /// After the create threw <paramref name="error"/>: the result when the agreement exists (evidence recorded), null when
    /// the failure stands (the caller records AgreementFailed). Throws AgreementUnconfirmed, leaving the intent open for
    /// the next run to reconcile, when the live state cannot be read.
    /// </summary>
    public async Task<BedrockModelAgreement?> ReconcileAsync(BedrockModelLicense license, AgreementOffer offer, EvidenceRecord intent,
        Exception error, BedrockModelAgreement result)
    {
        if (!MayHaveTakenEffect(error)) return null;
        FoundationModelAvailability live;
        try
        {
            // Not cancellable, like the create: its outcome must be settled once it was sent.
            live = await bedrock.GetFoundationModelAvailabilityAsync(license.ModelId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception readError) when (readError is AwsServiceException || readError is AwsTransportException || readError is AwsResponseFormatException)
        {
            throw new ComplianceException("AgreementUnconfirmed", ComplianceErrorKind.InvalidOperation,
                $"{license.ModelId} in {Where}: CreateFoundationModelAgreement failed ({Describe(error)}) and the agreement's state could not be read " +
                $"({readError.Message}). The intent {intent.Id} stays open; the next run of New-BedrockModelAgreement records what happened.", error);
        }
        if (live.AgreementStatus != "AVAILABLE" && live.AgreementStatus != "PENDING") return null;

        result.AgreementStatus = live.AgreementStatus;
        result.OfferId = offer.OfferId;
        result.LegalTermUrl = offer.LegalTermUrl;
        string what = $"Intent {intent.Id}: CreateFoundationModelAgreement answered {Describe(error)}; the agreement is {live.AgreementStatus}";
        string? account = evidence.AccountId, region = evidence.Region;
        if (!LostRace(error))
        {
            // This call's earlier attempt may have committed. Unless another caller's acceptance stands, it did.
            var accepted = await evidence.RecordOnceAsync(() => StandingUnderLock(license) != EvidenceAction.AgreementAccepted,
                EvidenceAction.AgreementAccepted, EvidenceOutcome.Succeeded, license, offer.OfferId, offer.LegalTermUrl,
                $"Reconciled: {what}, so the create took effect although its answer was lost.", CancellationToken.None).ConfigureAwait(false);
            if (accepted != null)
            {
                host.Warning($"{license.ModelId} in {Where}: the create call's answer was lost ({Describe(error)}), but the agreement exists; recorded the acceptance.");
                result.Result = "Accepted";
                result.EvidenceId = accepted.Id;
                return result;
            }
        }
        // Someone else's agreement: observe it once across processes, and close this intent either way.
        var observed = await ObserveOnceAsync(license, offer.OfferId, offer.LegalTermUrl,
            $"{what}; another caller created it, so this call created nothing (lost race).", CancellationToken.None).ConfigureAwait(false);
        if (observed == null)
            await evidence.RecordAsync(EvidenceAction.IntentReconciled, EvidenceOutcome.Skipped, license, offerId: offer.OfferId, legalTermUrl: offer.LegalTermUrl,
                details: $"{what}; another caller created it and its evidence stands, so this call created nothing (lost race).", ct: CancellationToken.None).ConfigureAwait(false);
        else
            result.EvidenceId = observed.Id;
        host.Verbose($"{license.ModelId} in {Where}: another caller created the agreement first ({live.AgreementStatus}); no new agreement.");
        result.Result = live.AgreementStatus == "AVAILABLE" ? "AlreadyAvailable" : "Pending";
        return result;
    }

    /// <summary>An AgreementObserved record unless an acceptance or observation already stands, checked under the ledger lock.</summary>
    public async Task<EvidenceRecord?> ObserveOnceAsync(BedrockModelLicense license, string? offerId, string? legalTermUrl, string details, CancellationToken ct)
    {
        if (index.AcceptanceStands(evidence.AccountId, evidence.Region, license.ModelId)) return null;
        return await evidence.RecordOnceAsync(() => StandingUnderLock(license) == null, EvidenceAction.AgreementObserved, EvidenceOutcome.Observed,
            license, offerId, legalTermUrl, details, ct).ConfigureAwait(false);
    }

    /// <summary>Called under the ledger lock: folds in what other processes appended, then what stands for the model.</summary>
    string? StandingUnderLock(BedrockModelLicense license)
    {
        index.CatchUp(evidence.LedgerPath);
        return index.Standing(evidence.AccountId, evidence.Region, license.ModelId);
    }

    /// <summary>
    /// A refusal on the first attempt (validation, access denied, no use case …) did not commit. A server error, a
    /// transport failure or any error after a retry might have: an earlier attempt may have committed.
    /// </summary>
    static bool MayHaveTakenEffect(Exception error) => error switch
    {
        AwsServiceException s => s.ErrorCode == "ConflictException" || s.StatusCode >= 500 || s.Attempt > 1,
        AwsTransportException => true,
        AwsResponseFormatException => true,
        _ => false,
    };

    /// <summary>ConflictException on the first attempt: the agreement existed before this call reached the service.</summary>
    static bool LostRace(Exception error) => error is AwsServiceException { ErrorCode: "ConflictException", Attempt: 1 };

    static string Describe(Exception error) => error switch
    {
        AwsServiceException s => $"{s.ErrorCode} (HTTP {s.StatusCode}, attempt {s.Attempt})",
        AwsTransportException t => $"no answer after {t.Attempts} attempt(s)",
        _ => error.GetType().Name,
    };
}
