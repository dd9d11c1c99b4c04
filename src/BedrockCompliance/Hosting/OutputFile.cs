using System.IO;
using System.Runtime.InteropServices;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Commands.Hosting;

/// <summary>
/// One output file of an Export- cmdlet, with Export-Csv's rules: -NoClobber refuses an existing file, a read-only
/// file needs -Force (and stays read-only), and the content goes to a temporary file beside the target that replaces
/// it only when complete, so a failed or cancelled write leaves an existing file as it was. Never overwritten, not
/// even with -Force: the evidence ledger, its .lock file, the command's own input files (OutputIsInput), and
/// anything that is not a regular file or a new path — FIFO, device, socket, symlink (OutputNotRegularFile).
/// </summary>
internal sealed class OutputFile
{
    readonly string _path;
    readonly bool _readOnly;

    OutputFile(string path, bool exists, bool readOnly)
    {
        _path = path;
        Exists = exists;
        _readOnly = readOnly;
    }

    public string Path => _path;
    public bool Exists { get; }

    /// <summary>
    /// Checks <paramref name="path"/> (a resolved file-system path) as a target; null and <paramref name="error"/> set when it cannot be written.
    /// </summary>
    /// <param name="ledger">The evidence ledger the command reads (null: the default ledger is still protected).</param>
    /// <param name="inputs">The command's other input files (policy, catalog); nulls are ignored.</param>
    /// <param name="replace">-NoClobber and -Force.</param>
    public static OutputFile? Check(string path, OutputFileParameters replace, string? ledger, IEnumerable<string?> inputs, out ErrorRecord? error)
    {
        error = null;
        string full = System.IO.Path.GetFullPath(path);
        string? protectedAs = ProtectedAs(full, ledger, inputs);
        if (protectedAs != null)
        {
            error = ErrorRecordFactory.OutputIsInput(full, protectedAs);
            return null;
        }
        if (Directory.Exists(full) && (File.GetAttributes(full) & FileAttributes.ReparsePoint) == 0)
        {
            error = ErrorRecordFactory.PathIsDirectory(full);
            return null;
        }
        string? kind = FileKind.NotRegular(full);
        if (kind != null)
        {
            error = ErrorRecordFactory.OutputNotRegularFile(full, kind);
            return null;
        }
        var info = new FileInfo(full);
        if (info.Exists)
        {
            if (replace.NoClobber) { error = ErrorRecordFactory.FileExists(full); return null; }
            if (info.IsReadOnly && !replace.Force) { error = ErrorRecordFactory.FileReadOnly(full); return null; }
        }
        else if (info.Directory != null && !info.Directory.Exists)
        {
            error = ErrorRecordFactory.DirectoryNotFound(full, info.DirectoryName);
            return null;
        }
        return new OutputFile(full, info.Exists, info.Exists && info.IsReadOnly);
    }

    /// <summary>Writes through <paramref name="write"/> into a temporary file beside the target, then moves it into place.</summary>
    public T Write<T>(Func<Stream, T> write)
    {
        string dir = System.IO.Path.GetDirectoryName(_path) ?? ".";
        string temp = System.IO.Path.Combine(dir, "." + System.IO.Path.GetFileName(_path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            T result;
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.SequentialScan))
            {
                result = write(stream);
                stream.Flush(true);
            }
            // Checked again just before the swap: the target may have changed since Check.
            string? kind = FileKind.NotRegular(_path);
            if (kind != null) throw new IOException($"The output path '{_path}' became {kind} during the write; nothing was replaced.");
            if (File.Exists(_path))
            {
                if (_readOnly) new FileInfo(_path).IsReadOnly = false;
                File.Replace(temp, _path, null, ignoreMetadataErrors: true);
            }
            else File.Move(temp, _path);
            return result;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
            // As Export-Csv -Force does: a file that was read-only stays read-only.
            if (_readOnly && File.Exists(_path)) new FileInfo(_path).IsReadOnly = true;
        }
    }

    /// <summary>What the target is among the files a write must never replace, or null.</summary>
    static string? ProtectedAs(string full, string? ledger, IEnumerable<string?> inputs)
    {
        // Case-insensitive where the usual file systems are (Windows, macOS); a case-variant on Linux is another file.
        var comparison = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        bool Same(string? other) => other != null && string.Equals(full, System.IO.Path.GetFullPath(other), comparison);
        foreach (var l in new[] { ledger, EvidencePaths.Resolve(null) })
        {
            if (l != null && S3EvidenceLocation.IsS3(l)) continue; // an S3 chain is no file a write could replace
            if (Same(l)) return "the evidence ledger";
            if (l != null && Same(EvidencePaths.LockFileFor(l))) return "the lock file of the evidence ledger";
        }
        foreach (var input in inputs)
            if (Same(input)) return "one of this command's input files";
        return null;
    }
}
