using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BedrockCompliance.Commands.Infrastructure;
using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Licenses;

namespace BedrockCompliance.Commands
{
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

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CatalogPath { get; set; }

        LicenseCatalog _catalog = LicenseCatalog.Default;
        bool _sawModelId, _anyValidId;

        protected override void BeginProcessing()
        {
            if (Offline && (Region != null || ProfileName != null || EndpointUrl != null))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Offline makes no AWS call; drop -Region, -ProfileName and -EndpointUrl, or drop -Offline."),
                    "OfflineWithConnection", ErrorCategory.InvalidArgument, null));
            try
            {
                string? path = CatalogPath == null ? null : GetUnresolvedProviderPathFromPSPath(CatalogPath);
                _catalog = LicenseCatalog.Resolve(path);
                if (_catalog.OverridePath != null)
                    WriteVerbose($"Licence catalog: built-in entries overlaid by '{_catalog.OverridePath}'.");
            }
            catch (CatalogFormatException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidCatalog(ex, CatalogPath));
            }
        }

        protected override void ProcessRecord()
        {
            if (ModelId == null || !MyInvocation.BoundParameters.ContainsKey(nameof(ModelId)) || IsPipedContextText(ModelId))
            {
                if (!Offline)
                {
                    AddWork(null); // a context or region alone: every model there
                    DispatchContextWork(Activity, ListAsync);
                }
                return;
            }
            _sawModelId = true;
            foreach (var id in ModelId)
            {
                if (id != null && ModelIdentifier.HasWildcard(id))
                {
                    if (Offline)
                    {
                        var pattern = new WildcardPattern(id, WildcardOptions.IgnoreCase);
                        foreach (var entry in _catalog.Entries.Where(e => pattern.IsMatch(e.ModelIdPrefix)))
                            WriteIfSelected(LicenseCatalog.FromEntry(entry, entry.ModelIdPrefix));
                    }
                    else { AddWork(id); _anyValidId = true; }
                    continue;
                }
                try
                {
                    if (Offline)
                    {
                        var license = _catalog.Classify(id!);
                        if (license.LicenseCategory == LicenseCategory.Unknown)
                            WriteVerbose($"'{license.ModelId}' is not in the licence catalog: category Unknown, restriction {LicenseCatalog.NotReviewedCode}.");
                        WriteIfSelected(license);
                    }
                    else { AddWork(ModelIdentifier.ToFoundationModelId(id!, _catalog.IsKnownProvider)); _anyValidId = true; }
                }
                catch (ArgumentException ex)
                {
                    WriteError(ErrorRecords.InvalidModelId(ex, id));
                }
            }
            if (!Offline) DispatchContextWork(Activity, ListAsync);
        }

        protected override void EndProcessing()
        {
            if (Offline)
            {
                if (_sawModelId) return;
                foreach (var entry in _catalog.Entries)
                    WriteIfSelected(LicenseCatalog.FromEntry(entry, entry.ModelIdPrefix));
                return;
            }
            if (_sawModelId && !_anyValidId) return; // every ID was invalid; errors already written

            ForEachTarget(Activity, ListAsync);
        }

        const string Activity = "Reading model licences";

        Task ListAsync(AccountTarget target, IReadOnlyList<object?> items, PipelinePump pump, CancellationToken ct)
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
            };
            var sender = new AwsHttpSender(target.Connection) { Trace = pump.WriteDebug };
            var lister = new LiveLicenseLister(new BedrockClient(sender), new StsClient(target.Connection), _catalog);
            return lister.ListAsync(query, new Sink(pump, target, showProgress: !HasManyTargets), ct);
        }

        sealed class Sink : ILicenseListSink
        {
            readonly PipelinePump _pump;
            readonly AccountTarget _target;
            readonly bool _showProgress;

            public Sink(PipelinePump pump, AccountTarget target, bool showProgress) { _pump = pump; _target = target; _showProgress = showProgress; }

            public void Result(BedrockModelLicense license)
            {
                license.Context = _target.Context;
                _pump.WriteObject(license);
            }

            public void ModelError(string modelId, Exception error)
            {
                var record = AwsErrorRecords.From(error, modelId);
                if (_target.Context != null) record.ErrorDetails = new ErrorDetails($"{_target.Label}: {error.Message}");
                _pump.WriteError(record);
            }
            public void Verbose(string message) => _pump.WriteVerbose(_target.Context != null ? $"{_target.Label}: {message}" : message);

            public void Progress(int done, int total)
            {
                if (!_showProgress) return;
                _pump.WriteProgress(new ProgressRecord(1, "Reading model availability", $"{done} of {total} models in {_target.Label}")
                { PercentComplete = total == 0 ? 100 : done * 100 / total, RecordType = done == total ? ProgressRecordType.Completed : ProgressRecordType.Processing });
            }
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
}
