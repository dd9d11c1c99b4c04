namespace BedrockCompliance;

/// <summary>The outcomes an evidence record can carry.</summary>
public static class EvidenceOutcome
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    /// <summary>Started, result not yet known (intents).</summary>
    public const string Pending = "Pending";
    public const string Denied = "Denied";
    /// <summary>A fact was observed; nothing was changed.</summary>
    public const string Observed = "Observed";
    public const string Skipped = "Skipped";

    static readonly string[] AllOutcomes = Vocabulary.Of(typeof(EvidenceOutcome));

    public static IReadOnlyList<string> All => AllOutcomes;

    /// <summary>The canonical spelling of <paramref name="outcome"/> (case-insensitive), or null if unknown.</summary>
    public static string? Normalize(string? outcome) => Vocabulary.Canonical(AllOutcomes, outcome);
}
