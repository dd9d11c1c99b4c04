using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Engine.Evidence;
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

        EvidenceLedger? _ledger;
        AgreementLedgerIndex? _index;

        private protected override string Activity => "Revoking model agreements";

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _ledger = EvidenceSupport.OpenLedger(this, EvidencePath);
            _index = AgreementLedgerIndex.Build(_ledger.Path, CancellationToken);
        }

        private protected override async Task RunAsync(AccountTarget target, IReadOnlyList<object?> items, PipelinePump pump, CancellationToken ct)
        {
            var recorder = await EvidenceRecorder.OpenAsync(_ledger!, target, _index, ct, lookUpIdentity: !IsWhatIf).ConfigureAwait(false);
            var client = new BedrockClient(new AwsHttpSender(target.Connection) { Trace = pump.WriteDebug });
            var service = new AgreementService(client, Catalog, recorder, _index!, new PumpHost(this, pump, target, IsWhatIf, Force));
            await ForEachModelAsync(target, items, pump, async modelId =>
            {
                var result = await service.RevokeAsync(modelId, ct).ConfigureAwait(false);
                if (result == null) return;
                result.Context = target.Context;
                if (PassThru) pump.WriteObject(result);
            }, ct).ConfigureAwait(false);
        }
    }
}
