using System.Globalization;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>Object Lock retention of the objects an S3 evidence store writes.</summary>
internal enum EvidenceRetentionMode
{
    /// <summary>Users with s3:BypassGovernanceRetention can still shorten or remove the lock.</summary>
    Governance,
    /// <summary>No one, not even the account's root user, can delete the version or shorten its lock until it expires.</summary>
    Compliance,
}

/// <summary>Options of <see cref="S3EvidenceStore"/>.</summary>
internal sealed class S3EvidenceStoreOptions
{
    public const string RetentionDaysVariable = "BEDROCK_COMPLIANCE_EVIDENCE_RETENTION_DAYS";
    public const string RetentionModeVariable = "BEDROCK_COMPLIANCE_EVIDENCE_RETENTION_MODE";
    public const int MaxRetentionDays = 36500;

    /// <summary>Days each new object is locked (null: only the bucket's default retention, if any, applies).</summary>
    public int? RetentionDays { get; set; }

    public EvidenceRetentionMode RetentionMode { get; set; } = EvidenceRetentionMode.Governance;

    /// <summary>How often an append re-reads the tail and tries again after losing a race to another writer.</summary>
    public int MaxAppendAttempts { get; set; } = 50;

    /// <summary>Keys per ListObjectsV2 page (S3's maximum is 1000).</summary>
    public int ListPageSize { get; set; } = 1000;

    /// <summary>
    /// The options given, with what is not given taken from BEDROCK_COMPLIANCE_EVIDENCE_RETENTION_DAYS and
    /// BEDROCK_COMPLIANCE_EVIDENCE_RETENTION_MODE (Governance or Compliance).
    /// </summary>
    /// <exception cref="ArgumentException">A value is out of range or not a mode.</exception>
    public static S3EvidenceStoreOptions Resolve(int? retentionDays, EvidenceRetentionMode? mode, Func<string, string?>? getEnv = null)
    {
        getEnv ??= Environment.GetEnvironmentVariable;
        var options = new S3EvidenceStoreOptions();
        string? daysText = getEnv(RetentionDaysVariable);
        if (retentionDays == null && !string.IsNullOrWhiteSpace(daysText))
        {
            if (!int.TryParse(daysText!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int d))
                throw new ArgumentException($"{RetentionDaysVariable} '{daysText}' is not a whole number of days (1–{MaxRetentionDays}).");
            retentionDays = d;
        }
        if (retentionDays != null && (retentionDays < 1 || retentionDays > MaxRetentionDays))
            throw new ArgumentException($"Retention of {retentionDays} days is out of range: expected 1–{MaxRetentionDays} days.");
        options.RetentionDays = retentionDays;
        string? modeText = getEnv(RetentionModeVariable);
        if (mode == null && !string.IsNullOrWhiteSpace(modeText))
        {
            if (!Enum.TryParse(modeText!.Trim(), ignoreCase: true, out EvidenceRetentionMode m) || !Enum.IsDefined(typeof(EvidenceRetentionMode), m))
                throw new ArgumentException($"{RetentionModeVariable} '{modeText}' is not a retention mode. Valid: Governance, Compliance.");
            mode = m;
        }
        options.RetentionMode = mode ?? EvidenceRetentionMode.Governance;
        return options;
    }
}
