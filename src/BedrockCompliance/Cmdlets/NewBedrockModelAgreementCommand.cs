using BedrockCompliance.Engine.Agreements;

namespace BedrockCompliance.Commands;

/// <summary>
/// Accepts a model's agreement deliberately, with evidence: an intent before the call, the acceptance (or the
/// failure) after. Idempotent: a model already AVAILABLE gets one observation record, never a second acceptance.
/// </summary>
[Cmdlet(VerbsCommon.New, "BedrockModelAgreement", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BedrockModelAgreement))]
public sealed class NewBedrockModelAgreementCommand : BedrockModelCmdlet
{
    private protected override bool RecordsEvidence => true;

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

    /// <summary>
    /// Refuse accounts and regions whose last recorded PrivacyChecked evidence (Test-BedrockDataPrivacy) failed or is
    /// missing: a non-terminating PrivacyCheckRequired error and a PolicyDenied record per model.
    /// </summary>
    [Parameter]
    public SwitchParameter RequirePrivacyCheck { get; set; }

    AgreementGate? _gate;
    Engine.Policy.PolicyDecisions? _decisions;

    private protected override string Activity => "Accepting model agreements";

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        if (Policy != null)
        {
            // The decisions go with the records: each intent, acceptance and refusal names the policy, its hash, the verdict and the approval.
            _decisions = new Engine.Policy.PolicyDecisions(InputFiles.LoadPolicy(this, Policy, null));
            _gate = _decisions.Gate;
        }
        // What the ledger already holds, so reruns write nothing twice and crashed intents get completed.
        Evidence = OpenEvidence(indexAgreements: true);
    }

    private protected override async Task RunForTargetAsync(TargetServices services, IReadOnlyList<object?> items, CancellationToken ct)
    {
        services.Evidence!.Decisions = _decisions;
        var service = new AgreementService(services.Bedrock, Catalog, services.Evidence!, services.AgreementIndex!, services.Host)
        {
            PrivacyGate = RequirePrivacyCheck ? Engine.Privacy.PrivacyCheckGate.Build(Evidence!.Path, ct) : null,
        };
        await service.ReconcileOpenIntentsAsync(ct).ConfigureAwait(false);
        await ForEachModelAsync(services, items, async modelId =>
        {
            var result = await service.AcceptAsync(modelId, OfferId, _gate, Wait, TimeSpan.FromSeconds(TimeoutSeconds), ct).ConfigureAwait(false);
            if (result == null) return;
            if (result.Result == "Accepted") Pump.WriteVerbose($"{result.ModelId} in {services.Target.Label}: agreement accepted ({result.AgreementStatus}); evidence {result.EvidenceId}.");
            if (PassThru) Emit(services, result);
        }, ct).ConfigureAwait(false);
    }
}
