using System.Text.RegularExpressions;

namespace BedrockCompliance.Engine.Catalog;

/// <summary>
/// Validates model identifiers as users type them (model ID, inference-profile ID, ARN) and
/// reduces them to the foundation-model ID the licence catalog is keyed on.
/// </summary>
internal static class ModelIdentifier
{
    public const int MaxLength = 2048;

    // BedrockModelId from the service model (bedrock-2023-04-20), anchored. The Regexes are built on first use
    // (Patterns), not when the catalog is first read: that keeps the first offline call cheap.
    public static Regex ModelIdPattern => Patterns.ModelId;

    static class Patterns
    {
        public static readonly Regex ModelId = new Regex(
            "^[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}(/[a-z0-9]{12}|)$",
            RegexOptions.CultureInvariant);

        public static readonly Regex Arn = new Regex(
            @"^arn:(?<partition>aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-eusc):bedrock:(?<region>[a-z0-9-]*):(?<account>[0-9]{12})?:(?<type>foundation-model|inference-profile|system-defined-inference-profile)/(?<id>.+)$",
            RegexOptions.CultureInvariant);

        public static readonly Regex ProfilePrefixShape = new Regex("^[a-z]{2,6}(-[a-z]{2,4})?$", RegexOptions.CultureInvariant);
    }

    /// <summary>Geographic prefixes of cross-region inference profiles.</summary>
    public static readonly IReadOnlyCollection<string> KnownProfilePrefixes = new HashSet<string>(StringComparer.Ordinal)
    {
        "us", "us-gov", "eu", "apac", "global", "ca", "jp", "au", "in", "sa", "me", "af", "il", "mx", "tw", "kr", "sg", "uk",
    };


    /// <summary>
    /// Checks the raw input and throws <see cref="ArgumentException"/> naming the bad value and what is expected.
    /// </summary>
    public static void Validate(string? input)
    {
        if (input == null || input.Length == 0)
            throw new ArgumentException("The model ID is empty. Expected a Bedrock model ID such as 'anthropic.claude-3-5-sonnet-20241022-v2:0', an inference-profile ID or a foundation-model ARN.");
        if (string.IsNullOrWhiteSpace(input))
            throw new ArgumentException("The model ID is only white space. Expected a Bedrock model ID such as 'anthropic.claude-3-5-sonnet-20241022-v2:0'.");
        if (input.Length > MaxLength)
            throw new ArgumentException($"The model ID is {input.Length} characters long ('{Preview(input)}'); a Bedrock model ID or ARN has at most {MaxLength}.");
        if (HasControl(input))
            throw new ArgumentException($"The model ID '{Preview(input)}' contains a control character (U+{(int)input.First(char.IsControl):X4}) at position {input.IndexOf(input.First(char.IsControl))}; model IDs are printable ASCII.");
    }

    // A loop: Any(char.IsControl) allocated an enumerator and a delegate for every ID classified.
    static bool HasControl(string s)
    {
        foreach (char c in s)
            if (char.IsControl(c)) return true;
        return false;
    }

    /// <summary>Escapes and shortens a value for an error message.</summary>
    public static string Preview(string value, int max = 60)
    {
        var sb = new System.Text.StringBuilder();
        foreach (char c in value.Length > max ? value.Substring(0, max) : value)
            sb.Append(char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
        if (value.Length > max) sb.Append("…");
        return sb.ToString();
    }

    /// <summary>
    /// Reduces an identifier to the foundation-model ID: strips a foundation-model or inference-profile ARN
    /// and a geographic inference-profile prefix (us., eu., apac., global., …). The context-length
    /// suffix (…:0:200k) is kept; the catalog's prefix match covers it.
    /// </summary>
    public static string ToFoundationModelId(string input, Func<string, bool>? isKnownProvider = null)
    {
        Validate(input);
        string id = input.Trim();
        // The ARN pattern is anchored on a lower-case "arn:": anything else skips the regex (most input is a plain ID).
        var arn = id.StartsWith("arn:", StringComparison.Ordinal) ? Patterns.Arn.Match(id) : null;
        if (arn is { Success: true })
            id = arn.Groups["id"].Value;
        else if (id.StartsWith("arn:", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"'{Preview(input)}' is not a Bedrock foundation-model or inference-profile ARN. Expected 'arn:aws:bedrock:<region>::foundation-model/<modelId>' or 'arn:aws:bedrock:<region>:<account>:inference-profile/<profileId>'.");

        id = id.ToLowerInvariant();
        int dot = id.IndexOf('.');
        if (dot > 0)
        {
            string first = id.Substring(0, dot);
            string rest = id.Substring(dot + 1);
            int restDot = rest.IndexOf('.');
            bool restIsModel = restDot > 0;
            if (restIsModel && (KnownProfilePrefixes.Contains(first) ||
                (Patterns.ProfilePrefixShape.IsMatch(first) && isKnownProvider != null && !isKnownProvider(first) && isKnownProvider(rest.Substring(0, restDot)))))
                id = rest;
        }

        if (!ModelIdPattern.IsMatch(id))
            throw new ArgumentException($"'{Preview(input)}' is not a valid Bedrock model ID. Expected '<provider>.<model>[:<version>]' in lower case letters, digits and hyphens, for example 'meta.llama3-1-70b-instruct-v1:0'.");
        return id;
    }

    /// <summary>The provider segment of a model ID ('meta' of 'meta.llama3-…'); null when there is no '.' after a first character.</summary>
    public static string? ProviderSegment(string? modelId)
    {
        int dot = modelId?.IndexOf('.') ?? -1;
        return dot > 0 ? modelId!.Substring(0, dot) : null;
    }

    /// <summary>True when the value contains PowerShell-style wildcard characters.</summary>
    public static bool HasWildcard(string value) => value.IndexOfAny(new[] { '*', '?', '[' }) >= 0;
}
