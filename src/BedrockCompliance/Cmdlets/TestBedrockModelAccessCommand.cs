using BedrockCompliance.Engine.Access;

namespace BedrockCompliance.Commands;

/// <summary>
/// Proves a model answers: one minimal Converse call (a tiny prompt, a few output tokens), with latency and
/// the error if any, recorded as AccessVerified evidence. It will not be the call that accepts a licence:
/// a third-party model without an AVAILABLE agreement is refused unless -AllowImplicitAcceptance. That switch has
/// its own name, and no -Force alias, because -Force means "do not prompt" everywhere else: a script that adds
/// -Force to silence prompts must not start accepting licences.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "BedrockModelAccess", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BedrockModelAccessResult))]
public sealed class TestBedrockModelAccessCommand : BedrockModelCmdlet
{
    private protected override bool RecordsEvidence => true;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateLength(1, 2000)]
    public string Prompt { get; set; } = "Reply with the single word OK.";

    [Parameter]
    [ValidateRange(1, 100)]
    public int MaxTokens { get; set; } = 10;

    /// <summary>Invoke even when the model's agreement is not AVAILABLE (this may accept its licence implicitly).</summary>
    [Parameter]
    public SwitchParameter AllowImplicitAcceptance { get; set; }

    private protected override string Activity => "Testing model access";

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        Evidence = OpenEvidence();
        if (AllowImplicitAcceptance)
            WriteWarning("-AllowImplicitAcceptance: a model whose agreement is not AVAILABLE is invoked anyway; that call may accept its licence (EULA) implicitly, without review. Accept deliberately with New-BedrockModelAgreement instead.");
    }

    private protected override async Task RunForTargetAsync(TargetServices services, IReadOnlyList<object?> items, CancellationToken ct)
    {
        var probe = new AccessProbe(services.Bedrock, Catalog, services.Evidence!, services.Host);
        await ForEachModelAsync(services, items, async modelId =>
        {
            var result = await probe.TestAsync(modelId, Prompt, MaxTokens, AllowImplicitAcceptance, ct).ConfigureAwait(false);
            if (result == null) return;
            if (!result.Success) Pump.WriteWarning($"{result.ModelId} in {services.Target.Label}: no answer ({result.ErrorCode}: {result.ErrorMessage}).");
            Emit(services, result);
        }, ct).ConfigureAwait(false);
    }
}
