using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Hosting;

namespace BedrockCompliance.Engine.Agreements;

/// <summary>A gate a model must pass before its agreement is attempted (the licence policy): null passes, text refuses.</summary>
internal delegate string? AgreementGate(BedrockModelLicense license);

/// <summary>
/// Deliberate acceptance of model agreements in one account and region, with write-ahead evidence:
/// an intent before the create call, the result after, observation instead of a second acceptance,
/// and completion of intents a crashed run left open.
/// </summary>
internal sealed class AgreementService
{
    readonly BedrockClient _bedrock;
    readonly LicenseCatalog _catalog;
    readonly EvidenceRecorder _evidence;
    readonly AgreementLedgerIndex _index;
    readonly IOperationHost _host;
    readonly TimeProvider _time;

    // Without a clock parameter for the cmdlets: naming TimeProvider there would make the default load context
    // resolve Microsoft.Bcl.TimeProvider, which lives with the engine's dependencies.
    public AgreementService(BedrockClient bedrock, LicenseCatalog catalog, EvidenceRecorder evidence, AgreementLedgerIndex index, IOperationHost host)
        : this(bedrock, catalog, evidence, index, host, TimeProvider.System) { }

    /// <param name="time">The clock -Wait's deadline and polling run on.</param>
    public AgreementService(BedrockClient bedrock, LicenseCatalog catalog, EvidenceRecorder evidence, AgreementLedgerIndex index, IOperationHost host,
        TimeProvider? time)
    {
        _time = time ?? TimeProvider.System;
        _bedrock = bedrock;
        _catalog = catalog;
        _evidence = evidence;
        _index = index;
        _host = host;
        _createFailures = new AgreementCreateReconciler(bedrock, evidence, index, host);
    }

    readonly AgreementCreateReconciler _createFailures;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>-RequirePrivacyCheck: refuse the account and region unless its last PrivacyChecked evidence did not fail.</summary>
    public Privacy.PrivacyCheckGate? PrivacyGate { get; set; }

    string Where => $"account {_evidence.AccountId ?? "(unknown)"} ({_evidence.Region})";

    public BedrockModelLicense Classify(string modelId)
    {
        var license = _catalog.Classify(modelId);
        license.AccountId = _evidence.AccountId;
        license.Region = _evidence.Region;
        return license;
    }

    /// <summary>Completes, against live state, the intents a crashed run left without a result (for this account and region).</summary>
    public async Task<int> ReconcileOpenIntentsAsync(CancellationToken ct)
    {
        int done = 0;
        if (_host.IsWhatIf) return done; // completing intents writes evidence: not under -WhatIf
        foreach (var intent in _index.OpenIntents(_evidence.AccountId, _evidence.Region))
        {
            var license = Classify(intent.ModelId!);
            var live = await _bedrock.GetFoundationModelAvailabilityAsync(license.ModelId, ct).ConfigureAwait(false);
            string from = $"intent {intent.Id} (run {intent.CorrelationId}, {intent.Timestamp:yyyy-MM-ddTHH:mm:ssZ}) had no result";
            if (live.AgreementStatus == "AVAILABLE" || live.AgreementStatus == "PENDING")
            {
                await _evidence.RecordAsync(EvidenceAction.AgreementAccepted, EvidenceOutcome.Succeeded, license, offerId: intent.OfferId,
                    legalTermUrl: intent.LegalTermUrl, details: $"Reconciled: {from}; the agreement exists ({live.AgreementStatus}).", ct: ct).ConfigureAwait(false);
                _host.Warning($"{license.ModelId} in {Where}: an earlier run was interrupted after accepting the agreement; recorded the acceptance now.");
            }
            else
            {
                await _evidence.RecordAsync(EvidenceAction.IntentReconciled, EvidenceOutcome.Failed, license, offerId: intent.OfferId,
                    legalTermUrl: intent.LegalTermUrl, details: $"Reconciled: {from}; no agreement exists ({live.AgreementStatus}), so the create call did not take effect.", ct: ct).ConfigureAwait(false);
                _host.Verbose($"{license.ModelId} in {Where}: an interrupted intent did not take effect; recorded that.");
            }
            done++;
        }
        return done;
    }

    /// <summary>Accepts the model's agreement deliberately. Returns null when ShouldProcess declined (-WhatIf).</summary>
    public async Task<BedrockModelAgreement?> AcceptAsync(string modelId, string? offerId, AgreementGate? gate, bool wait, TimeSpan timeout, CancellationToken ct)
    {
        var license = Classify(modelId);
        var result = NewResult(license);
        if (NeedsNoAgreement(license, result, "no agreement to accept, nothing called")) return result;

        if (_host.IsWhatIf)
        {
            // No call at all: the preview names the licence and its terms from the catalog.
            if (PrivacyGate?.Refusal(_evidence.AccountId, _evidence.Region) is { } wouldRefusePrivacy)
                _host.Warning($"{license.ModelId} in {Where}: -RequirePrivacyCheck would refuse the agreement: {wouldRefusePrivacy}");
            if (gate?.Invoke(license) is { } wouldRefuse)
                _host.Warning($"{license.ModelId} in {Where}: the licence policy would refuse the agreement: {wouldRefuse}");
            await _host.ShouldProcessAsync($"{license.ModelId} in {Where}",
                $"Accept the agreement for {license.Provider} {license.Family ?? license.ModelId} under '{license.LicenseName}' ({license.LicenseCategory}); licence terms: {license.LicenseUrl ?? "(none in the catalog)"}; " +
                $"{(offerId != null ? "offer " + offerId : "the public offer")} (its legal-term URL is read when run without -WhatIf; nothing happens if the agreement already exists)").ConfigureAwait(false);
            return null;
        }

        if (PrivacyGate?.Refusal(_evidence.AccountId, _evidence.Region) is { } privacyRefusal)
        {
            await _evidence.RecordAsync(EvidenceAction.PolicyDenied, EvidenceOutcome.Denied, license, details: "RequirePrivacyCheck: " + privacyRefusal, ct: ct).ConfigureAwait(false);
            throw new ComplianceException("PrivacyCheckRequired", ComplianceErrorKind.PermissionDenied,
                $"{license.ModelId} in {Where}: -RequirePrivacyCheck refuses the agreement: {privacyRefusal}");
        }

        if (gate != null)
        {
            // The policy judges lifecycle (LEGACY) too, so give it the live model.
            var model = await _bedrock.GetFoundationModelAsync(license.ModelId, ct).ConfigureAwait(false);
            license.LifecycleStatus = model.LifecycleStatus;
            if (gate(license) is { } refusal)
            {
                await _evidence.RecordAsync(EvidenceAction.PolicyDenied, EvidenceOutcome.Denied, license, details: refusal, ct: ct).ConfigureAwait(false);
                throw new ComplianceException("PolicyDenied", ComplianceErrorKind.PermissionDenied, $"{license.ModelId} in {Where}: the licence policy refuses the agreement: {refusal}");
            }
        }

        var live = await _bedrock.GetFoundationModelAvailabilityAsync(license.ModelId, ct).ConfigureAwait(false);
        if (live.AgreementStatus == "AVAILABLE" || live.AgreementStatus == "PENDING")
        {
            result.AgreementStatus = live.AgreementStatus;
            result.Result = live.AgreementStatus == "AVAILABLE" ? "AlreadyAvailable" : "Pending";
            var observed = await ObserveOnceAsync(license, null, null, $"Agreement already {live.AgreementStatus} in the account; no new agreement created.", ct).ConfigureAwait(false);
            if (observed != null) result.EvidenceId = observed.Id;
            _host.Verbose($"{license.ModelId} in {Where}: agreement already {live.AgreementStatus}; no new agreement.");
            if (wait && live.AgreementStatus == "PENDING") result.AgreementStatus = await WaitAsync(license.ModelId, timeout, ct).ConfigureAwait(false);
            return result;
        }

        if (license.UseCaseFormRequired && await _bedrock.GetUseCaseForModelAccessAsync(ct).ConfigureAwait(false) == null)
            throw new ComplianceException("UseCaseRequired", ComplianceErrorKind.ObjectNotFound,
                $"{license.ModelId} in {Where}: {license.Provider} models need the use-case form on file before an agreement. Submit it once per account with Set-BedrockModelUseCase, then run this again.");

        var offers = await _bedrock.ListFoundationModelAgreementOffersAsync(license.ModelId, offerId == null ? "PUBLIC" : "ALL", ct).ConfigureAwait(false);
        var offer = offerId == null ? offers.FirstOrDefault() : offers.FirstOrDefault(o => string.Equals(o.OfferId, offerId, StringComparison.Ordinal));
        if (offer == null)
            throw offerId == null
                ? new ComplianceException("NoOffer", ComplianceErrorKind.ObjectNotFound, $"{license.ModelId} in {Where}: there is no public agreement offer to accept. Check Get-BedrockModelAgreementOffer -OfferType ALL.")
                : new ComplianceException("OfferNotFound", ComplianceErrorKind.ObjectNotFound, $"{license.ModelId} in {Where}: offer '{offerId}' is not among the model's offers ({string.Join(", ", offers.Select(o => o.OfferId))}).");
        result.OfferId = offer.OfferId;
        result.LegalTermUrl = offer.LegalTermUrl;

        string target = $"{license.ModelId} in {Where}";
        string action = $"Accept the agreement for {license.Provider} {license.Family ?? license.ModelId} under '{license.LicenseName}' ({license.LicenseCategory}); legal terms: {offer.LegalTermUrl ?? "(none given)"}; offer {offer.OfferId}";
        if (!await _host.ShouldProcessAsync(target, action).ConfigureAwait(false)) return null;

        var intent = await _evidence.RecordAsync(EvidenceAction.AgreementIntent, EvidenceOutcome.Pending, license, offerId: offer.OfferId,
            legalTermUrl: offer.LegalTermUrl, details: "About to call CreateFoundationModelAgreement.", ct: ct).ConfigureAwait(false);
        try
        {
            // Not cancellable: once the call is sent the result must be recorded either way.
            await _bedrock.CreateFoundationModelAgreementAsync(license.ModelId, offer.OfferToken, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            if (await _createFailures.ReconcileAsync(license, offer, intent, ex, result).ConfigureAwait(false) is { } reconciled)
            {
                if (wait && reconciled.AgreementStatus == "PENDING") reconciled.AgreementStatus = await WaitAsync(license.ModelId, timeout, ct).ConfigureAwait(false);
                return reconciled;
            }
            string code = ex is AwsServiceException s ? s.ErrorCode : ex.GetType().Name;
            await _evidence.RecordAsync(EvidenceAction.AgreementFailed, EvidenceOutcome.Failed, license, offerId: offer.OfferId,
                legalTermUrl: offer.LegalTermUrl, details: $"Intent {intent.Id}: {code}: {ex.Message}", ct: CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        var accepted = await _evidence.RecordAsync(EvidenceAction.AgreementAccepted, EvidenceOutcome.Succeeded, license, offerId: offer.OfferId,
            legalTermUrl: offer.LegalTermUrl, details: $"Intent {intent.Id}: CreateFoundationModelAgreement accepted.", ct: CancellationToken.None).ConfigureAwait(false);
        result.Result = "Accepted";
        result.EvidenceId = accepted.Id;
        result.AgreementStatus = wait ? await WaitAsync(license.ModelId, timeout, ct).ConfigureAwait(false) : "PENDING";
        return result;
    }

    /// <summary>Revokes the agreement. Returns null when ShouldProcess declined.</summary>
    public async Task<BedrockModelAgreement?> RevokeAsync(string modelId, CancellationToken ct)
    {
        var license = Classify(modelId);
        var result = NewResult(license);
        if (NeedsNoAgreement(license, result, "there is no agreement to revoke")) return result;
        if (!await _host.ShouldProcessAsync($"{license.ModelId} in {Where}", $"Revoke the agreement for '{license.LicenseName}'")) return null;
        try
        {
            await _bedrock.DeleteFoundationModelAgreementAsync(license.ModelId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode != "ResourceNotFoundException")
        {
            await _evidence.RecordAsync(EvidenceAction.AgreementRevoked, EvidenceOutcome.Failed, license,
                details: $"{ex.ErrorCode}: {ex.Message}", ct: CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        var revoked = await _evidence.RecordAsync(EvidenceAction.AgreementRevoked, EvidenceOutcome.Succeeded, license,
            details: "DeleteFoundationModelAgreement accepted.", ct: CancellationToken.None).ConfigureAwait(false);
        result.Result = "Revoked";
        result.EvidenceId = revoked.Id;
        return result;
    }

    /// <summary>An AgreementObserved record unless one (or an acceptance) already stands, checked under the ledger lock.</summary>
    Task<EvidenceRecord?> ObserveOnceAsync(BedrockModelLicense license, string? offerId, string? legalTermUrl, string details, CancellationToken ct) =>
        _createFailures.ObserveOnceAsync(license, offerId, legalTermUrl, details, ct);

    BedrockModelAgreement NewResult(BedrockModelLicense license) => new BedrockModelAgreement
    {
        ModelId = license.ModelId, AccountId = _evidence.AccountId, Region = _evidence.Region,
        LicenseCategory = license.LicenseCategory, LicenseName = license.LicenseName,
    };

    /// <summary>Amazon's own models are used under the AWS terms alone: nothing to accept or revoke, nothing to call.</summary>
    bool NeedsNoAgreement(BedrockModelLicense license, BedrockModelAgreement result, string what)
    {
        if (license.LicenseCategory != LicenseCategory.AmazonProprietary) return false;
        _host.Verbose($"{license.ModelId} is Amazon's own model under the AWS Customer Agreement and Service Terms: {what}.");
        result.Result = "NotRequired";
        return true;
    }

    async Task<string> WaitAsync(string modelId, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = _time.GetUtcNow() + timeout;
        var interval = TimeSpan.FromMilliseconds(Math.Min(250, PollInterval.TotalMilliseconds));
        while (true)
        {
            var live = await _bedrock.GetFoundationModelAvailabilityAsync(modelId, ct).ConfigureAwait(false);
            if (live.AgreementStatus == "AVAILABLE") return live.AgreementStatus;
            if (live.AgreementStatus == "ERROR")
                throw new ComplianceException("AgreementError", ComplianceErrorKind.InvalidOperation,
                    $"{modelId} in {Where}: the agreement went to ERROR{(live.AgreementErrorMessage != null ? ": " + live.AgreementErrorMessage : "")}.");
            if (_time.GetUtcNow() + interval > deadline)
                throw new ComplianceException("AgreementWaitTimeout", ComplianceErrorKind.OperationTimeout,
                    $"{modelId} in {Where}: the agreement is still {live.AgreementStatus} after {timeout.TotalSeconds:0} s. It was accepted and recorded; check again later with Get-BedrockModelLicense.");
            await _time.Delay(interval, ct).ConfigureAwait(false);
            interval = TimeSpan.FromMilliseconds(Math.Min(interval.TotalMilliseconds * 2, PollInterval.TotalMilliseconds));
        }
    }
}
