namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// Where the ledger lives: an explicit path (the cmdlets' -EvidencePath, already resolved to a file-system path)
/// wins, then the BEDROCK_COMPLIANCE_EVIDENCE environment variable, then the default under the user's profile:
/// %LOCALAPPDATA%\BedrockCompliance\evidence.jsonl on Windows, ~/.bedrock-compliance/evidence.jsonl elsewhere.
/// </summary>
public static class EvidencePaths
{
    public const string EnvironmentVariable = "BEDROCK_COMPLIANCE_EVIDENCE";
    public const string FileName = "evidence.jsonl";

    public static string Resolve(string? explicitPath = null)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath)) return S3EvidenceLocation.IsS3(explicitPath) ? S3EvidenceLocation.Parse(explicitPath!).Uri : Path.GetFullPath(explicitPath);
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) return S3EvidenceLocation.IsS3(env) ? S3EvidenceLocation.Parse(env!).Uri : Path.GetFullPath(ExpandHome(env!.Trim()));
        return DefaultPath;
    }

    /// <summary>Whether the ledger can be read: the file exists, or it is an S3 chain (an empty prefix is an empty chain).</summary>
    public static bool Exists(string resolvedPath) => S3EvidenceLocation.IsS3(resolvedPath) || File.Exists(resolvedPath);

    /// <summary>The ledger's lock file (never to be replaced by an output file).</summary>
    public static string LockFileFor(string ledgerPath) => EvidenceFileLock.LockPathFor(ledgerPath);

    /// <summary>Where the value came from: "Parameter", "Environment" or "Default".</summary>
    public static string Source(string? explicitPath) =>
        !string.IsNullOrWhiteSpace(explicitPath) ? "Parameter"
        : !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable)) ? "Environment"
        : "Default";

    public static string DefaultPath
    {
        get
        {
            if (EvidenceContext.IsWindows)
            {
                string local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
                if (!string.IsNullOrEmpty(local)) return Path.Combine(local, "BedrockCompliance", FileName);
            }
            return Path.Combine(Home(), ".bedrock-compliance", FileName);
        }
    }

    static string Home()
    {
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrEmpty(home)) home = Environment.GetEnvironmentVariable("HOME") ?? Path.GetTempPath();
        return home;
    }

    static string ExpandHome(string p) =>
        p == "~" ? Home() : p.StartsWith("~/", StringComparison.Ordinal) || p.StartsWith("~\\", StringComparison.Ordinal) ? Path.Combine(Home(), p.Substring(2)) : p;
}
