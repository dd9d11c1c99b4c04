using System;
using System.Linq;
using System.Management.Automation;
using BedrockCompliance.Commands.Infrastructure;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Evidence;
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
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("-InvocationLogDataKind needs -RequireInvocationLogging Enabled (kinds that must be delivered) or Disabled (kinds that must not be)."),
                    "InvocationLogDataKindWithoutRequirement", ErrorCategory.InvalidArgument, InvocationLogDataKind));
            if (NoEvidence && EvidencePath != null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-NoEvidence and -EvidencePath contradict each other; use one."),
                    "NoEvidenceWithEvidencePath", ErrorCategory.InvalidArgument, EvidencePath));
        }

        protected override void ProcessRecord() => AddWork(null);

        protected override void EndProcessing()
        {
            var options = new PrivacyCheckOptions
            {
                Checks = Check?.Distinct().ToList(),
                AllowedRegions = AllowedRegion,
                InvocationLogging = MyInvocation.BoundParameters.ContainsKey(nameof(RequireInvocationLogging)) ? RequireInvocationLogging : (InvocationLoggingRequirement?)null,
                InvocationLogDataKinds = InvocationLogDataKind ?? Array.Empty<InvocationLogDataKind>(),
            };
            EvidenceLedger? ledger = NoEvidence ? null : EvidenceSupport.OpenLedger(this, EvidencePath);

            ForEachTarget("Checking data privacy", async (target, items, pump, ct) =>
            {
                var sender = new AwsHttpSender(target.Connection) { Trace = pump.WriteDebug };
                EvidenceRecorder? recorder = ledger == null ? null : await EvidenceRecorder.OpenAsync(ledger, target, null, ct).ConfigureAwait(false);
                string? account = target.Context?.AccountId ?? recorder?.AccountId ?? (await target.GetIdentityAsync(ct).ConfigureAwait(false))?.Account;
                string prefix = target.Context != null ? target.Label + ": " : "";

                var results = await new PrivacyChecker(sender).CheckAsync(account, target.Connection.Region, options, ct).ConfigureAwait(false);

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
                    r.Context = target.Context;
                    if (r.Status == PrivacyCheckStatus.Unknown && r.ErrorCode != null && !PrivacyChecker.IsPermissionErrorCode(r.ErrorCode))
                        pump.WriteWarning($"{prefix}{r.Check} in {r.Region} could not be verified: {r.Detail}");
                    pump.WriteObject(r);
                }
                if (recordFailure != null) throw recordFailure;
            });
        }
    }
}
