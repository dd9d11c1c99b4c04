using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Policy;

namespace BedrockCompliance.Commands;

/// <summary>
/// Checks models against an organisation's licence policy file and gives one verdict per model
/// (Allowed / Denied / NeedsReview) with every reason. See docs/licence-policy.md.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "BedrockModelLicense", DefaultParameterSetName = LicenseSet)]
[OutputType(typeof(BedrockModelPolicyVerdict))]
public sealed class TestBedrockModelLicenseCommand : PSCmdlet, IDisposable, IDynamicParameters
{
    const string LicenseSet = "License";
    const string ModelIdSet = "ModelId";

    readonly EvidenceParameters _recording = new EvidenceParameters();
    readonly CatalogParameters _catalogPath = new CatalogParameters();
    DynamicParameterGroups? _dynamic;

    // -EvidencePath, -CorrelationId, -RetentionDays, -RetentionMode for -RecordEvidence; -CatalogPath with -ModelId.
    DynamicParameterGroups Dynamic => _dynamic ??= new DynamicParameterGroups().Add(_recording).Add(_catalogPath, parameterSetName: ModelIdSet);

    EvidenceParameters Recording => Dynamic.Bound(_recording);

    /// <inheritdoc />
    public object? GetDynamicParameters() => Dynamic.Offered;

    /// <summary>Licence objects from Get-BedrockModelLicense (offline or live).</summary>
    [Parameter(Mandatory = true, ParameterSetName = LicenseSet, ValueFromPipeline = true)]
    [Alias("InputObject")]
    public BedrockModelLicense[]? License { get; set; }

    /// <summary>Model IDs, inference-profile IDs or ARNs, classified with the catalog (-CatalogPath).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ModelIdSet, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelIdentifier", "ModelArn")]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(Completion.ModelIdCompleter))]
    public string[]? ModelId { get; set; }

    /// <summary>The licence policy JSON file.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("PolicyPath")]
    [ValidateNotNullOrEmpty]
    public string Policy { get; set; } = "";

    /// <summary>Judge approval expiry as of this date instead of now (what-if / audits of past decisions).</summary>
    [Parameter]
    public DateTime? AsOf { get; set; }

    /// <summary>Record each verdict as a LicenseReviewed evidence record (the review itself becomes evidence).</summary>
    [Parameter]
    public SwitchParameter RecordEvidence { get; set; }

    PolicyEvaluator? _evaluator;
    LicenseReviewRecorder? _reviews;
    LicenseCatalog _catalog = LicenseCatalog.Default;

    protected override void BeginProcessing()
    {
        _evaluator = InputFiles.LoadPolicy(this, Policy, AsOf);
        if (ParameterSetName == ModelIdSet)
            _catalog = InputFiles.LoadCatalog(this, Dynamic.Bound(_catalogPath));
        if (RecordEvidence)
            _reviews = new LicenseReviewRecorder(EvidenceSession.Open(this, Recording, indexAgreements: false, CancellationToken.None).Ledger);
        else if (Recording.EvidencePath != null || Recording.CorrelationId != null)
            WriteWarning("-EvidencePath and -CorrelationId take effect only with -RecordEvidence; nothing is recorded.");
    }

    protected override void EndProcessing()
    {
        if (_reviews == null) return;
        _reviews.Flush(CancellationToken.None);
        WriteVerbose($"Recorded {_reviews.Recorded} LicenseReviewed evidence record(s).");
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == LicenseSet)
        {
            foreach (var license in License ?? Array.Empty<BedrockModelLicense>())
            {
                if (license == null) continue;
                Write(_evaluator!.Evaluate(license));
            }
            return;
        }
        foreach (var id in ModelId ?? Array.Empty<string>())
        {
            BedrockModelLicense license;
            try { license = _catalog.Classify(id); }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecordFactory.InvalidModelId(ex, id));
                continue;
            }
            Write(_evaluator!.Evaluate(license));
        }
    }

    void Write(BedrockModelPolicyVerdict verdict)
    {
        WriteVerbose($"{verdict.ModelId}: {verdict.Verdict} ({verdict.ReasonCodes}).");
        _reviews?.Add(verdict, CancellationToken.None);
        WriteObject(verdict);
    }

    /// <summary>A stopped pipeline (Ctrl+C, a downstream error) still records the verdicts already written out.</summary>
    public void Dispose() => _reviews?.Flush(CancellationToken.None);
}
