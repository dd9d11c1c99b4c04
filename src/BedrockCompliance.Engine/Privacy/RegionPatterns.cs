using System.Text.RegularExpressions;

namespace BedrockCompliance.Engine.Privacy;

/// <summary>-AllowedRegion patterns: case-insensitive, * (any run) and ? (one character).</summary>
internal static class RegionPatterns
{
    public static bool Matches(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
