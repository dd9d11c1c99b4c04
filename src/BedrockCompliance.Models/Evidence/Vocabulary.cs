using System.Reflection;

namespace BedrockCompliance;

/// <summary>
/// The closed word lists that records and verdicts store as strings (<see cref="EvidenceAction"/>,
/// <see cref="EvidenceOutcome"/>, <see cref="PolicyReasonCode"/>): each list is its class's constants, declared once,
/// and input may come in any case.
/// </summary>
internal static class Vocabulary
{
    /// <summary>The string constants <paramref name="type"/> declares, in declaration order: the list is the constants.</summary>
    public static string[] Of(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .OrderBy(f => f.MetadataToken)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

    /// <summary>The spelling in <paramref name="words"/> of <paramref name="value"/> (case-insensitive), or null if it is none of them.</summary>
    public static string? Canonical(string[] words, string? value)
    {
        if (value == null) return null;
        foreach (var word in words)
            if (string.Equals(word, value, StringComparison.OrdinalIgnoreCase)) return word;
        return null;
    }
}
