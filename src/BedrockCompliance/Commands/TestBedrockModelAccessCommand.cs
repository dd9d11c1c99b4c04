using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Engine.Evidence;
using BedrockCompliance.Commands.Infrastructure;
using BedrockCompliance.Engine.Access;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands
{
    /// <summary>
    /// Proves a model answers: one minimal Converse call (a tiny prompt, a few output tokens), with latency and
    /// the error if any, recorded as AccessVerified evidence. It will not be the call that accepts a licence:
    /// a third-party model without an AVAILABLE agreement is refused unless -Force.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "BedrockModelAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(BedrockModelAccessResult))]
    public sealed class TestBedrockModelAccessCommand : BedrockModelCmdlet
    {
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateLength(1, 2000)]
        public string Prompt { get; set; } = "Reply with the single word OK.";

        [Parameter]
        [ValidateRange(1, 100)]
        public int MaxTokens { get; set; } = 10;

        /// <summary>Invoke even when the model's agreement is not AVAILABLE (this may accept its licence implicitly).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The evidence ledger (default: $env:BEDROCK_COMPLIANCE_EVIDENCE or the file under your profile).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("LedgerPath")]
        public string? EvidencePath { get; set; }

        EvidenceLedger? _ledger;

        private protected override string Activity => "Testing model access";

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            _ledger = EvidenceSupport.OpenLedger(this, EvidencePath);
        }

        private protected override async Task RunAsync(AccountTarget target, IReadOnlyList<object?> items, PipelinePump pump, CancellationToken ct)
        {
            var recorder = await EvidenceRecorder.OpenAsync(_ledger!, target, null, ct, lookUpIdentity: !IsWhatIf).ConfigureAwait(false);
            var client = new BedrockClient(new AwsHttpSender(target.Connection) { Trace = pump.WriteDebug });
            var probe = new AccessProbe(client, Catalog, recorder, new PumpHost(this, pump, target, IsWhatIf));
            await ForEachModelAsync(target, items, pump, async modelId =>
            {
                var result = await probe.TestAsync(modelId, Prompt, MaxTokens, Force, ct).ConfigureAwait(false);
                if (result == null) return;
                result.Context = target.Context;
                if (!result.Success) pump.WriteWarning($"{result.ModelId} in {target.Label}: no answer ({result.ErrorCode}: {result.ErrorMessage}).");
                pump.WriteObject(result);
            }, ct).ConfigureAwait(false);
        }
    }
}
