using System.Reflection;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// What every record of one run shares: the correlation id (one per run), module version, OS user and machine
/// (filled automatically) and the IAM principal ARN (supplied by the caller once it is known, e.g. from
/// sts:GetCallerIdentity). Immutable: create one per run with the principal once it is known.
/// </summary>
public sealed class EvidenceContext
{
    EvidenceContext() { }

    public string CorrelationId { get; private init; } = "";
    public string? PrincipalArn { get; private init; }
    public string ModuleVersion { get; private init; } = "";
    public string OsUser { get; private init; } = "";
    public string Machine { get; private init; } = "";

    /// <summary>A context for a new run: a fresh correlation id unless one is given.</summary>
    public static EvidenceContext Create(string? principalArn = null, string? correlationId = null) => new EvidenceContext
    {
        CorrelationId = string.IsNullOrWhiteSpace(correlationId) ? Guid.NewGuid().ToString("D") : correlationId!.Trim(),
        PrincipalArn = string.IsNullOrWhiteSpace(principalArn) ? null : principalArn!.Trim(),
        ModuleVersion = CurrentModuleVersion,
        OsUser = CurrentOsUser(),
        Machine = SafeMachineName(),
    };

    /// <summary>The module version (the engine assembly's informational version without build metadata).</summary>
    public static string CurrentModuleVersion { get; } = ReadModuleVersion();

    static string ReadModuleVersion()
    {
        var asm = typeof(EvidenceContext).Assembly;
        string? v = asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(v)) v = asm.GetName().Version?.ToString() ?? "0.0.0";
        int plus = v!.IndexOf('+');
        return plus > 0 ? v.Substring(0, plus) : v;
    }

    static string CurrentOsUser()
    {
        string user;
        try { user = Environment.UserName; }
        catch (Exception) { user = "unknown"; }
        if (string.IsNullOrEmpty(user)) user = "unknown";
        try
        {
            string domain = Environment.UserDomainName;
            if (IsWindows && !string.IsNullOrEmpty(domain)) return domain + "\\" + user;
        }
        catch (Exception) { /* no domain on this platform */ }
        return user;
    }

    static string SafeMachineName()
    {
        try { return Environment.MachineName; }
        catch (Exception) { return "unknown"; }
    }

    internal static bool IsWindows => System.IO.Path.DirectorySeparatorChar == '\\';
}
