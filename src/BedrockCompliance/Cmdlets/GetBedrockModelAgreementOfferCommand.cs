using BedrockCompliance.Engine.Agreements;

namespace BedrockCompliance.Commands;

/// <summary>The agreement offers for models: the legal terms to review, pricing, and the offer token that accepts them.</summary>
[Cmdlet(VerbsCommon.Get, "BedrockModelAgreementOffer")]
[OutputType(typeof(BedrockAgreementOffer))]
public sealed class GetBedrockModelAgreementOfferCommand : BedrockModelCmdlet
{
    /// <summary>PUBLIC (default) or ALL offers.</summary>
    [Parameter]
    [ValidateSet("PUBLIC", "ALL", IgnoreCase = true)]
    public string OfferType { get; set; } = "PUBLIC";

    private protected override string Activity => "Reading agreement offers";

    private protected override Task RunForTargetAsync(TargetServices services, IReadOnlyList<object?> items, CancellationToken ct)
    {
        // Offers need no identity lookup: the account is the context's, by the same rule with no identity.
        string? account = services.Target.Context?.AccountId;
        return ForEachModelAsync(services, items, async modelId =>
        {
            if (Catalog.Classify(modelId).LicenseCategory == LicenseCategory.AmazonProprietary)
                Pump.WriteVerbose($"{modelId} is Amazon's own model: AWS terms apply and there is no agreement offer.");
            foreach (var offer in await AgreementOffers.GetAsync(services.Bedrock, Catalog, account, modelId, OfferType.ToUpperInvariant(), ct).ConfigureAwait(false))
                Emit(services, offer);
        }, ct);
    }
}
