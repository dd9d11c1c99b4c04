namespace BedrockCompliance.Engine.Catalog;

/// <summary>One catalog row: the licence facts for every model ID starting with <see cref="ModelIdPrefix"/>.</summary>
internal sealed class CatalogEntry
{
    public string ModelIdPrefix { get; set; } = "";
    public string Provider { get; set; } = "";
    public string Family { get; set; } = "";
    public LicenseCategory LicenseCategory { get; set; }
    public string LicenseName { get; set; } = "";
    public string? LicenseUrl { get; set; }
    public bool EulaRequired { get; set; }
    public bool UseCaseFormRequired { get; set; }
    // Held as the output type's read-only lists, so every licence classified from the entry shares them (no copy per licence).
    public IReadOnlyList<LicenseRestriction> Restrictions { get; set => field = ValueList<LicenseRestriction>.From(value); } = ValueList<LicenseRestriction>.Empty;
    public IReadOnlyList<string> SourceUrls { get; set => field = ValueList<string>.From(value); } = ValueList<string>.Empty;
    public CatalogConfidence Confidence { get; set; }
    /// <summary>Lowest data retention mode the family runs under; null when none is documented.</summary>
    public DataRetentionMode? MinimumDataRetention { get; set; }
    /// <summary>Classifier-flagged traffic is retained whatever the mode.</summary>
    public bool FlaggedTrafficRetained { get; set; }
    public string? DataRetentionNote { get; set; }
    /// <summary>ACTIVE, LEGACY or RETIRED (null: ACTIVE).</summary>
    public string? LifecycleStatus { get; set; }
    public System.DateTime? EndOfLifeDate { get; set; }
    /// <summary>
    /// A provider-level rule ("anthropic."): the provider's usual category and terms for a model no family prefix
    /// matches. Such a match means the model's own terms were not reviewed.
    /// </summary>
    public bool IsProviderLevel => ModelIdPrefix.IndexOf('.') == ModelIdPrefix.Length - 1;
    /// <summary>"BuiltIn" or the file the entry came from.</summary>
    public string Source { get; set; } = "BuiltIn";
}
