using BedrockCompliance.Engine.Hosting;

namespace BedrockCompliance.Commands.Hosting;

/// <summary>Answers the engine's confirmation and message calls for one target on the pipeline thread.</summary>
internal sealed class CmdletHost : IOperationHost
{
    readonly PSCmdlet _cmdlet;
    readonly PipelinePump _pump;
    readonly string _prefix;
    readonly bool _force;

    /// <param name="whatIf">-WhatIf in effect (read on the pipeline thread by the cmdlet).</param>
    /// <param name="force">-Force: no confirmation prompt (as AWS Tools does); -WhatIf still wins.</param>
    public CmdletHost(PSCmdlet cmdlet, PipelinePump pump, AccountTarget target, bool whatIf, bool force)
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
        try
        {
            return _cmdlet.ShouldProcess(target, action);
        }
        catch (Exception ex) when (ex is PSInvalidOperationException || ex is System.Management.Automation.Host.HostException)
        {
            // pwsh -NonInteractive (a scheduled job) cannot prompt: say how to confirm instead of an UnexpectedError.
            throw new Engine.ComplianceException("ConfirmationRequired", Engine.ComplianceErrorKind.InvalidOperation,
                $"\"{action}\" on \"{target}\" needs confirmation, and this session cannot prompt ({ex.Message.Trim()}). " +
                "Pass -Confirm:$false (or -Force) to proceed without a prompt, or -WhatIf to preview.", ex);
        }
    });
    public void Verbose(string message) => _pump.WriteVerbose(_prefix + message);
    public void Warning(string message) => _pump.WriteWarning(_prefix + message);
    public void Debug(string message) => _pump.WriteDebug(message);
}
