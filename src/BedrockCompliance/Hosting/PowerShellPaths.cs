using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Commands.Hosting;

/// <summary>
/// The one resolution of -Path, -LiteralPath, -EvidencePath, -Policy and -CatalogPath: PowerShell paths (PSDrives,
/// relative to the current location) to file-system paths. FileSystem provider only, for readers and writers;
/// wildcards must resolve to exactly one existing item. Failures are terminating errors that name the value.
/// </summary>
internal static class PowerShellPaths
{
    /// <summary>A -LiteralPath value: no wildcard expansion.</summary>
    public static string ResolveLiteral(PSCmdlet cmdlet, string given)
    {
        string path = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(given, out ProviderInfo provider, out _);
        RequireFileSystem(cmdlet, given, provider);
        return path;
    }

    /// <summary>
    /// A -Path value: with wildcard characters it must match exactly one existing item (AmbiguousPath otherwise);
    /// without them it is taken as it is, so it may name a new file (as Export-Csv does).
    /// </summary>
    public static string Resolve(PSCmdlet cmdlet, string given)
    {
        if (!WildcardPattern.ContainsWildcardCharacters(given)) return ResolveLiteral(cmdlet, given);
        System.Collections.ObjectModel.Collection<string> matches;
        ProviderInfo provider;
        try
        {
            matches = cmdlet.SessionState.Path.GetResolvedProviderPathFromPSPath(given, out provider);
        }
        catch (ItemNotFoundException)
        {
            cmdlet.ThrowTerminatingError(ErrorRecordFactory.AmbiguousPath(given, 0));
            throw; // unreachable
        }
        RequireFileSystem(cmdlet, given, provider);
        if (matches.Count != 1) cmdlet.ThrowTerminatingError(ErrorRecordFactory.AmbiguousPath(given, matches.Count));
        return matches[0];
    }

    /// <summary>-Path or -LiteralPath, whichever parameter set is in use.</summary>
    public static string Resolve(PSCmdlet cmdlet, string given, bool literal) => literal ? ResolveLiteral(cmdlet, given) : Resolve(cmdlet, given);

    /// <summary>An optional input file (-CatalogPath): null stays null.</summary>
    public static string? ResolveOptional(PSCmdlet cmdlet, string? given) => given == null ? null : Resolve(cmdlet, given);

    /// <summary>
    /// The evidence ledger: an explicit -EvidencePath &gt; $env:BEDROCK_COMPLIANCE_EVIDENCE &gt; the profile default.
    /// Says on -Verbose which one and why. Readers and writers validate alike (issue 15.12): FileSystem provider
    /// only, not blank, a regular file or a new path (never a device such as /dev/null, a FIFO, a socket or a
    /// directory — whichever source named it). A symlink is refused too: writers reaching one file by two names
    /// would take two different lock files; give the real path. Writers also refuse wildcard characters.
    /// </summary>
    public static string ResolveEvidencePath(PSCmdlet cmdlet, string? given, bool forWriting = false)
    {
        if (given != null && given.Trim().Length == 0)
            cmdlet.ThrowTerminatingError(ErrorRecordFactory.EvidencePathInvalid(given, "it is blank"));
        bool s3 = given != null && S3EvidenceLocation.IsS3(given);
        if (forWriting && given != null && !s3 && WildcardPattern.ContainsWildcardCharacters(given))
            cmdlet.ThrowTerminatingError(ErrorRecordFactory.EvidencePathInvalid(given, "a ledger to write needs one literal file name, not wildcard characters"));
        string? explicitPath = given == null ? null : s3 ? ParseS3(cmdlet, given) : Resolve(cmdlet, given);
        string source = EvidencePaths.Source(explicitPath);
        string path = EvidencePaths.Resolve(explicitPath);
        string? kind = S3EvidenceLocation.IsS3(path) ? null : FileKind.NotRegular(path);
        if (kind != null) cmdlet.ThrowTerminatingError(ErrorRecordFactory.EvidencePathNotRegularFile(path, kind, source));
        cmdlet.WriteVerbose($"Evidence ledger: {path} (from {source}).");
        return path;
    }

    /// <summary>An s3://bucket/prefix evidence location, canonical; a malformed one is a terminating InvalidArgument error.</summary>
    public static string ParseS3(PSCmdlet cmdlet, string given)
    {
        try { return S3EvidenceLocation.Parse(given).Uri; }
        catch (ArgumentException ex)
        {
            cmdlet.ThrowTerminatingError(ErrorRecordFactory.EvidenceLocationInvalid(given, ex.Message));
            throw;
        }
    }

    static void RequireFileSystem(PSCmdlet cmdlet, string given, ProviderInfo provider)
    {
        if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
            cmdlet.ThrowTerminatingError(ErrorRecordFactory.PathNotFileSystem(given, provider.Name));
    }
}
