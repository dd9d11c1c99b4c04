using System.Management.Automation;
using BedrockCompliance.Commands.Infrastructure;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands
{
    /// <summary>Revokes a model's agreement and records the revocation.</summary>
    [Cmdlet(VerbsCommon.Remove, "BedrockModelAgreement", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(BedrockModelAgreement))]
    public sealed class RemoveBedrockModelAgreementCommand : BedrockModelCmdlet
    {
        /// <summary>Revoke without asking (ConfirmImpact is High); -WhatIf still wins.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The evidence ledger (default: $env:BEDROCK_COMPLIANCE_EVIDENCE or the file under your profile).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("LedgerPath")]
        public string? EvidencePath { get; set; }

        protected override void EndProcessing()
        {
            var ledger = EvidenceSupport.OpenLedger(this, EvidencePath);
            var index = AgreementLedgerIndex.Build(ledger.Path, CancellationToken);
            ForEachTarget("Revoking model agreements", async (target, items, pump, ct) =>
            {
                var recorder = await EvidenceRecorder.OpenAsync(ledger, target, index, ct).ConfigureAwait(false);
                var client = new BedrockClient(new AwsHttpSender(target.Connection) { Trace = pump.WriteDebug });
                var service = new AgreementService(client, Catalog, recorder, index, new PumpHost(this, pump, target, Force));
                await ForEachModelAsync(target, items, pump, async modelId =>
                {
                    var result = await service.RevokeAsync(modelId, ct).ConfigureAwait(false);
                    if (result == null) return;
                    result.Context = target.Context;
                    if (PassThru) pump.WriteObject(result);
                }, ct).ConfigureAwait(false);
            });
        }
    }
}
