using System.Collections;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Commands.Completion;

/// <summary>
/// Completes -Provider with the catalog's provider names ('Meta', 'Mistral AI' — quoted when needed), plus the
/// provider segment of live model IDs the catalog does not know, since -Provider matches either.
/// </summary>
public sealed class ProviderCompleter : SafeCompleter
{
    protected override IEnumerable<CompletionResult> Complete(string wordToComplete) => CompletionText.Complete(Providers(), wordToComplete);

    static IEnumerable<string> Providers()
    {
        LicenseCatalog catalog;
        try { catalog = LicenseCatalog.Resolve(null); }
        catch (CatalogFormatException) { catalog = LicenseCatalog.Default; }
        var names = catalog.Entries.Select(e => e.Provider).Where(p => !string.IsNullOrWhiteSpace(p))
            .Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(p => p, StringComparer.OrdinalIgnoreCase).ToList();
        var unknownSegments = RecentModelIds.Snapshot()
            .Select(ModelIdentifier.ProviderSegment)
            .Where(s => s != null && !catalog.IsKnownProvider(s!))
            .Select(s => s!)
            .Distinct(StringComparer.OrdinalIgnoreCase);
        return names.Concat(unknownSegments);
    }
}
