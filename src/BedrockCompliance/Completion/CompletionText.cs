namespace BedrockCompliance.Commands.Completion;

/// <summary>Matching and quoting shared by the argument completers.</summary>
internal static class CompletionText
{
    /// <summary>
    /// Candidates that start with what was typed (wildcards allowed, case-insensitive); when none do, those that
    /// contain it, so 'claude' still finds 'anthropic.claude-…'. Order of <paramref name="candidates"/> is kept.
    /// </summary>
    public static IEnumerable<CompletionResult> Complete(IEnumerable<string> candidates, string? wordToComplete, Func<string, string>? tooltip = null)
    {
        string typed = wordToComplete ?? "";
        string word = typed.Trim('\'', '"');
        var list = candidates.Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var matches = Match(list, word + "*");
        if (matches.Count == 0 && word.Length > 0) matches = Match(list, "*" + word + "*");
        char? quote = typed.Length > 0 && (typed[0] == '\'' || typed[0] == '"') ? typed[0] : (char?)null;
        return matches.Select(c => new CompletionResult(Quote(c, quote), c, CompletionResultType.ParameterValue, tooltip?.Invoke(c) ?? c));
    }

    static List<string> Match(List<string> candidates, string pattern)
    {
        var wildcard = new WildcardPattern(pattern, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
        return candidates.Where(wildcard.IsMatch).ToList();
    }

    /// <summary>Quotes a value that would not survive as a bare word ('Mistral AI'), keeping the quote the user opened.</summary>
    internal static string Quote(string value, char? opened)
    {
        bool needsQuotes = value.Any(ch => char.IsWhiteSpace(ch) || "'\"`$(){}[];,|&<>@#".IndexOf(ch) >= 0);
        if (opened == '"') return "\"" + value.Replace("`", "``").Replace("\"", "`\"").Replace("$", "`$") + "\"";
        if (opened == '\'' || needsQuotes) return "'" + value.Replace("'", "''") + "'";
        return value;
    }
}
