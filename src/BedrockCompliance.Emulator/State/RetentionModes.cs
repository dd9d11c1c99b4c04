namespace BedrockCompliance.Emulator.State;

/// <summary>Bedrock's data-retention modes (bedrock-privacy-2026.md §1.3): <c>none &lt; default &lt; aws_review
/// &lt; provider_data_share</c>; <c>inherit</c> is outside the order and defers to the broader scope.</summary>
public static class RetentionModes
{
    public const string Inherit = "inherit";
    public const string Default = "default";

    /// <summary>The ordered modes, lowest first.</summary>
    public static readonly string[] Ordered = { "none", "default", "aws_review", "provider_data_share" };

    /// <summary>Every value the APIs accept, in the SDK's enum order.</summary>
    public static readonly string[] Wire = { "default", "none", "aws_review", "provider_data_share", "inherit" };

    public static bool IsValid(string? mode) => mode is not null && Array.IndexOf(Wire, mode) >= 0;

    public static int Rank(string mode) => Array.IndexOf(Ordered, mode);

    /// <summary>Modes at or above the minimum: what a model publishes as <c>allowed_modes</c>.</summary>
    public static string[] AtOrAbove(string minimum) => Ordered[Math.Max(0, Rank(minimum))..];

    /// <summary>First non-inherit value of project → account → model default, and which scope decided.</summary>
    public static (string Mode, string Source) Resolve(string? projectMode, string accountMode, string modelDefault) =>
        projectMode is not null && projectMode != Inherit ? (projectMode, "project")
        : accountMode != Inherit ? (accountMode, "account")
        : (modelDefault, "model_default");
}

/// <summary>A retention mode as set at one scope; <see cref="UpdatedAt"/> is null while never set.</summary>
public sealed record RetentionSetting(string Mode, DateTimeOffset? UpdatedAt)
{
    public static readonly RetentionSetting Unset = new(RetentionModes.Inherit, null);
}
