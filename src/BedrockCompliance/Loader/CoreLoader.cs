using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace BedrockCompliance.Commands.Loader;

/// <summary>
/// PowerShell 7 only (kept in its own type so Windows PowerShell never touches AssemblyLoadContext).
/// The default context is asked only for our engine; everything the engine needs is then resolved by
/// the private context.
/// </summary>
internal static class CoreLoader
{
    const string EngineName = "BedrockCompliance.Engine";
    static DependencyLoadContext? _context;

    public static void Register(string dependencyDirectory)
    {
        _context ??= new DependencyLoadContext(dependencyDirectory);
        AssemblyLoadContext.Default.Resolving += OnDefaultResolving;
    }

    public static void Unregister() => AssemblyLoadContext.Default.Resolving -= OnDefaultResolving;

    static Assembly? OnDefaultResolving(AssemblyLoadContext context, AssemblyName name) =>
        string.Equals(name.Name, EngineName, StringComparison.Ordinal) ? _context!.LoadFromAssemblyName(name) : null;
}

internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    const string ModelsName = "BedrockCompliance.Models";
    /// <summary>
    /// Where build.ps1 puts the AWS SDK's net8.0 builds, beside their netstandard2.0 builds (which Windows PowerShell
    /// loads): the same libraries and assembly versions, built for the runtime. AWSSDK.Core's net8.0 signer hashes
    /// with one-shot HMACs instead of an HMAC object, and its OpenSSL context, per hash (issue 18).
    /// </summary>
    const string Net8Folder = "net8.0";
    readonly string _directory;
    readonly string? _net8Directory;
    readonly Lazy<Dictionary<string, string>> _hostAssemblies = new Lazy<Dictionary<string, string>>(ReadTrustedPlatformAssemblies);

    public DependencyLoadContext(string directory)
    {
        _directory = directory;
        if (Environment.Version.Major >= 8) _net8Directory = Path.Combine(directory, Net8Folder);
    }

    protected override Assembly? Load(AssemblyName name)
    {
        // The public output types must have one identity for PowerShell and the engine.
        if (string.Equals(name.Name, ModelsName, StringComparison.Ordinal))
            return typeof(LicenseCategory).Assembly;

        // Framework and PowerShell's own assemblies win when they are new enough: loading a
        // netstandard shim (System.Memory …) privately would split type identities. The default context
        // refuses a host copy older than the reference, and then the private copy is used.
        if (name.Name != null && _hostAssemblies.Value.ContainsKey(name.Name))
        {
            try { return Default.LoadFromAssemblyName(name); }
            catch (FileLoadException) { }
            catch (FileNotFoundException) { }
        }

        string file = name.Name + ".dll";
        string? path = Existing(_net8Directory, file) ?? Existing(_directory, file);
        return path != null ? LoadFromAssemblyPath(path) : null;
    }

    static string? Existing(string? directory, string file) =>
        directory != null && File.Exists(Path.Combine(directory, file)) ? Path.Combine(directory, file) : null;

    static Dictionary<string, string> ReadTrustedPlatformAssemblies()
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var tpa = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        foreach (var path in tpa.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
        {
            string file = Path.GetFileNameWithoutExtension(path);
            if (!result.ContainsKey(file)) result[file] = path;
        }
        return result;
    }
}
