using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Commands.Infrastructure
{
    /// <summary>
    /// Base of cmdlets that act on named models in accounts: -ModelId from the pipeline (IDs, profile IDs, ARNs, or
    /// BedrockModelLicense objects by property name, which also carry their account context and region), the
    /// licence catalog, and per-model non-terminating errors that name model, account and region.
    /// </summary>
    public abstract class BedrockModelCmdlet : BedrockAwsCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ModelIdentifier", "ModelArn")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(Completion.ModelIdCompleter))]
        public string[] ModelId { get; set; } = Array.Empty<string>();

        /// <summary>An organisation's catalog file overlaying the built-in one (default: $env:BEDROCK_COMPLIANCE_CATALOG).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? CatalogPath { get; set; }

        private protected LicenseCatalog Catalog { get; private set; } = LicenseCatalog.Default;

        /// <summary>Progress title, e.g. "Accepting model agreements".</summary>
        private protected abstract string Activity { get; }

        /// <summary>The cmdlet's work in one account and region for the models filed there.</summary>
        private protected abstract Task RunAsync(AccountTarget target, IReadOnlyList<object?> items, PipelinePump pump, CancellationToken ct);

        protected override void BeginProcessing()
        {
            try
            {
                Catalog = LicenseCatalog.Resolve(CatalogPath == null ? null : GetUnresolvedProviderPathFromPSPath(CatalogPath));
            }
            catch (CatalogFormatException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidCatalog(ex, CatalogPath));
            }
        }

        protected override void ProcessRecord()
        {
            if (IsPipedContextText(ModelId)) return; // a context piped in without -ModelId: nothing to do for it
            foreach (var id in ModelId)
            {
                try
                {
                    AddWork(ModelIdentifier.ToFoundationModelId(id, Catalog.IsKnownProvider));
                }
                catch (ArgumentException ex)
                {
                    WriteError(ErrorRecords.InvalidModelId(ex, id));
                }
            }
            DispatchContextWork(Activity, RunAsync);
        }

        protected override void EndProcessing() => ForEachTarget(Activity, RunAsync, runWhenNothingFiled: false);

        /// <summary>Runs <paramref name="perModel"/> for each distinct model filed for a target, one after another; a failing model costs only itself.</summary>
        private protected static async Task ForEachModelAsync(AccountTarget target, IReadOnlyList<object?> items, PipelinePump pump,
            Func<string, Task> perModel, CancellationToken ct)
        {
            foreach (var modelId in items.OfType<string>().Distinct(StringComparer.Ordinal))
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    await perModel(modelId).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested) && !(ex is PipelineStoppedException))
                {
                    var record = AwsErrorRecords.From(ex, modelId);
                    if (target.Context != null) record.ErrorDetails = new ErrorDetails($"{target.Label}: {ex.Message}");
                    pump.WriteError(record);
                }
            }
        }
    }
}
