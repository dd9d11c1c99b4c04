using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Commands.Infrastructure
{
    /// <summary>What the cmdlets that record evidence share: opening the run's ledger and a recorder per account/region.</summary>
    internal static class EvidenceSupport
    {
        /// <summary>Opens the ledger once per invocation: every record of the run shares its correlation id.</summary>
        public static EvidenceLedger OpenLedger(PSCmdlet cmdlet, string? evidencePath)
        {
            string? path = evidencePath == null ? null : cmdlet.GetUnresolvedProviderPathFromPSPath(evidencePath);
            var ledger = EvidenceLedger.Open(path, EvidenceContext.Create());
            cmdlet.WriteVerbose($"Evidence: {ledger.Path} (from {EvidencePaths.Source(path)}), correlation id {ledger.Context.CorrelationId}.");
            return ledger;
        }
    }

    /// <summary>Answers the engine's confirmation and message calls on the pipeline thread.</summary>
    internal sealed class PumpHost : IAgreementHost
    {
        readonly PSCmdlet _cmdlet;
        readonly PipelinePump _pump;
        readonly string _prefix;
        readonly bool _force;

        /// <param name="whatIf">-WhatIf in effect (read on the pipeline thread by the cmdlet).</param>
        /// <param name="force">-Force: no confirmation prompt (as AWS Tools does); -WhatIf still wins.</param>
        public PumpHost(PSCmdlet cmdlet, PipelinePump pump, AccountTarget target, bool whatIf, bool force = false)
        {
            _cmdlet = cmdlet;
            _pump = pump;
            _prefix = target.Context != null ? target.Label + ": " : "";
            IsWhatIf = whatIf;
            _force = force;
        }

        public bool IsWhatIf { get; }

        public Task<bool> ShouldProcessAsync(string target, string action) => _pump.Invoke(() =>
        {
            if (_force && !IsWhatIf)
            {
                _cmdlet.WriteVerbose($"Performing the operation \"{action}\" on target \"{target}\" (-Force).");
                return true;
            }
            return _cmdlet.ShouldProcess(target, action);
        });
        public void Verbose(string message) => _pump.WriteVerbose(_prefix + message);
        public void Warning(string message) => _pump.WriteWarning(_prefix + message);
    }
}
