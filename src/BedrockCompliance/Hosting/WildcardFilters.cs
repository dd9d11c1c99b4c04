namespace BedrockCompliance.Commands.Hosting;

/// <summary>
/// Filter parameters that take wildcards are checked before any work: a malformed pattern ('meta[') is a clear
/// argument error (InvalidWildcardPattern, naming the parameter and the value), not a RuntimeException from deep
/// inside a match.
/// </summary>
internal static class WildcardFilters
{
    /// <summary>The first malformed pattern among <paramref name="patterns"/>, or null when all are usable.</summary>
    public static string? FirstInvalid(IEnumerable<string?>? patterns)
    {
        if (patterns == null) return null;
        foreach (var p in patterns)
        {
            if (p == null || !WildcardPattern.ContainsWildcardCharacters(p)) continue;
            try { new WildcardPattern(p, WildcardOptions.IgnoreCase).IsMatch(""); }
            catch (WildcardPatternException) { return p; }
        }
        return null;
    }

    /// <summary>Stops the command with InvalidWildcardPattern when a pattern of <paramref name="parameter"/> is malformed.</summary>
    public static void Require(PSCmdlet cmdlet, string parameter, IEnumerable<string?>? patterns)
    {
        if (FirstInvalid(patterns) is { } bad) cmdlet.ThrowTerminatingError(Invalid(parameter, bad));
    }

    public static ErrorRecord Invalid(string parameter, string pattern) => new ErrorRecord(
        new ArgumentException($"-{parameter} '{pattern}' is not a valid wildcard pattern: close each '[' range, or escape wildcard characters with a backtick (`[, `*, `?)."),
        "InvalidWildcardPattern", ErrorCategory.InvalidArgument, pattern);
}
