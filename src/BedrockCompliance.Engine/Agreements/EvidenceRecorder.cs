using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Engine.Agreements;

/// <summary>
/// Records evidence for one account and region: fills account, region, licence fields and the principal,
/// and keeps the run's <see cref="AgreementLedgerIndex"/> current.
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

    /// <summary>A recorder for one target: account and acting principal from GetCallerIdentity (cached per credential).</summary>
    /// <param name="lookUpIdentity">False under -WhatIf: no call; the account comes from the context, if any.</param>
    public static async Task<EvidenceRecorder> OpenAsync(EvidenceLedger ledger, Accounts.AccountTarget target, AgreementLedgerIndex? index, CancellationToken ct,
        bool lookUpIdentity = true)
    {
        var identity = lookUpIdentity ? await target.GetIdentityAsync(ct).ConfigureAwait(false) : null;
        return new EvidenceRecorder(ledger, AccountIdFor(identity, target), target.Connection.Region, identity?.Arn, index);
    }

    /// <summary>
    /// The one rule for the account in records and results: the identity the credentials prove (GetCallerIdentity),
    /// else the context's account (under -WhatIf, or bearer-only authentication), else unknown.
    /// </summary>
    public static string? AccountIdFor(Aws.CallerIdentity? identity, Accounts.AccountTarget target) => identity?.Account ?? target.Context?.AccountId;
    public string Region { get; }

    public async Task<EvidenceRecord> RecordAsync(string action, string outcome, BedrockModelLicense? license, string? modelId = null,
        string? offerId = null, string? legalTermUrl = null, string? useCase = null, string? details = null, CancellationToken ct = default)
    {
        var record = await _ledger.AppendAsync(new EvidenceRecord
        {
            Action = action,
            Outcome = outcome,
            AccountId = AccountId,
            Region = Region,
            ModelId = modelId ?? license?.ModelId,
            Provider = license?.Provider,
            LicenseCategory = license?.LicenseCategory.ToString(),
            LicenseName = license?.LicenseName,
            OfferId = offerId,
            LegalTermUrl = legalTermUrl,
            UseCase = useCase,
            Details = details,
            PrincipalArn = PrincipalArn,
        }, ct).ConfigureAwait(false);
        _index?.Observe(record);
        return record;
    }
}
