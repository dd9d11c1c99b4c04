using BedrockCompliance.Engine.Evidence;
using BedrockCompliance.Engine.Policy;

namespace BedrockCompliance.Engine.Agreements;

/// <summary>
/// Records evidence for one account and region: fills account (and its name), region, licence fields, the principal
/// and, behind an assumed role, the source principal and sts:SourceIdentity; adds the run's policy decision for the
/// model (<see cref="Decisions"/>); and keeps the run's <see cref="AgreementLedgerIndex"/> current.
/// </summary>
internal sealed class EvidenceRecorder
{
    readonly EvidenceLedger _ledger;
    readonly AgreementLedgerIndex? _index;

    public EvidenceRecorder(EvidenceLedger ledger, string? accountId, string region, string? principalArn, AgreementLedgerIndex? index)
    {
        _ledger = ledger;
        AccountId = accountId;
        Region = region;
        PrincipalArn = principalArn;
        _index = index;
    }

    public string? AccountId { get; }
    public string? PrincipalArn { get; }
    public string Region { get; }
    /// <summary>The account's name (from the context, filled by AWS Organizations), when known.</summary>
    public string? AccountName { get; set; }
    /// <summary>Behind an assumed role: the caller ARN of the source credentials.</summary>
    public string? SourceArn { get; set; }
    /// <summary>The assumed session's sts:SourceIdentity, where set.</summary>
    public string? SourceIdentity { get; set; }
    /// <summary>The run's licence-policy decisions (New-BedrockModelAgreement -Policy); null without a policy.</summary>
    public PolicyDecisions? Decisions { get; set; }
    /// <summary>The ledger written to (for readers that must look at what it already holds).</summary>
    public string LedgerPath => _ledger.Path;

    /// <summary>A recorder for one target: account and acting principal from GetCallerIdentity (cached per credential).</summary>
    /// <param name="lookUpIdentity">False under -WhatIf: no call; the account comes from the context, if any.</param>
    public static async Task<EvidenceRecorder> OpenAsync(EvidenceLedger ledger, Accounts.AccountTarget target, AgreementLedgerIndex? index, CancellationToken ct,
        bool lookUpIdentity = true)
    {
        var identity = lookUpIdentity ? await target.GetIdentityAsync(ct).ConfigureAwait(false) : null;
        var recorder = new EvidenceRecorder(ledger, AccountIdFor(identity, target), target.Connection.Region, identity?.Arn, index)
        {
            AccountName = target.Context?.AccountName,
        };
        if (lookUpIdentity && target.Role != null)
        {
            // The assumed-role ARN names the role, not who used it: record the source principal as well.
            var source = await target.Role.Source.GetCallerIdentityAsync(ct).ConfigureAwait(false);
            recorder.SourceArn = source.Arn;
            recorder.SourceIdentity = target.Role.SourceIdentity;
        }
        return recorder;
    }

    /// <summary>
    /// The one rule for the account in records and results: the identity the credentials prove (GetCallerIdentity),
    /// else the context's account (under -WhatIf, or bearer-only authentication), else unknown.
    /// </summary>
    public static string? AccountIdFor(Aws.CallerIdentity? identity, Accounts.AccountTarget target) => identity?.Account ?? target.Context?.AccountId;

    public Task<EvidenceRecord> RecordAsync(string action, string outcome, BedrockModelLicense? license, string? modelId = null,
        string? offerId = null, string? legalTermUrl = null, string? useCase = null, string? details = null, CancellationToken ct = default) =>
        RecordAsync(new EvidenceRecord
        {
            Action = action,
            Outcome = outcome,
            ModelId = modelId ?? license?.ModelId,
            Provider = license?.Provider,
            LicenseCategory = license?.LicenseCategory.ToString(),
            LicenseName = license?.LicenseName,
            OfferId = offerId,
            LegalTermUrl = legalTermUrl,
            UseCase = useCase,
            Details = details,
        }, ct);

    /// <summary>Appends a draft with this target's account, Region, principal and provenance filled where the draft leaves them empty.</summary>
    public async Task<EvidenceRecord> RecordAsync(EvidenceRecord draft, CancellationToken ct)
    {
        var record = await _ledger.AppendAsync(Fill(draft), ct).ConfigureAwait(false);
        _index?.Observe(record);
        return record;
    }

    EvidenceRecord Fill(EvidenceRecord draft)
    {
        draft.AccountId ??= AccountId;
        draft.Region ??= Region;
        draft.PrincipalArn ??= PrincipalArn;
        draft.AccountName ??= AccountName;
        draft.SourceArn ??= SourceArn;
        draft.SourceIdentity ??= SourceIdentity;
        if (draft.Verdict == null && Decisions?.Find(AccountId, Region, draft.ModelId) is { } decision) PolicyDecisions.Apply(draft, decision);
        if (draft.AcceptedVia == null && (draft.Action == EvidenceAction.AgreementAccepted || draft.Action == EvidenceAction.AgreementIntent))
            draft.AcceptedVia = AcceptanceVia.Tool;
        return draft;
    }

    /// <summary>
    /// Records once across processes: <paramref name="stillNeeded"/> is asked under the ledger lock (after catching up
    /// with what other writers appended), so racing runs write one observation, not one each. Null when not needed.
    /// </summary>
    public async Task<EvidenceRecord?> RecordOnceAsync(Func<bool> stillNeeded, string action, string outcome, BedrockModelLicense license,
        string? offerId = null, string? legalTermUrl = null, string? details = null, CancellationToken ct = default)
    {
        var record = await _ledger.AppendOnceAsync(Fill(new EvidenceRecord
        {
            Action = action,
            Outcome = outcome,
            ModelId = license.ModelId,
            Provider = license.Provider,
            LicenseCategory = license.LicenseCategory.ToString(),
            LicenseName = license.LicenseName,
            OfferId = offerId,
            LegalTermUrl = legalTermUrl,
            Details = details,
        }), stillNeeded, ct).ConfigureAwait(false);
        if (record != null) _index?.Observe(record);
        return record;
    }
}
