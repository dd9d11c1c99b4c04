using System.Runtime.CompilerServices;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The export's per-line methods are compiled fully optimised at once. Under tiered compilation they first ran as
/// PGO-instrumented code with a counter call per branch and loop (and on-stack replacement for the batch loops), which
/// doubled the CPU time of a 300,000-line export (bench/README.md). <c>MethodImplOptions.AggressiveOptimization</c>
/// (512) is not in the netstandard2.0 enum, so the value is spelled out; runtimes that do not know it ignore it.
/// </summary>
internal static class HotPath
{
    public const MethodImplOptions Optimize = (MethodImplOptions)512;
}
