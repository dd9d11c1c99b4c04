using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Engine.Agreements;

/// <summary>Agreement offers as reviewers read them: legal terms, pricing, validity, next to the catalog licence.</summary>
internal static class AgreementOffers
{
    public static async Task<IReadOnlyList<BedrockAgreementOffer>> GetAsync(BedrockClient client, LicenseCatalog catalog, string? accountId,
        string modelId, string offerType, CancellationToken ct)
    {
        var license = catalog.Classify(modelId);
        var offers = await client.ListFoundationModelAgreementOffersAsync(license.ModelId, offerType, ct).ConfigureAwait(false);
        return offers.Select(o => new BedrockAgreementOffer
        {
            ModelId = license.ModelId,
            AccountId = accountId,
            Region = client.Connection.Region,
            OfferId = o.OfferId,
            OfferToken = o.OfferToken,
            OfferType = offerType,
            LegalTermUrl = o.LegalTermUrl,
            RateCard = o.RateCard.Select(r => new BedrockRateCardItem { Dimension = r.Dimension, Price = r.Price, Unit = r.Unit, Description = r.Description }).ToList(),
            RefundPolicy = o.RefundPolicyDescription,
            AgreementDuration = o.AgreementDuration,
            LicenseCategory = license.LicenseCategory,
            LicenseName = license.LicenseName,
        }).ToList();
    }
}
