namespace BedrockCompliance;

/// <summary>
/// The licence of one Bedrock model, from the catalog; the live fields are filled when the
/// object comes from an account (Get-BedrockModelLicense without -Offline).
/// </summary>
public sealed class BedrockModelLicense : IAccountScoped
{
    public string ModelId { get; set; } = "";
    public string? Provider { get; set; }
    public string? Family { get; set; }
    public LicenseCategory LicenseCategory { get; set; }
    public string? LicenseName { get; set; }
    public string? LicenseUrl { get; set; }
    public bool EulaRequired { get; set; }
    public bool UseCaseFormRequired { get; set; }
    public IReadOnlyList<LicenseRestriction> Restrictions { get; set => field = ValueList<LicenseRestriction>.From(value); } = ValueList<LicenseRestriction>.Empty;
    public CatalogConfidence Confidence { get; set; }
    public IReadOnlyList<string> SourceUrls { get; set => field = ValueList<string>.From(value); } = ValueList<string>.Empty;
    /// <summary>The catalog prefix that matched, or null for an unknown model.</summary>
    public string? MatchedPrefix { get; set; }
    /// <summary>
    /// How the catalog knew the model: "Family" (a reviewed family prefix), "Provider" (only the provider's usual
    /// terms; TERMS_NOT_REVIEWED is set, what Legal should review next) or "None" (Unknown).
    /// </summary>
    public string MatchLevel { get; set; } = "None";
    /// <summary>"BuiltIn" or the path of the organisation's catalog file that supplied the entry.</summary>
    public string CatalogSource { get; set; } = "BuiltIn";
    /// <summary>The lowest data retention mode the model runs under (null: no requirement documented, i.e. any mode).</summary>
    public DataRetentionMode? MinimumDataRetention { get; set; }
    /// <summary>Classifier-flagged traffic is retained whatever the mode (abuse detection), e.g. OpenAI GPT-5.x.</summary>
    public bool FlaggedTrafficRetained { get; set; }
    /// <summary>What the provider's documentation says about retention of this model, in a sentence; null when nothing is documented.</summary>
    public string? DataRetentionNote { get; set; }
    /// <summary>Catalog lifecycle (ACTIVE, LEGACY, RETIRED); a live listing overrides it with the account's status.</summary>
    public string? CatalogLifecycleStatus { get; set; }
    /// <summary>The documented end-of-life date (UTC date), from the catalog or the live listing.</summary>
    public DateTime? EndOfLifeDate { get; set; }
    /// <summary><see cref="EndOfLifeDate"/> as ISO-8601 (yyyy-MM-dd), the same in every culture (Export-Csv).</summary>
    public string? EndOfLifeDateIso => IsoText.Date(EndOfLifeDate);

    // Live fields (null offline).
    public string? AccountId { get; set; }
    public string? Region { get; set; }
    public string? ModelArn { get; set; }
    public string? ModelName { get; set; }
    /// <summary>The account's modelLifecycle.status (ACTIVE, LEGACY); null offline, see <see cref="CatalogLifecycleStatus"/>.</summary>
    public string? LifecycleStatus { get; set; }
    public string? AgreementStatus { get; set; }
    public string? AgreementErrorMessage { get; set; }
    public string? AuthorizationStatus { get; set; }
    public string? EntitlementAvailability { get; set; }
    public string? RegionAvailability { get; set; }
    public IReadOnlyList<string> InputModalities { get; set => field = ValueList<string>.From(value); } = ValueList<string>.Empty;
    public IReadOnlyList<string> OutputModalities { get; set => field = ValueList<string>.From(value); } = ValueList<string>.Empty;
    public IReadOnlyList<string> InferenceTypesSupported { get; set => field = ValueList<string>.From(value); } = ValueList<string>.Empty;
    /// <summary>The account context the live fields came from, so the object pipes on to the same account.</summary>
    public BedrockAccountContext? Context { get; set; }

    /// <summary>Restriction codes joined, for tables and CSV.</summary>
    public string RestrictionCodes => string.Join(";", Restrictions.Select(r => r.Code));

    public override string ToString() => ModelId;
}
