using BedrockCompliance.Engine.Privacy;

namespace BedrockCompliance.Commands
{
    /// <summary>
    /// Data-privacy checks per account and region, one typed result per check: RegionAllowed (data residency),
    /// CloudTrail (a logging trail records Bedrock's read and write management events), PrivateLink (an available
    /// interface endpoint for bedrock-runtime) and InvocationLogging (judged against -RequireInvocationLogging).
    /// A check that cannot be verified is Unknown with the reason, never Pass.
    /// </summary>
    /// <remarks>
    /// Evidence: a PrivacyChecked record per account and region is written by default, as every other cmdlet records
    /// what it verified; an auditor's question is "when did you last verify this, and what did you see?". Reading
    /// AWS and appending to the local ledger changes nothing in AWS, so there is no ShouldProcess; -NoEvidence is
    /// for exploratory runs that should leave no record.
    /// </remarks>
    [Cmdlet(VerbsDiagnostic.Test, "BedrockDataPrivacy")]
    [OutputType(typeof(BedrockPrivacyCheck))]
    public sealed class TestBedrockDataPrivacyCommand : BedrockAwsCmdlet
    {
        /// <summary>Regions your data-residency policy permits (wildcards: 'eu-*'). Without it RegionAllowed is Unknown.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePattern("^[A-Za-z0-9*?-]+$")]
        public string[]? AllowedRegion { get; set; }

        /// <summary>The checks to run (default: all).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public PrivacyCheck[]? Check { get; set; }

        /// <summary>
        /// Enabled: logging must deliver invocation data to a destination (audit). Disabled: no prompt or response data
        /// may be stored. Any: report only. Without it InvocationLogging is Unknown (reported, not judged).
        /// </summary>
        [Parameter]
        public InvocationLoggingRequirement RequireInvocationLogging { get; set; }

        /// <summary>
        /// With Enabled: the data kinds that must be delivered (default: at least one). With Disabled: the kinds that must
        /// not be delivered (default: none at all).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public InvocationLogDataKind[]? InvocationLogDataKind { get; set; }

        /// <summary>The evidence ledger (default: $env:BEDROCK_COMPLIANCE_EVIDENCE or the file under your profile).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("LedgerPath")]
        public string? EvidencePath { get; set; }

        /// <summary>Record no PrivacyChecked evidence.</summary>
        [Parameter]
        public SwitchParameter NoEvidence { get; set; }

        protected override void BeginProcessing()
        {
            bool requirementGiven = MyInvocation.BoundParameters.ContainsKey(nameof(RequireInvocationLogging));
            if (InvocationLogDataKind != null && (!requirementGiven || RequireInvocationLogging == InvocationLoggingRequirement.Any))
                ThrowTerminatingError(ErrorRecordFactory.InvocationLogDataKindWithoutRequirement(InvocationLogDataKind));
            if (NoEvidence && EvidencePath != null)
                ThrowTerminatingError(ErrorRecordFactory.NoEvidenceWithEvidencePath(EvidencePath));
            _options = new PrivacyCheckOptions
            {
                Checks = Check?.Distinct().ToList(),
                AllowedRegions = AllowedRegion,
                InvocationLogging = requirementGiven ? RequireInvocationLogging : (InvocationLoggingRequirement?)null,
                InvocationLogDataKinds = InvocationLogDataKind ?? Array.Empty<InvocationLogDataKind>(),
            };
            // Opened before any input: with piped contexts, work starts while upstream is still producing.
            if (!NoEvidence) Evidence = EvidenceSession.Open(this, EvidencePath, indexAgreements: false, CancellationToken);
        }

        private protected override string Activity => "Checking data privacy";

        PrivacyCheckOptions? _options;

        private protected override async Task RunForTargetAsync(TargetServices services, IReadOnlyList<object?> items, CancellationToken ct)
        {
            var target = services.Target;
            var recorder = services.Evidence;
            string? account = await services.GetAccountIdAsync(ct).ConfigureAwait(false);
            string prefix = target.Context != null ? target.Label + ": " : "";

            var results = await new PrivacyChecker(services.Sender).CheckAsync(account, target.Connection.Region, _options!, ct).ConfigureAwait(false);

            Exception? recordFailure = null;
            if (recorder != null)
            {
                try
                {
                    var record = await recorder.RecordAsync(EvidenceAction.PrivacyChecked, PrivacyChecker.EvidenceOutcomeFor(results), null,
                        details: PrivacyChecker.EvidenceDetails(results), ct: ct).ConfigureAwait(false);
                    foreach (var r in results) r.EvidenceId = record.Id;
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
                {
                    recordFailure = ex;
                }
            }
            foreach (var r in results)
            {
                if (r.Status == PrivacyCheckStatus.Unknown && r.ErrorCode != null && !PrivacyChecker.IsPermissionErrorCode(r.ErrorCode))
                    Pump.WriteWarning($"{prefix}{r.Check} in {r.Region} could not be verified: {r.Detail}");
                Emit(services, r);
            }
            if (recordFailure != null) throw recordFailure;
        }
    }
}
