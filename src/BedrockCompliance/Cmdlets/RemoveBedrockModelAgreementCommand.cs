using BedrockCompliance.Engine.Agreements;

namespace BedrockCompliance.Commands;

/// <summary>Revokes a model's agreement and records the revocation.</summary>
[Cmdlet(VerbsCommon.Remove, "BedrockModelAgreement", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(BedrockModelAgreement))]
public sealed class RemoveBedrockModelAgreementCommand : BedrockModelCmdlet, IEvidenceRetention
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

    /// <summary>The run's correlation id, shared by every record (default: $env:BEDROCK_COMPLIANCE_RUN_ID, else a new id).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("RunId")]
    public string? CorrelationId { get; set; }
    /// <summary>For an s3:// -EvidencePath: lock each evidence object for this many days (S3 Object Lock).</summary>
    [Parameter]
    [ValidateRange(1, 36500)]
    public int? RetentionDays { get; set; }

    /// <summary>Object Lock mode of -RetentionDays: Governance (default) or Compliance.</summary>
    [Parameter]
    [ValidateSet("Governance", "Compliance", IgnoreCase = true)]
    public string? RetentionMode { get; set; }

    private protected override string Activity => "Revoking model agreements";

    private protected override bool SkipConfirmation => Force;

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        Evidence = EvidenceSession.Open(this, EvidencePath, indexAgreements: true, CancellationToken, CorrelationId);
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
