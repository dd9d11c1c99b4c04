namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// System-defined cross-Region inference profile prefixes and the Regions a request may be processed in
/// (reference bedrock-privacy-2026.md §5.2; us./global. [C], the rest [L] from aws-cdk). Used for data
/// residency: a prefix is within an allowed-Region list only when every destination is in it. The safe
/// readings: <c>global.</c> means any commercial Region, so it is outside every list; us-west-1 (a destination
/// only when called from there) counts for <c>us.</c>. A <c>us.</c> call from a Canadian Region also routes there;
/// the Region statement denies any call whose source Region is not allowed, which covers that case.
/// </summary>
internal static class CrossRegionProfiles
{
    /// <summary>The prefix of global profiles; IAM sees their Region-less leg with aws:RequestedRegion = "unspecified".</summary>
    public const string GlobalPrefix = "global";
    public const string UnspecifiedRegion = "unspecified";

    static readonly (string Prefix, string[] Destinations)[] Table =
    {
        ("us", new[] { "us-east-1", "us-east-2", "us-west-1", "us-west-2" }),
        ("eu", new[] { "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3" }),
        ("apac", new[] { "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1",
                         "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "me-central-1" }),
        ("jp", new[] { "ap-northeast-1", "ap-northeast-3" }),
        ("au", new[] { "ap-southeast-2", "ap-southeast-4" }),
        ("us-gov", new[] { "us-gov-east-1", "us-gov-west-1" }),
    };

    /// <summary>Every known prefix, global included.</summary>
    public static IReadOnlyList<string> Prefixes { get; } = Table.Select(t => t.Prefix).Concat(new[] { GlobalPrefix }).ToList();

    /// <summary>Destination Regions of a geographic prefix; null for global (any Region) and for unknown prefixes.</summary>
    public static IReadOnlyList<string>? DestinationsOf(string prefix) =>
        Table.Where(t => string.Equals(t.Prefix, prefix, StringComparison.Ordinal)).Select(t => (IReadOnlyList<string>)t.Destinations).FirstOrDefault();

    /// <summary>Prefixes whose every destination is in <paramref name="allowedRegions"/> (never global, never an unknown prefix).</summary>
    public static IReadOnlyList<string> PrefixesWithin(IReadOnlyCollection<string> allowedRegions) =>
        Table.Where(t => t.Destinations.All(allowedRegions.Contains)).Select(t => t.Prefix).ToList();
}
