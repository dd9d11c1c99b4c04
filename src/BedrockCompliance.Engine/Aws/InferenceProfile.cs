namespace BedrockCompliance.Engine.Aws;

/// <summary>An inference profile and the Regions it routes to (the Region fields of models[].modelArn).</summary>
/// <param name="Type">SYSTEM_DEFINED or APPLICATION.</param>
internal sealed record InferenceProfile(string Id, IReadOnlyList<string> ModelArns, string? Arn = null, string? Name = null, string? Type = null, string? Status = null)
{
    /// <summary>Destination Regions named by the model ARNs (a Region-less ARN adds nothing).</summary>
    public IReadOnlyList<string> DestinationRegions()
    {
        var regions = new List<string>();
        foreach (var arn in ModelArns)
        {
            var parts = arn.Split(':');
            if (parts.Length > 3 && parts[3].Length > 0 && !regions.Contains(parts[3])) regions.Add(parts[3]);
        }
        return regions;
    }

    /// <summary>The foundation-model IDs the profile wraps (the resource part after foundation-model/).</summary>
    public IReadOnlyList<string> ModelIds()
    {
        var ids = new List<string>();
        foreach (var arn in ModelArns)
        {
            int i = arn.IndexOf("foundation-model/", System.StringComparison.Ordinal);
            if (i >= 0 && !ids.Contains(arn.Substring(i + 17))) ids.Add(arn.Substring(i + 17));
        }
        return ids;
    }
}
