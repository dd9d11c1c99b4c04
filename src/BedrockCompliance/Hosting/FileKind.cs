using System.IO;
using System.Runtime.InteropServices;

namespace BedrockCompliance.Commands.Hosting;

/// <summary>
/// What an existing path is, without following a final symlink. .NET reports a FIFO, a device and a socket as
/// "Normal" files (and PowerShell's UnixMode shows a FIFO as '-'), and opening a FIFO for writing blocks, so on
/// Unix this asks the runtime's own System.Native shim (lstat behind a platform-independent struct).
/// </summary>
internal static class FileKind
{
    /// <summary>Null for a regular file (or nothing there); otherwise what it is, for the error message.</summary>
    public static string? NotRegular(string path)
    {
        FileAttributes attributes;
        try { attributes = File.GetAttributes(path); }
        catch (Exception ex) when (ex is FileNotFoundException || ex is DirectoryNotFoundException) { return null; }
        if ((attributes & FileAttributes.ReparsePoint) != 0) return "a symbolic link (or other reparse point)";
        if ((attributes & FileAttributes.Directory) != 0) return "a directory";
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return null;
        int type = UnixFileType(path);
        return type switch
        {
            -1 or 0x8000 => null, // unknown (shim missing: the attribute checks above still hold) or a regular file
            0x1000 => "a named pipe (FIFO)",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0xC000 => "a socket",
            0xA000 => "a symbolic link",
            _ => "not a regular file",
        };
    }

    // The path marshals as UTF-8 (ANSI is UTF-8 on Unix .NET). SystemNative_LStat(path, FileStatus*): FileStatus starts { int32 Flags; int32 Mode; ... } on every Unix;
    // Mode carries the S_IFMT bits with Linux's values. The buffer is generous so later struct growth is harmless.
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    static extern int LStat(string path, byte[] status);

    static int UnixFileType(string path)
    {
        try
        {
            var status = new byte[512];
            if (LStat(path, status) != 0) return -1;
            return BitConverter.ToInt32(status, 4) & 0xF000;
        }
        catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
        {
            return -1;
        }
    }
}
