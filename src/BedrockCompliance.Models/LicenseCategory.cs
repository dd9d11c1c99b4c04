namespace BedrockCompliance;

/// <summary>How a model is licensed; see about_BedrockCompliance.</summary>
public enum LicenseCategory
{
    /// <summary>Not in the catalog: must be reviewed, never treated as permissive.</summary>
    Unknown = 0,
    AmazonProprietary,
    ProprietaryCommercial,
    OpenWeight,
}

/// <summary>How well the catalog entry is sourced.</summary>
public enum CatalogConfidence
{
    /// <summary>No catalog entry, or the entry gives no basis.</summary>
    None = 0,
    Unverified,
    Likely,
    Confirmed,
}
