using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Engine.Privacy;

/// <summary>
/// Test-BedrockDataPrivacy for one target: runs the checker and records one PrivacyChecked summary (every check's
/// verdict) per account and region, as AgreementService records agreements. The cmdlet only maps parameters and writes results.
/// </summary>
internal sealed class PrivacyService
{
    /// <summary>Checks the target with its services (sender, evidence writer: null under -NoEvidence) and records the summary.</summary>
    public async Task<PrivacyRun> CheckAsync(TargetServices services, PrivacyCheckOptions options, CancellationToken ct)
    {
        var recorder = services.Evidence;
        // The one account rule (identity first, context as fallback), as every record uses.
        string? account = await services.GetAccountIdAsync(ct).ConfigureAwait(false);
        var results = await new PrivacyChecker(services.Sender).CheckAsync(account, services.Target.Connection.Region, options, ct).ConfigureAwait(false);
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
