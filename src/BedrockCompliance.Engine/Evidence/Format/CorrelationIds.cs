namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The run's correlation id: <c>-CorrelationId</c>, else <c>$env:BEDROCK_COMPLIANCE_RUN_ID</c> (so a scheduled job's
/// whole pipeline shares one id), else a fresh GUID per command.
/// </summary>
internal static class CorrelationIds
{
    public const string EnvironmentVariable = "BEDROCK_COMPLIANCE_RUN_ID";
    public const int MaxLength = 128;

    /// <summary>The id to use and where it came from; throws ArgumentException naming a bad value.</summary>
    public static (string? Id, string Source) Resolve(string? explicitId, Func<string, string?>? environment = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitId)) return (Validate(explicitId!, "-CorrelationId"), "-CorrelationId");
        string? env = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) return (Validate(env!, "$env:" + EnvironmentVariable), "$env:" + EnvironmentVariable);
        return (null, "a new id for this command");
    }

    static string Validate(string value, string from)
    {
        string v = value.Trim();
        if (v.Length > MaxLength || v.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            throw new ArgumentException($"The correlation id '{value}' from {from} is not usable: expected at most {MaxLength} characters without spaces or control characters, such as a GUID or 'nightly-2026-12-01'.");
        return v;
    }
}
