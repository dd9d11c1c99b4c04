namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// Why the ledger cannot be written, as one stable ErrorId each (issue 15.14): read-only file system or no
/// permission, a directory, a parent that is a file, a full disk, anything else. Messages name the path and where
/// it came from (-EvidencePath or $env:BEDROCK_COMPLIANCE_EVIDENCE), so the fix is obvious.
/// </summary>
internal static class EvidenceWriteErrors
{
    public const string ReadOnly = "EvidenceLedgerReadOnly";
    public const string IsDirectory = "EvidenceLedgerIsDirectory";
    public const string ParentNotDirectory = "EvidenceLedgerPathInvalid";
    public const string DiskFull = "EvidenceLedgerDiskFull";
    public const string WriteFailed = "EvidenceLedgerWriteFailed";
    /// <summary>The ErrorId for <see cref="EvidenceLockTimeoutException"/> (other writers held the lock too long).</summary>
    public const string LockTimeout = "EvidenceLedgerLockTimeout";

    const string Where = "(set it with -EvidencePath or $env:BEDROCK_COMPLIANCE_EVIDENCE)";

    /// <summary>Checks what can be checked before anything is written: the path is not a directory and no parent is a file.</summary>
    internal static ComplianceException? CheckPath(string path)
    {
        if (Directory.Exists(path))
            return new ComplianceException(IsDirectory, ComplianceErrorKind.InvalidArgument, $"The evidence ledger path '{path}' is a directory; give a file name {Where}.");
        for (string? dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (Directory.Exists(dir)) break;
            if (File.Exists(dir))
                return new ComplianceException(ParentNotDirectory, ComplianceErrorKind.InvalidArgument, $"The evidence ledger path '{path}' cannot be created: '{dir}' is a file, not a folder {Where}.");
        }
        return null;
    }

    /// <summary>The specific error for an I/O failure on the ledger or its lock file.</summary>
    internal static ComplianceException Classify(Exception ex, string path)
    {
        if (ex is ComplianceException c) return c;
        if (CheckPath(path) is { } pathError) return pathError;
        if (ex is UnauthorizedAccessException || IsErrno(ex, ReadOnlyFileSystemErrno) || HasWin32Code(ex, 19 /* ERROR_WRITE_PROTECT */))
            return new ComplianceException(ReadOnly, ComplianceErrorKind.PermissionDenied,
                $"The evidence ledger '{path}' cannot be written: the file system is read-only or you lack permission ({ex.Message}) {Where}.", ex);
        if (IsErrno(ex, NoSpaceErrno) || HasWin32Code(ex, 112 /* ERROR_DISK_FULL */) || HasWin32Code(ex, 39 /* ERROR_HANDLE_DISK_FULL */))
            return new ComplianceException(DiskFull, ComplianceErrorKind.InvalidOperation,
                $"The evidence ledger '{path}' cannot be written: the disk is full. Nothing was recorded for this operation; free space and rerun {Where}.", ex);
        return new ComplianceException(WriteFailed, ComplianceErrorKind.InvalidOperation, $"The evidence ledger '{path}' could not be written: {ex.Message} {Where}.", ex);
    }

    // errno values .NET puts into IOException.HResult on Unix for errors it has no specific exception for.
    const int ReadOnlyFileSystemErrno = 30; // EROFS (Linux and macOS)
    const int NoSpaceErrno = 28;            // ENOSPC (Linux and macOS)

    static bool IsErrno(Exception ex, int errno) =>
        !EvidenceContext.IsWindows && ex is IOException && (ex.HResult == errno || ex.Message.Contains(errno == NoSpaceErrno ? "No space left" : "Read-only file system"));

    static bool HasWin32Code(Exception ex, int code) => EvidenceContext.IsWindows && (ex.HResult & 0xFFFF) == code;

    /// <summary>A sharing violation: another writer holds the lock (the only lock error worth waiting for).</summary>
    internal static bool IsSharingViolation(IOException ex)
    {
        if (EvidenceContext.IsWindows) return (ex.HResult & 0xFFFF) is 32 or 33; // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
        // Unix: .NET reports flock's EWOULDBLOCK (11 on Linux, 35 on macOS) with the raw errno as HResult.
        return ex.HResult is 11 or 35;
    }
}
