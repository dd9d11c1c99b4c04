using BedrockCompliance.Engine.Agreements;

namespace BedrockCompliance.Commands;

/// <summary>Revokes a model's agreement and records the revocation.</summary>
[Cmdlet(VerbsCommon.Remove, "BedrockModelAgreement", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BedrockModelAgreement))]
public sealed class RemoveBedrockModelAgreementCommand : BedrockModelCmdlet
{
    private protected override bool RecordsEvidence => true;

    /// <summary>Revoke without asking (ConfirmImpact is High); -WhatIf still wins.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    private protected override string Activity => "Revoking model agreements";

    private protected override bool SkipConfirmation => Force;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        Evidence = OpenEvidence(indexAgreements: true);
    }

    private protected override async Task RunForTargetAsync(TargetServices services, IReadOnlyList<object?> items, CancellationToken ct)
    {
        var service = new AgreementService(services.Bedrock, Catalog, services.Evidence!, services.AgreementIndex!, services.Host);
        await ForEachModelAsync(services, items, async modelId =>
        {
            var result = await service.RevokeAsync(modelId, ct).ConfigureAwait(false);
            if (result != null && PassThru) Emit(services, result);
        }, ct).ConfigureAwait(false);
    }
}
