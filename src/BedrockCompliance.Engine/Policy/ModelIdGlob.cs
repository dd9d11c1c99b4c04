using System.Text.RegularExpressions;

namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// The engine's one glob: '*' = any run of characters (also none), '?' = exactly one character, everything
/// else literal, anchored on the whole value — the semantics IAM gives '*' and '?' in a Resource ARN.
/// Case-sensitive by default (policy-file model IDs: Bedrock model IDs are lower case); case-insensitive
/// on request (region lists such as -AllowedRegion).
/// </summary>
internal sealed class ModelIdGlob
{
    readonly Regex _regex;

    public ModelIdGlob(string pattern, bool ignoreCase = false)
    {
        Pattern = pattern ?? throw new ArgumentNullException(nameof(pattern));
        IgnoreCase = ignoreCase;
        var sb = new StringBuilder("^");
        foreach (char c in pattern)
            sb.Append(c == '*' ? ".*" : c == '?' ? "." : Regex.Escape(c.ToString()));
        sb.Append('$');
        var options = RegexOptions.CultureInvariant | RegexOptions.Singleline;
        if (ignoreCase) options |= RegexOptions.IgnoreCase;
        _regex = new Regex(sb.ToString(), options);
    }

    public string Pattern { get; }
    public bool IgnoreCase { get; }
    public bool HasWildcard => Pattern.IndexOfAny(new[] { '*', '?' }) >= 0;
    public bool IsMatch(string value) => _regex.IsMatch(value);
    public override string ToString() => Pattern;

    /// <summary>One-off match (builds the pattern each call; keep a <see cref="ModelIdGlob"/> for repeated use).</summary>
    public static bool IsMatch(string pattern, string value, bool ignoreCase) => new ModelIdGlob(pattern, ignoreCase).IsMatch(value);
}
