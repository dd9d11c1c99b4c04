using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Commands
{
    /// <summary>
    /// Which licence each Bedrock model carries and what it forbids. -Offline answers from the catalog only.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "BedrockModelLicense", DefaultParameterSetName = OfflineSet)]
    [OutputType(typeof(BedrockModelLicense))]
    public sealed class GetBedrockModelLicenseCommand : PSCmdlet
    {
        const string OfflineSet = "Offline";

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

        [Parameter(ParameterSetName = OfflineSet)]
        public SwitchParameter Offline { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CatalogPath { get; set; }

        LicenseCatalog _catalog = LicenseCatalog.Default;
        bool _sawModelId;

        protected override void BeginProcessing()
        {
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
                    var pattern = new WildcardPattern(id, WildcardOptions.IgnoreCase);
                    foreach (var entry in _catalog.Entries.Where(e => pattern.IsMatch(e.ModelIdPrefix)))
                        WriteIfSelected(LicenseCatalog.FromEntry(entry, entry.ModelIdPrefix));
                    continue;
                }
                BedrockModelLicense license;
                try
                {
                    license = _catalog.Classify(id!);
                }
                catch (ArgumentException ex)
                {
                    WriteError(ErrorRecords.InvalidModelId(ex, id));
                    continue;
                }
                if (license.LicenseCategory == LicenseCategory.Unknown)
                    WriteVerbose($"'{license.ModelId}' is not in the licence catalog: category Unknown, restriction {LicenseCatalog.NotReviewedCode}.");
                WriteIfSelected(license);
            }
        }

        protected override void EndProcessing()
        {
            if (_sawModelId) return;
            foreach (var entry in _catalog.Entries)
                WriteIfSelected(LicenseCatalog.FromEntry(entry, entry.ModelIdPrefix));
        }

        void WriteIfSelected(BedrockModelLicense license)
        {
            if (Category != null && !Category.Contains(license.LicenseCategory)) return;
            // "Meta", "Mistral AI" or the ID's own provider segment ("mistral") all match.
            string? segment = license.ModelId.IndexOf('.') > 0 ? license.ModelId.Substring(0, license.ModelId.IndexOf('.')) : null;
            if (Provider != null && !MatchesAny(Provider, license.Provider) && !MatchesAny(Provider, segment)) return;
            WriteObject(license);
        }

        static bool MatchesAny(IEnumerable<string> patterns, string? value) =>
            value != null && patterns.Any(p => new WildcardPattern(p, WildcardOptions.IgnoreCase).IsMatch(value));
    }
}
