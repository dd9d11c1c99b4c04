using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Licenses;

namespace BedrockCompliance.Commands;

/// <summary>
/// Which licence each Bedrock model carries and what it forbids. Live (default): the models an account sees
/// in a region, with their agreement and authorization state. -Offline: the catalog only, no AWS call.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BedrockModelLicense", DefaultParameterSetName = LiveSet)]
[OutputType(typeof(BedrockModelLicense))]
public sealed class GetBedrockModelLicenseCommand : BedrockAwsCmdlet
{
    const string OfflineSet = "Offline";
    const string LiveSet = "Live";

    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelIdentifier", "ModelArn")]
    [SupportsWildcards]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(Completion.ModelIdCompleter))]
    public string[]? ModelId { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.ProviderCompleter))]
    public string[]? Provider { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("LicenseCategory")]
    public LicenseCategory[]? Category { get; set; }

    [Parameter(ParameterSetName = OfflineSet, Mandatory = true)]
    public SwitchParameter Offline { get; set; }

    /// <summary>Passed to ListFoundationModels as byOutputModality.</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [ValidateSet("TEXT", "IMAGE", "EMBEDDING", "VIDEO", "SPEECH", "AUDIO", IgnoreCase = true)]
    public string? OutputModality { get; set; }

    /// <summary>Passed to ListFoundationModels as byInferenceType.</summary>
    [Parameter(ParameterSetName = LiveSet)]
    [ValidateSet("ON_DEMAND", "PROVISIONED", IgnoreCase = true)]
    public string? InferenceType { get; set; }

    private protected override bool ReadsCatalog => true;

    bool _sawModelId, _anyValidId;

    protected override void BeginProcessing()
    {
        WildcardFilters.Require(this, nameof(Provider), Provider);
        if (Offline && (Region != null || ProfileName != null || EndpointUrl != null || Credential != null || AccessKey != null))
            ThrowTerminatingError(ErrorRecordFactory.OfflineWithConnection());
        base.BeginProcessing();
    }

    private protected override void OnInput()
    {
        if (ModelId == null || !MyInvocation.BoundParameters.ContainsKey(nameof(ModelId)) || IsPipedContextText(ModelId))
        {
            if (!Offline) Enqueue(null); // a context or region alone: every model there
            return;
        }
        _sawModelId = true;
        foreach (var id in ModelId)
        {
            if (id != null && ModelIdentifier.HasWildcard(id))
            {
                if (WildcardFilters.FirstInvalid(new[] { id }) != null)
                {
                    WriteError(WildcardFilters.Invalid(nameof(ModelId), id));
                    continue;
                }
                if (Offline)
                {
                    var pattern = new WildcardPattern(id, WildcardOptions.IgnoreCase);
                    foreach (var entry in Catalog.Entries.Where(e => pattern.IsMatch(e.ModelIdPrefix)))
                        WriteIfSelected(LicenseCatalog.FromEntry(entry, entry.ModelIdPrefix));
                }
                else { Enqueue(id); _anyValidId = true; }
                continue;
            }
            try
            {
                if (Offline)
                {
                    var license = Catalog.Classify(id!);
                    if (license.LicenseCategory == LicenseCategory.Unknown)
                        WriteVerbose($"'{license.ModelId}' is not in the licence catalog: category Unknown, restriction {LicenseCatalog.NotReviewedCode}.");
                    WriteIfSelected(license);
                }
                else { Enqueue(ModelIdentifier.ToFoundationModelId(id!, Catalog.IsKnownProvider)); _anyValidId = true; }
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecordFactory.InvalidModelId(ex, id));
            }
        }
    }

    private protected override bool OnEndOfInput()
    {
        if (Offline)
        {
            if (_sawModelId) return false;
            foreach (var entry in Catalog.Entries)
                WriteIfSelected(LicenseCatalog.FromEntry(entry, entry.ModelIdPrefix));
            return false;
        }
        return !(_sawModelId && !_anyValidId); // every ID was invalid: errors already written, nothing to list
    }

    private protected override string Activity => "Reading model licences";

    private protected override Task RunForTargetAsync(TargetServices services, IReadOnlyList<object?> items, CancellationToken ct)
    {
        var query = new LiveLicenseQuery
        {
            // A null item means "every model" for that target.
            ModelSelectors = items.Contains(null) ? Array.Empty<string>() : items.Cast<string>().Distinct().ToList(),
            ThrottleLimit = ThrottleLimit,
            Filter = new ListFoundationModelsFilter
            {
                // One plain provider name is filtered server-side too; patterns are filtered here.
                ByProvider = Provider is { Length: 1 } p && !WildcardPattern.ContainsWildcardCharacters(p[0]) ? p[0] : null,
                ByOutputModality = OutputModality?.ToUpperInvariant(),
                ByInferenceType = InferenceType?.ToUpperInvariant(),
            },
            Include = IsSelected,
            WildcardMatch = (pattern, value) => new WildcardPattern(pattern, WildcardOptions.IgnoreCase).IsMatch(value),
            Listed = Completion.RecentModelIds.Remember, // for -ModelId tab completion
        };
        var lister = new LiveLicenseLister(services.Bedrock, services.Sts, Catalog);
        return lister.ListAsync(query, new LicenseListSink(Pump, services, Emit, showProgress: !HasManyTargets,
            // Named models are counted as filed; a whole listing counts the models it finds.
            items.Contains(null) ? Progress : null), ct);
    }

    void WriteIfSelected(BedrockModelLicense license)
    {
        if (IsSelected(license)) WriteObject(license);
    }

    bool IsSelected(BedrockModelLicense license)
    {
        if (Category != null && !Category.Contains(license.LicenseCategory)) return false;
        // "Meta", "Mistral AI" or the ID's own provider segment ("mistral") all match.
        string? segment = ModelIdentifier.ProviderSegment(license.ModelId);
        return Provider == null || MatchesAny(Provider, license.Provider) || MatchesAny(Provider, segment);
    }

    static bool MatchesAny(IEnumerable<string> patterns, string? value) =>
        value != null && patterns.Any(p => new WildcardPattern(p, WildcardOptions.IgnoreCase).IsMatch(value));
}
