using System.Collections;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Commands.Completion;

/// <summary>
/// Completes -ModelId with the model IDs of the live listings of this session (real, invocable IDs) first, then
/// the catalog's model-ID prefixes (which Get-BedrockModelLicense -Offline, wildcards and policies accept), then the
/// geographic prefixes of inference profiles ('us.', 'eu.', 'global.' …). After such a prefix ('us.anth') the same
/// IDs are offered as inference-profile IDs ('us.anthropic.claude-…').
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
        var ids = live.Concat(catalog.Entries.Select(e => e.ModelIdPrefix).OrderBy(p => p, StringComparer.Ordinal));
        var geos = ModelIdentifier.KnownProfilePrefixes.OrderBy(g => g, StringComparer.Ordinal).ToList();
        string? geo = ProfilePrefixOf(wordToComplete.Trim('\'', '"'));
        var candidates = geo == null
            ? ids.Concat(geos.Select(g => g + "."))
            : ids.Select(id => ProfilePrefixOf(id) == null ? geo + id : id);
        return CompletionText.Complete(candidates, wordToComplete, id =>
        {
            string bare = ProfilePrefixOf(id) is string g ? id.Substring(g.Length) : id;
            if (bare.Length == 0) return $"{id} — inference profiles that route within this geography (type on for the model)";
            var entry = catalog.FindEntry(bare) ?? catalog.Entries.FirstOrDefault(e => e.ModelIdPrefix == bare);
            string licence = entry == null ? "not in the licence catalog (Unknown)" : $"{entry.Provider} {entry.Family}: {entry.LicenseName} ({entry.LicenseCategory})";
            return live.Contains(id) ? $"{id} — {licence}; from a live listing" : $"{id} — {licence}";
        });
    }

    /// <summary>'us.' for 'us.anthropic…' (a known geographic prefix followed by a dot), else null.</summary>
    static string? ProfilePrefixOf(string id)
    {
        int dot = id.IndexOf('.');
        return dot > 0 && ModelIdentifier.KnownProfilePrefixes.Contains(id.Substring(0, dot)) ? id.Substring(0, dot + 1) : null;
    }
}
