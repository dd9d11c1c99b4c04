namespace BedrockCompliance.Engine.Catalog;

/// <summary>
/// The licence catalog: the built-in entries (from the researched model-licenses.json) overlaid by an
/// organisation's own file. Lookup takes the longest matching model-ID prefix.
/// </summary>
internal sealed class LicenseCatalog
{
    public const string EnvironmentVariable = "BEDROCK_COMPLIANCE_CATALOG";
    public const string NotReviewedCode = "TERMS_NOT_REVIEWED";

    static readonly Lazy<IReadOnlyList<CatalogEntry>> BuiltIn = new Lazy<IReadOnlyList<CatalogEntry>>(LoadBuiltIn);
    static readonly object CacheLock = new object();
    static (string Path, DateTime Stamp, long Length, LicenseCatalog Catalog)? _cached;

    readonly List<CatalogEntry> _byLengthDesc;
    readonly HashSet<string> _providers;
    // Provider segment -> provider name, and provider name -> provider-level rule (for live providerName).
    readonly Dictionary<string, string> _providerNames;
    readonly Dictionary<string, CatalogEntry> _providerRules;

    LicenseCatalog(IEnumerable<CatalogEntry> entries, string? overridePath)
    {
        Entries = entries.OrderBy(e => e.ModelIdPrefix, StringComparer.Ordinal).ToList();
        _byLengthDesc = Entries.OrderByDescending(e => e.ModelIdPrefix.Length).ToList();
        _providers = new HashSet<string>(Entries.Select(e => Segment(e.ModelIdPrefix)), StringComparer.Ordinal);
        _providerNames = new Dictionary<string, string>(StringComparer.Ordinal);
        _providerRules = new Dictionary<string, CatalogEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in Entries)
        {
            if (!_providerNames.ContainsKey(Segment(e.ModelIdPrefix))) _providerNames[Segment(e.ModelIdPrefix)] = e.Provider;
            if (e.IsProviderLevel) _providerRules[e.Provider] = e;
        }
        OverridePath = overridePath;
    }

    public IReadOnlyList<CatalogEntry> Entries { get; }
    public string? OverridePath { get; }

    /// <summary>The built-in catalog alone.</summary>
    public static LicenseCatalog Default { get; } = new LicenseCatalog(BuiltIn.Value, null);

    /// <summary>
    /// The catalog for a call: the explicit path, else BEDROCK_COMPLIANCE_CATALOG, else the built-in one.
    /// Throws <see cref="CatalogFormatException"/> for an unusable file.
    /// </summary>
    public static LicenseCatalog Resolve(string? catalogPath)
    {
        string? path = string.IsNullOrWhiteSpace(catalogPath) ? Environment.GetEnvironmentVariable(EnvironmentVariable) : catalogPath;
        if (string.IsNullOrWhiteSpace(path)) return Default;
        path = Path.GetFullPath(path);
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new CatalogFormatException(path, null, null, catalogPath == null
                ? $"the file named by {EnvironmentVariable} does not exist."
                : "the file does not exist.");
        lock (CacheLock)
        {
            if (_cached is { } c && c.Path == path && c.Stamp == info.LastWriteTimeUtc && c.Length == info.Length)
                return c.Catalog;
        }
        var catalog = WithOverrides(CatalogReader.ReadFile(path), path);
        lock (CacheLock) _cached = (path, info.LastWriteTimeUtc, info.Length, catalog);
        return catalog;
    }

    /// <summary>The built-in entries with <paramref name="overrides"/> replacing equal prefixes and adding new ones.</summary>
    public static LicenseCatalog WithOverrides(IEnumerable<CatalogEntry> overrides, string? overridePath)
    {
        var map = BuiltIn.Value.ToDictionary(e => e.ModelIdPrefix, StringComparer.Ordinal);
        foreach (var e in overrides) map[e.ModelIdPrefix] = e;
        return new LicenseCatalog(map.Values, overridePath);
    }

    public bool IsKnownProvider(string providerSegment) => _providers.Contains(providerSegment);

    // Out of ClassifyListed so its closure is not allocated on every call (the compiler creates it on entry).
    bool HasProvider(string providerName) => Entries.Any(e => string.Equals(e.Provider, providerName, StringComparison.OrdinalIgnoreCase));

    static string Segment(string id) => id.IndexOf('.') > 0 ? id.Substring(0, id.IndexOf('.')) : id;

    /// <summary>The provider-level rule for a provider name as ListFoundationModels spells it ("Anthropic"), or null.</summary>
    public CatalogEntry? FindProviderRule(string? providerName) =>
        providerName != null && _providerRules.TryGetValue(providerName.Trim(), out var e) ? e : null;

    /// <summary>The entry whose prefix is the longest match for a foundation-model ID, or null.</summary>
    public CatalogEntry? FindEntry(string foundationModelId)
    {
        // A loop, not FirstOrDefault with a lambda: this runs for every listed model, and the closure was one allocation each.
        foreach (var e in _byLengthDesc)
            if (foundationModelId.StartsWith(e.ModelIdPrefix, StringComparison.Ordinal)) return e;
        return null;
    }

    /// <summary>
    /// Classifies any identifier a user may hold (model ID, profile ID, ARN). Throws
    /// <see cref="ArgumentException"/> for input that is not a model identifier at all.
    /// </summary>
    public BedrockModelLicense Classify(string modelIdentifier)
    {
        string id = ModelIdentifier.ToFoundationModelId(modelIdentifier, IsKnownProvider);
        var entry = FindEntry(id);
        return entry == null ? Unknown(id, _providerNames.TryGetValue(Segment(id), out var name) ? name : null, known: name != null) : FromEntry(entry, id);
    }

    /// <summary>
    /// Classifies a model as ListFoundationModels lists it: by ID, and when no prefix matches, by the listing's
    /// providerName through the provider-level rules (a provider whose ID segment is new, e.g. a second one).
    /// </summary>
    public BedrockModelLicense ClassifyListed(string modelId, string? providerName)
    {
        var entry = FindEntry(modelId) ?? FindProviderRule(providerName);
        if (entry != null) return FromEntry(entry, modelId);
        bool known = _providerNames.ContainsKey(Segment(modelId)) || (providerName != null && HasProvider(providerName));
        return Unknown(modelId, providerName ?? (_providerNames.TryGetValue(Segment(modelId), out var n) ? n : null), known);
    }

    public static BedrockModelLicense FromEntry(CatalogEntry e, string modelId) => new BedrockModelLicense
    {
        ModelId = modelId,
        Provider = e.Provider,
        Family = e.Family,
        LicenseCategory = e.LicenseCategory,
        LicenseName = e.LicenseName,
        LicenseUrl = e.LicenseUrl,
        EulaRequired = e.EulaRequired,
        UseCaseFormRequired = e.UseCaseFormRequired,
        Restrictions = e.Restrictions,
        Confidence = e.Confidence,
        SourceUrls = e.SourceUrls,
        MatchedPrefix = e.ModelIdPrefix,
        MatchLevel = e.IsProviderLevel ? "Provider" : "Family",
        CatalogSource = e.Source,
        MinimumDataRetention = e.MinimumDataRetention,
        FlaggedTrafficRetained = e.FlaggedTrafficRetained,
        DataRetentionNote = e.DataRetentionNote,
        // LifecycleStatus stays the account's (live) value: offline, the policy must say the status is unknown.
        CatalogLifecycleStatus = e.LifecycleStatus ?? "ACTIVE",
        EndOfLifeDate = e.EndOfLifeDate,
    };

    // Immutable, so every unknown model's licence shares the one list.
    static readonly ValueList<LicenseRestriction> NotReviewed = ValueList<LicenseRestriction>.From(new[]
    {
        new LicenseRestriction(NotReviewedCode,
            "This model is not in the licence catalog, so its terms were not reviewed. Restrictions are unknown, not absent; review the licence and add the model to your catalog file (-CatalogPath / BEDROCK_COMPLIANCE_CATALOG)."),
    });

    /// <summary>
    /// An unknown model: never a permissive default. <paramref name="known"/>: the provider is in the catalog but has
    /// no provider-level rule, because its Bedrock models span categories (OpenAI, Mistral, Z.AI, Moonshot, ...).
    /// </summary>
    public static BedrockModelLicense Unknown(string modelId, string? providerName = null, bool known = false) => new BedrockModelLicense
    {
        ModelId = modelId,
        Provider = providerName ?? (modelId.IndexOf('.') > 0 ? modelId.Substring(0, modelId.IndexOf('.')) : null),
        Family = null,
        LicenseCategory = LicenseCategory.Unknown,
        LicenseName = known
            ? $"Not in the licence catalog; {providerName} offers models under different licence categories, so none is assumed: review the terms before use"
            : "Not in the licence catalog: review the terms before use",
        EulaRequired = true,
        UseCaseFormRequired = false,
        Restrictions = NotReviewed,
        Confidence = CatalogConfidence.None,
        CatalogSource = "None",
        MatchLevel = "None",
    };

    /// <summary>Compiled from model-licenses.json (tools/Update-BuiltInCatalog.ps1); a test keeps the two equal.</summary>
    static IReadOnlyList<CatalogEntry> LoadBuiltIn() => BuiltInCatalog.Create();
}
