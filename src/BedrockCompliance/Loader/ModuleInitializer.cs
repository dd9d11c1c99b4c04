using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace BedrockCompliance.Commands.Loader;

/// <summary>
/// Dependency isolation (PSResourceGet / "resolving PowerShell module assembly dependency conflicts"):
/// the engine and its third-party assemblies (AWSSDK.Core, CsvHelper …) live in 'dependencies/' and load
/// into a private AssemblyLoadContext on PowerShell 7, so another module's AWSSDK.Core never collides with
/// ours. Windows PowerShell 5.1 has no load contexts; a resolve handler serves the same folder there.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    internal static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
    internal static readonly string DependencyDirectory = Path.Combine(ModuleDirectory, "dependencies");

    internal static bool IsNetFramework =>
        RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase);

    public void OnImport()
    {
        if (IsNetFramework)
            AppDomain.CurrentDomain.AssemblyResolve += ResolveOnNetFramework;
        else
            CoreLoader.Register(DependencyDirectory);
    }

    public void OnRemove(PSModuleInfo module)
    {
        if (IsNetFramework)
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveOnNetFramework;
        else
            CoreLoader.Unregister();
    }

    static Assembly? ResolveOnNetFramework(object? sender, ResolveEventArgs args)
    {
        // Answer only for our own assemblies' requests, as PSResourceGet does.
        var requester = args.RequestingAssembly?.Location;
        if (requester != null && !requester.StartsWith(ModuleDirectory, StringComparison.OrdinalIgnoreCase))
            return null;
        string path = Path.Combine(DependencyDirectory, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
