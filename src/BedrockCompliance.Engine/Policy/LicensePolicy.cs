using System.Security.Cryptography;

namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// An organisation's licence policy (schema: docs/licence-policy.md). Immutable once loaded; use
/// <see cref="Load"/> for files (cached by path, time stamp and length) and <see cref="PolicyEvaluator"/>
/// to judge models against it.
/// </summary>
internal sealed class LicensePolicy
{
    public const int CurrentSchemaVersion = 1;

    static readonly object CacheLock = new object();
    static readonly Dictionary<string, (DateTime Stamp, long Length, LicensePolicy Policy)> Cache =
        new Dictionary<string, (DateTime, long, LicensePolicy)>(StringComparer.Ordinal);

    internal LicensePolicy() { }

    public int SchemaVersion { get; internal set; } = CurrentSchemaVersion;
    public string? Name { get; internal set; }
    public string? Description { get; internal set; }
    public string? Owner { get; internal set; }
    /// <summary>Categories the rules allow. Unknown can never be allowed by rule.</summary>
    public IReadOnlyList<LicenseCategory> AllowedCategories { get; internal set; } = Array.Empty<LicenseCategory>();
    /// <summary>Empty = every provider the other rules allow.</summary>
    public IReadOnlyList<string> AllowedProviders { get; internal set; } = Array.Empty<string>();
    public IReadOnlyList<string> DeniedProviders { get; internal set; } = Array.Empty<string>();
    /// <summary>Empty = every model ID the other rules allow.</summary>
    public IReadOnlyList<ModelIdGlob> AllowedModelIds { get; internal set; } = Array.Empty<ModelIdGlob>();
    public IReadOnlyList<ModelIdGlob> DeniedModelIds { get; internal set; } = Array.Empty<ModelIdGlob>();
    public IReadOnlyList<string> DeniedRestrictions { get; internal set; } = Array.Empty<string>();
    /// <summary>Null = no minimum.</summary>
    public CatalogConfidence? MinimumConfidence { get; internal set; }
    public bool AllowLegacyModels { get; internal set; }
    public IReadOnlyList<PolicyApproval> Approvals { get; internal set; } = Array.Empty<PolicyApproval>();
    /// <summary>
    /// Regions Export-BedrockModelAccessPolicy -LimitToRegion limits the licence deny to (only with that switch:
    /// by default the deny holds in every Region); empty = none named.
    /// </summary>
    public IReadOnlyList<string> Regions { get; internal set; } = Array.Empty<string>();
    /// <summary>Data residency: inference only in these Regions (cross-Region profiles only when every destination is in it); empty = no limit.</summary>
    public IReadOnlyList<string> AllowedRegions { get; internal set; } = Array.Empty<string>();
    /// <summary>The most data retention the organisation accepts (none, default or aws_review); a model that needs more is Denied. Null = no limit.</summary>
    public DataRetentionMode? MaximumDataRetention { get; internal set; }
    /// <summary>Deny a model whose end-of-life date is within this many days of the evaluation date. Null = no rule.</summary>
    public int? DenyWithinDaysOfEndOfLife { get; internal set; }

    /// <summary>The full path of the file, or the source name given to <see cref="Parse"/>.</summary>
    public string Source { get; internal set; } = "";
    /// <summary>Lower-case hex SHA-256 of the policy bytes: record it with every decision.</summary>
    public string Sha256 { get; internal set; } = "";
    /// <summary><see cref="Name"/>, else the file name.</summary>
    public string DisplayName => Name ?? System.IO.Path.GetFileName(Source);

    /// <summary>
    /// Loads and validates a policy file. Throws <see cref="LicensePolicyException"/> for a missing or invalid
    /// file. Results are cached by full path, last-write time and length, so a pipeline of thousands of
    /// models reads the file once, and an edited file is read again.
    /// </summary>
    public static LicensePolicy Load(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new LicensePolicyException(path ?? "", null, "no path given; expected the path of a licence policy JSON file.");
        string full;
        try { full = System.IO.Path.GetFullPath(path); }
        catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
        {
            throw new LicensePolicyException(path, null, $"not a usable file path: {ex.Message}", ex);
        }
        var info = new FileInfo(full);
        if (!info.Exists)
            throw new LicensePolicyException(full, null, Directory.Exists(full) ? "is a folder; expected a licence policy JSON file." : "the file does not exist.");
        lock (CacheLock)
        {
            if (Cache.TryGetValue(full, out var c) && c.Stamp == info.LastWriteTimeUtc && c.Length == info.Length)
                return c.Policy;
        }
        if (info.Length > LicensePolicyReader.MaxFileBytes)
            throw new LicensePolicyException(full, null, $"the file is {info.Length} bytes; a policy file may be at most {LicensePolicyReader.MaxFileBytes} bytes.");
        byte[] bytes = InputFileBytes.Read(full, LicensePolicyReader.MaxFileBytes, (message, inner) => new LicensePolicyException(full, null, message, inner));
        var policy = Parse(bytes, full);
        lock (CacheLock) Cache[full] = (info.LastWriteTimeUtc, info.Length, policy);
        return policy;
    }

    /// <summary>Validates policy JSON; <paramref name="sourceName"/> is used in error messages.</summary>
    public static LicensePolicy Parse(byte[] utf8Json, string sourceName)
    {
        var policy = LicensePolicyReader.Read(utf8Json, sourceName);
        policy.Source = sourceName;
        using (var sha = SHA256.Create())
            policy.Sha256 = string.Concat(sha.ComputeHash(utf8Json).Select(b => b.ToString("x2")));
        return policy;
    }

    /// <summary>The approval for a foundation-model ID, or null.</summary>
    public PolicyApproval? FindApproval(string foundationModelId) =>
        Approvals.FirstOrDefault(a => string.Equals(a.ModelId, foundationModelId, StringComparison.Ordinal));
}
