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
    readonly string _directory;
    readonly Lazy<Dictionary<string, string>> _hostAssemblies = new Lazy<Dictionary<string, string>>(ReadTrustedPlatformAssemblies);

    public DependencyLoadContext(string directory) => _directory = directory;

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

        string path = Path.Combine(_directory, name.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

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
