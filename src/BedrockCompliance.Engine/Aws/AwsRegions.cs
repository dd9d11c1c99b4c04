using System.Text.RegularExpressions;
using Amazon;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// The one home for region facts, read from AWSSDK.Core's endpoint table (<see cref="RegionEndpoint"/>): which
/// names are regions, their partition, DNS suffix and inference-profile geography. Plain strings, because the
/// cmdlet assembly must not touch AWSSDK types.
/// </summary>
internal static class AwsRegions
{
    /// <summary>
    /// The SDK's table, read once. <see cref="RegionEndpoint.GetBySystemName"/> adds any name it is asked about to
    /// that table, so facts about names not in it are answered from this snapshot and the partition patterns,
    /// never by asking the SDK (which would make an unknown name "known" for the rest of the process).
    /// </summary>
    sealed class Table
    {
        public Table()
        {
            var regions = RegionEndpoint.EnumerableAllRegions
                .Where(r => r.SystemName != null && r.DisplayName != "Unknown" && r.PartitionRegionRegex != null)
                .ToList();
            // Each partition's own region-name pattern, e.g. ^cn\-\w+\-\d+$ for aws-cn; the patterns do not overlap.
            Partitions = regions
                .GroupBy(r => r.PartitionName, StringComparer.Ordinal)
                .Select(g => (Name: g.Key, DnsSuffix: g.First().PartitionDnsSuffix, Pattern: new Regex(g.First().PartitionRegionRegex, RegexOptions.CultureInvariant)))
                .ToList();
            // The table also has endpoint variants ('us-east-1-regional', 'aws-global') that are no region name.
            Known = regions.Where(r => r.SystemName == r.SystemName.ToLowerInvariant() && Regex.IsMatch(r.SystemName, r.PartitionRegionRegex))
                .ToDictionary(r => r.SystemName, r => r, StringComparer.Ordinal);
            Names = Known.Keys.OrderBy(n => n, StringComparer.Ordinal).ToList();
        }

        public readonly IReadOnlyList<(string Name, string DnsSuffix, Regex Pattern)> Partitions;
        public readonly IReadOnlyDictionary<string, RegionEndpoint> Known;
        public readonly IReadOnlyList<string> Names;
    }

    static readonly Lazy<Table> Data = new Lazy<Table>(() => new Table());

    /// <summary>Every region name AWSSDK.Core knows, sorted (computed once per process).</summary>
    public static IReadOnlyList<string> Names() => Data.Value.Names;

    /// <summary>True for a region AWSSDK.Core knows (what a connection accepts).</summary>
    public static bool IsKnown(string? name) => name != null && Data.Value.Known.ContainsKey(name);

    /// <summary>
    /// True for a name shaped like a region of some partition (lower case), known or not yet known to this SDK:
    /// what policy files and records accept, so a region newer than the SDK is not refused there.
    /// </summary>
    public static bool IsRegionName(string? name) =>
        !string.IsNullOrEmpty(name) && name == name!.ToLowerInvariant() && FindPartition(name) != null;

    /// <summary>The partition ('aws', 'aws-cn', 'aws-us-gov', …) of a region; 'aws' when no partition's pattern matches.</summary>
    public static string PartitionOf(string region) =>
        Data.Value.Known.TryGetValue(region, out var r) ? r.PartitionName : FindPartition(region)?.Name ?? "aws";

    /// <summary>The partition's DNS suffix ('amazonaws.com', 'amazonaws.com.cn', …).</summary>
    public static string DnsSuffixOf(string region) =>
        Data.Value.Known.TryGetValue(region, out var r) ? r.PartitionDnsSuffix
        : FindPartition(region)?.DnsSuffix ?? Data.Value.Partitions.First(p => p.Name == "aws").DnsSuffix;

    /// <summary>
    /// The geographic prefix of the region's cross-region inference profiles ('us', 'us-gov', 'eu', 'apac'),
    /// 'global' where there is none. Bedrock's naming, not the SDK's: the SDK has no such table.
    /// </summary>
    public static string GeoPrefixOf(string region)
    {
        if (PartitionOf(region) == "aws-us-gov") return "us-gov";
        string area = region.Split('-')[0];
        return area switch
        {
            "us" or "ca" => "us",
            "eu" => "eu",
            "ap" => "apac",
            _ => "global",
        };
    }

    static (string Name, string DnsSuffix, Regex Pattern)? FindPartition(string region)
    {
        foreach (var p in Data.Value.Partitions)
            if (p.Pattern.IsMatch(region)) return p;
        return null;
    }
}
