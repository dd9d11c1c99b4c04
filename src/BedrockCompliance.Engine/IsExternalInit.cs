namespace System.Runtime.CompilerServices;

/// <summary>
/// The marker the compiler needs for init-only setters and records; netstandard2.0 does not ship it (later frameworks
/// do, so this one stays internal and is never seen outside the engine).
/// </summary>
internal static class IsExternalInit
{
}
