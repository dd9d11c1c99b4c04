using System;
using System.Management.Automation;
using BedrockCompliance.Commands.Infrastructure;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Commands
{
    /// <summary>
    /// Accepts a model's agreement deliberately, with evidence: an intent before the call, the acceptance (or the
    /// failure) after. Idempotent: a model already AVAILABLE gets one observation record, never a second acceptance.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "BedrockModelAgreement", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(BedrockModelAgreement))]
    public sealed class NewBedrockModelAgreementCommand : BedrockModelCmdlet
    {
        /// <summary>Accept this offer instead of the model's public offer.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OfferId { get; set; }

        /// <summary>Poll until the agreement is AVAILABLE (or ERROR).</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 900;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>A licence policy file: models it does not allow (Denied or NeedsReview) are refused and a PolicyDenied record is written.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Policy { get; set; }

        /// <summary>The evidence ledger (default: $env:BEDROCK_COMPLIANCE_EVIDENCE or the file under your profile).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("LedgerPath")]
        public string? EvidencePath { get; set; }

        protected override void EndProcessing()
        {
            AgreementGate? gate = null;
            if (Policy != null)
            {
                var evaluator = PolicyCmdletSupport.LoadEvaluator(this, Policy, null);
                gate = license =>
                {
                    var verdict = evaluator.Evaluate(license);
                    return verdict.Verdict == LicenseVerdict.Allowed ? null
                        : $"verdict {verdict.Verdict} under policy '{verdict.PolicyName}' (SHA-256 {verdict.PolicySha256}): {verdict.ReasonCodes}. {verdict.Summary}";
                };
            }
            var ledger = EvidenceSupport.OpenLedger(this, EvidencePath);
            var index = AgreementLedgerIndex.Build(ledger.Path, CancellationToken);
            ForEachTarget("Accepting model agreements", async (target, items, pump, ct) =>
            {
                var recorder = await EvidenceRecorder.OpenAsync(ledger, target, index, ct).ConfigureAwait(false);
                var client = new BedrockClient(new AwsHttpSender(target.Connection) { Trace = pump.WriteDebug });
                var service = new AgreementService(client, Catalog, recorder, index, new PumpHost(this, pump, target));
                await service.ReconcileOpenIntentsAsync(ct).ConfigureAwait(false);
                await ForEachModelAsync(target, items, pump, async modelId =>
                {
                    var result = await service.AcceptAsync(modelId, OfferId, gate, Wait, TimeSpan.FromSeconds(TimeoutSeconds), ct).ConfigureAwait(false);
                    if (result == null) return;
                    result.Context = target.Context;
                    if (result.Result == "Accepted") pump.WriteVerbose($"{result.ModelId} in {target.Label}: agreement accepted ({result.AgreementStatus}); evidence {result.EvidenceId}.");
                    if (PassThru) pump.WriteObject(result);
                }, ct).ConfigureAwait(false);
            });
        }
    }
}
