namespace BedrockCompliance;

/// <summary>
/// The lookup behind <see cref="EvidenceAction.Normalize"/> and <see cref="EvidenceOutcome.Normalize"/>: records store
/// one exact spelling of each word, input may come in any case.
/// </summary>
internal static class Vocabulary
{
    /// <summary>The spelling in <paramref name="words"/> of <paramref name="value"/> (case-insensitive), or null if it is none of them.</summary>
    public static string? Canonical(string[] words, string? value)
    {
        if (value == null) return null;
        foreach (var word in words)
            if (string.Equals(word, value, StringComparison.OrdinalIgnoreCase)) return word;
        return null;
    }
}
