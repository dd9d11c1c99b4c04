namespace BedrockCompliance;

public sealed class BedrockRateCardItem
{
    public string? Dimension { get; set; }
    public string? Price { get; set; }
    public string? Unit { get; set; }
    public string? Description { get; set; }
    public override string ToString() => $"{Dimension}: {Price} {Unit}".Trim();
}

/// <summary>An agreement offer for a model: the terms to review and the token that accepts them.</summary>
public sealed class BedrockAgreementOffer : IAccountScoped
{
    public string ModelId { get; set; } = "";
    public string? AccountId { get; set; }
    public string? Region { get; set; }
    public string? OfferId { get; set; }
    public string OfferToken { get; set; } = "";
    /// <summary>PUBLIC or ALL, as asked for.</summary>
    public string OfferType { get; set; } = "PUBLIC";
    public string? LegalTermUrl { get; set; }
    public IReadOnlyList<BedrockRateCardItem> RateCard { get; set => field = ValueList<BedrockRateCardItem>.From(value); } = ValueList<BedrockRateCardItem>.Empty;
    public string? RefundPolicy { get; set; }
    public string? AgreementDuration { get; set; }
    public LicenseCategory LicenseCategory { get; set; }
    public string? LicenseName { get; set; }
    public BedrockAccountContext? Context { get; set; }
    public override string ToString() => $"{ModelId} {OfferId}";
}
