namespace BedrockCompliance;

/// <summary>How a model is licensed; see about_BedrockCompliance.</summary>
// long-based so that ConvertTo-Json writes the name: PowerShell writes 64-bit enums as text, 32-bit ones as numbers.
public enum LicenseCategory : long
{
    /// <summary>Not in the catalog: must be reviewed, never treated as permissive.</summary>
    Unknown = 0,
    AmazonProprietary,
    ProprietaryCommercial,
    OpenWeight,
}

/// <summary>How well the catalog entry is sourced.</summary>
// long-based so that ConvertTo-Json writes the name: PowerShell writes 64-bit enums as text, 32-bit ones as numbers.
public enum CatalogConfidence : long
{
    /// <summary>No catalog entry, or the entry gives no basis.</summary>
    None = 0,
    Unverified,
    Likely,
    Confirmed,
}
