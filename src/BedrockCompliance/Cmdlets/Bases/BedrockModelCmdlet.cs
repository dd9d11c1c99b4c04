using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Commands.Bases;

/// <summary>
/// Base of cmdlets that act on named models in accounts: -ModelId from the pipeline (IDs, profile IDs, ARNs, or
/// BedrockModelLicense objects by property name, which also carry their account context and region), the
/// licence catalog (-CatalogPath, from the base), and per-model non-terminating errors that name model, account and region.
/// </summary>
public abstract class BedrockModelCmdlet : BedrockAwsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ModelIdentifier", "ModelArn")]
    [AllowEmptyString]
    [ArgumentCompleter(typeof(Completion.ModelIdCompleter))]
    public string[] ModelId { get; set; } = Array.Empty<string>();

    private protected override bool ReadsCatalog => true;

    private protected override bool RunWhenNothingEnqueued => false;

    private protected override string ItemNoun => "models";

    private protected override void OnInput()
    {
        if (IsPipedContextText(ModelId)) return; // a context piped in without -ModelId: nothing to do for it
        foreach (var id in ModelId)
        {
            try
            {
                Enqueue(ModelIdentifier.ToFoundationModelId(id, Catalog.IsKnownProvider));
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecordFactory.InvalidModelId(ex, id));
            }
        }
    }

    /// <summary>Runs <paramref name="perModel"/> for each distinct model filed for a target, one after another; a failing model costs only itself.</summary>
    private protected async Task ForEachModelAsync(TargetServices services, IReadOnlyList<object?> items, Func<string, Task> perModel, CancellationToken ct)
    {
        var target = services.Target;
        foreach (var modelId in items.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                await perModel(modelId).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested) && !(ex is PipelineStoppedException))
            {
                Pump.WriteError(ErrorRecordFactory.ForModel(ex, modelId, target.Context != null ? target.Label : null));
            }
            ItemDone();
        }
    }
}
