using System.Collections;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Commands.Completion;

/// <summary>
/// Completes -ModelId with the model IDs of the live listings of this session (real, invocable IDs) first, then
/// the catalog's model-ID prefixes (which Get-BedrockModelLicense -Offline, wildcards and policies accept).
/// The tooltip names the licence, so Tab already tells an admin what they are about to pick.
/// </summary>
public sealed class ModelIdCompleter : SafeCompleter
{
    protected override IEnumerable<CompletionResult> Complete(string wordToComplete)
    {
        LicenseCatalog catalog;
        try { catalog = LicenseCatalog.Resolve(null); }
        catch (CatalogFormatException) { catalog = LicenseCatalog.Default; }
        var live = RecentModelIds.Snapshot();
        var candidates = live.Concat(catalog.Entries.Select(e => e.ModelIdPrefix).OrderBy(p => p, StringComparer.Ordinal));
        return CompletionText.Complete(candidates, wordToComplete, id =>
        {
            var entry = catalog.FindEntry(id) ?? catalog.Entries.FirstOrDefault(e => e.ModelIdPrefix == id);
            string licence = entry == null ? "not in the licence catalog (Unknown)" : $"{entry.Provider} {entry.Family}: {entry.LicenseName} ({entry.LicenseCategory})";
            return live.Contains(id) ? $"{id} — {licence}; from a live listing" : $"{id} — {licence}";
        });
    }
}
