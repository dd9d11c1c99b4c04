namespace BedrockCompliance;

/// <summary>
/// Bedrock's data retention modes in their documented order (none &lt; default &lt; aws_review &lt; provider_data_share);
/// a model is available when the effective mode is at or above its minimum. Inherit is not in the ordering: it defers
/// to the broader scope (project → account → model default) and is resolved, never judged.
/// </summary>
// long-based so that ConvertTo-Json writes the name: PowerShell writes 64-bit enums as text, 32-bit ones as numbers.
public enum DataRetentionMode : long
{
    /// <summary>Zero data retention: nothing stored by AWS, nothing shared with the provider.</summary>
    None = 0,
    /// <summary>The model's own policy: AWS may retain for safety and abuse prevention; the provider does not receive it.</summary>
    Default = 1,
    /// <summary>Inputs and outputs may be retained for human review by AWS, inside the AWS boundary.</summary>
    AwsReview = 2,
    /// <summary>Legacy mode under which content may go to the model provider (its June 2026 meaning); always a failure for us.</summary>
    ProviderDataShare = 3,
    /// <summary>No opinion at this scope: the broader scope decides.</summary>
    Inherit = 100,
}

/// <summary>The wire spelling of <see cref="DataRetentionMode"/> (both API surfaces use the same snake_case strings).</summary>
public static class DataRetentionModes
{
    public static string ToWire(DataRetentionMode mode) => mode switch
    {
        DataRetentionMode.None => "none",
        DataRetentionMode.Default => "default",
        DataRetentionMode.AwsReview => "aws_review",
        DataRetentionMode.ProviderDataShare => "provider_data_share",
        DataRetentionMode.Inherit => "inherit",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "not a data retention mode"),
    };

    /// <summary>Parses a wire value ("aws_review") or an enum name ("AwsReview"), case-insensitively; false for anything else.</summary>
    public static bool TryParse(string? text, out DataRetentionMode mode)
    {
        mode = DataRetentionMode.Inherit;
        if (text == null) return false;
        switch (text.Trim().Replace("_", "").ToLowerInvariant())
        {
            case "none": mode = DataRetentionMode.None; return true;
            case "default": mode = DataRetentionMode.Default; return true;
            case "awsreview": mode = DataRetentionMode.AwsReview; return true;
            case "providerdatashare": mode = DataRetentionMode.ProviderDataShare; return true;
            case "inherit": mode = DataRetentionMode.Inherit; return true;
            default: return false;
        }
    }
}
