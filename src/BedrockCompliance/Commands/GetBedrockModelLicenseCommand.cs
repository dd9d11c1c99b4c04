using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BedrockCompliance.Commands.Infrastructure;
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
        public string[]? ModelId { get; set; }

        [Parameter]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
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

        /// <summary>How many availability calls run at once.</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CatalogPath { get; set; }

        LicenseCatalog _catalog = LicenseCatalog.Default;
        readonly List<string> _selectors = new List<string>();
        bool _sawModelId;

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
            if (ModelId == null || !MyInvocation.BoundParameters.ContainsKey(nameof(ModelId))) return;
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
                    else _selectors.Add(id);
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
                    else _selectors.Add(ModelIdentifier.ToFoundationModelId(id!, _catalog.IsKnownProvider));
                }
                catch (ArgumentException ex)
                {
                    WriteError(ErrorRecords.InvalidModelId(ex, id));
                }
            }
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
            if (_sawModelId && _selectors.Count == 0) return; // every ID was invalid; errors already written

            var connection = ResolveConnection();
            var query = new LiveLicenseQuery
            {
                ModelSelectors = _selectors,
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
            RunPumped((pump, ct) =>
            {
                var sender = new AwsHttpSender(connection) { Trace = pump.WriteDebug };
                var lister = new LiveLicenseLister(new BedrockClient(sender), new StsClient(connection), _catalog);
                return ListAsync(lister, query, new Sink(pump, connection.Region), pump, ct);
            });
        }

        static async Task ListAsync(LiveLicenseLister lister, LiveLicenseQuery query, Sink sink, PipelinePump pump, CancellationToken ct)
        {
            try
            {
                await lister.ListAsync(query, sink, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                // The listing itself failed (access denied, throttled after retries …): one error for the account and region.
                pump.WriteError(AwsErrorRecords.From(ex, sink.Region));
            }
            finally
            {
                pump.WriteProgress(new ProgressRecord(1, "Reading model availability", "Done") { RecordType = ProgressRecordType.Completed });
            }
        }

        sealed class Sink : ILicenseListSink
        {
            readonly PipelinePump _pump;
            public Sink(PipelinePump pump, string region) { _pump = pump; Region = region; }
            public string Region { get; }
            public void Result(BedrockModelLicense license) => _pump.WriteObject(license);
            public void ModelError(string modelId, Exception error) => _pump.WriteError(AwsErrorRecords.From(error, modelId));
            public void Verbose(string message) => _pump.WriteVerbose(message);
            public void Progress(int done, int total) =>
                _pump.WriteProgress(new ProgressRecord(1, "Reading model availability", $"{done} of {total} models in {Region}")
                { PercentComplete = total == 0 ? 100 : done * 100 / total });
        }

        void WriteIfSelected(BedrockModelLicense license)
        {
            if (IsSelected(license)) WriteObject(license);
        }

        bool IsSelected(BedrockModelLicense license)
        {
            if (Category != null && !Category.Contains(license.LicenseCategory)) return false;
            // "Meta", "Mistral AI" or the ID's own provider segment ("mistral") all match.
            string? segment = license.ModelId.IndexOf('.') > 0 ? license.ModelId.Substring(0, license.ModelId.IndexOf('.')) : null;
            return Provider == null || MatchesAny(Provider, license.Provider) || MatchesAny(Provider, segment);
        }

        static bool MatchesAny(IEnumerable<string> patterns, string? value) =>
            value != null && patterns.Any(p => new WildcardPattern(p, WildcardOptions.IgnoreCase).IsMatch(value));
    }
}
