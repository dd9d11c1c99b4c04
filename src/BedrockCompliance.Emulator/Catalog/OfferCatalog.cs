using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BedrockCompliance.Emulator.Catalog;

/// <summary>One public offer per third-party model and region. Offer IDs and tokens are derived from
/// the model and region, so they are stable across runs and a token can be checked without storing it.
/// Real token, price and duration formats are unconfirmed; these are illustrative.</summary>
public sealed class OfferCatalog(ModelCatalog models)
{
    public sealed record Offer(string OfferId, string OfferToken, JsonObject TermDetails);

    public Offer For(FoundationModel model, string region)
    {
        var offerId = "offer-" + Hash($"offer|{model.ModelId}")[..13];
        var token = "oft-" + Hash($"token|{region}|{model.ModelId}|{offerId}")[..48];
        var terms = new JsonObject
        {
            ["usageBasedPricingTerm"] = new JsonObject { ["rateCard"] = RateCard(model) },
            ["legalTerm"] = new JsonObject { ["url"] = models.LegalTermUrl(model) },
            ["supportTerm"] = new JsonObject
            {
                ["refundPolicyDescription"] = "Usage-based charges are not refundable. Contact the seller for support.",
            },
            ["validityTerm"] = new JsonObject { ["agreementDuration"] = "P1Y" },
        };
        return new Offer(offerId, token, terms);
    }

    public bool IsValidToken(FoundationModel model, string region, string token) =>
        string.Equals(For(model, region).OfferToken, token, StringComparison.Ordinal);

    static JsonArray RateCard(FoundationModel model)
    {
        // Deterministic, plausible prices: a few tenths of a cent per 1K tokens.
        var seed = Convert.FromHexString(Hash(model.ModelId)[..4]);
        var input = (0.0001m * (1 + seed[0] % 30)).ToString("0.0000", CultureInfo.InvariantCulture);
        var output = (0.0004m * (1 + seed[1] % 30)).ToString("0.0000", CultureInfo.InvariantCulture);
        if (model.OutputModalities.Contains("IMAGE"))
            return new JsonArray(Rate("ImagesGenerated", (0.01m * (1 + seed[0] % 8)).ToString("0.00", CultureInfo.InvariantCulture), "Price per generated image", "Images"));
        if (model.OutputModalities.Contains("EMBEDDING"))
            return new JsonArray(Rate("InputTokenCount", input, "Price per 1,000 input tokens", "1K tokens"));
        return new JsonArray(
            Rate("InputTokenCount", input, "Price per 1,000 input tokens", "1K tokens"),
            Rate("OutputTokenCount", output, "Price per 1,000 output tokens", "1K tokens"));
    }

    static JsonObject Rate(string dimension, string price, string description, string unit) => new()
    {
        ["dimension"] = dimension, ["price"] = price, ["description"] = description, ["unit"] = unit,
    };

    static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
}
