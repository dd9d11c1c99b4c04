using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands.Completion;

/// <summary>
/// Completes data-residency lists (-AllowedRegion): the Regions AWS has, then one wildcard per geography
/// ('eu-*', 'us-*' …), which the residency checks accept.
/// </summary>
public sealed class AllowedRegionCompleter : SafeCompleter
{
    protected override IEnumerable<CompletionResult> Complete(string wordToComplete)
    {
        var regions = AwsRegions.Names();
        var geographies = regions.Select(r => r.Split('-')[0]).Where(g => g.Length > 0).Distinct(StringComparer.Ordinal)
            .OrderBy(g => g, StringComparer.Ordinal).Select(g => g + "-*");
        return CompletionText.Complete(regions.Concat(geographies), wordToComplete,
            r => r.EndsWith("*", StringComparison.Ordinal) ? $"{r} — every Region whose name starts with '{r.TrimEnd('*')}'" : r);
    }
}
