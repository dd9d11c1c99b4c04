using System;
using System.Threading;
using System.Threading.Tasks;
using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Engine.Privacy
{
    /// <summary>
    /// Test-BedrockDataPrivacy for one target: runs the checker and records one PrivacyChecked summary (every check's
    /// verdict) per account and region, as AgreementService records agreements. The cmdlet only maps parameters and writes results.
    /// </summary>
    public sealed class PrivacyService
    {
        readonly EvidenceLedger? _ledger;

        /// <param name="ledger">Null: -NoEvidence, nothing is recorded.</param>
        public PrivacyService(EvidenceLedger? ledger) => _ledger = ledger;

        public async Task<PrivacyRun> CheckAsync(AccountTarget target, PrivacyCheckOptions options, Action<string>? trace, CancellationToken ct)
        {
            var sender = new AwsHttpSender(target.Connection) { Trace = trace };
            var recorder = _ledger == null ? null : await EvidenceRecorder.OpenAsync(_ledger, target, null, ct).ConfigureAwait(false);
            // One rule for the account: the identity the recorder looked up, then the context, then a lookup of our own.
            string? account = recorder?.AccountId ?? target.Context?.AccountId ?? (await target.GetIdentityAsync(ct).ConfigureAwait(false))?.Account;
            var results = await new PrivacyChecker(sender).CheckAsync(account, target.Connection.Region, options, ct).ConfigureAwait(false);
            if (recorder == null) return new PrivacyRun(results, null);
            try
            {
                var record = await recorder.RecordAsync(EvidenceAction.PrivacyChecked, PrivacyEvidence.OutcomeFor(results), null,
                    details: PrivacyEvidence.DetailsFor(results), ct: ct).ConfigureAwait(false);
                foreach (var r in results) r.EvidenceId = record.Id;
                return new PrivacyRun(results, null);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                return new PrivacyRun(results, ex);
            }
        }
    }
}
