using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Policy;

namespace BedrockCompliance.Commands.Hosting;

/// <summary>
/// The input files cmdlets read — the licence catalog overlay (-CatalogPath) and the licence policy (-Policy) —
/// resolved through <see cref="PowerShellPaths"/> and loaded, or a terminating error naming the file and field.
/// </summary>
internal static class InputFiles
{
    /// <summary>The built-in catalog overlaid by -CatalogPath (default: $env:BEDROCK_COMPLIANCE_CATALOG).</summary>
    public static LicenseCatalog LoadCatalog(PSCmdlet cmdlet, CatalogParameters parameters)
    {
        string? catalogPath = parameters.CatalogPath;
        try
        {
            string? path = PowerShellPaths.ResolveOptional(cmdlet, catalogPath);
            if (path != null && NotAFile(path) is { } kind) throw new CatalogFormatException(path, null, null, $"is {kind}; expected a regular JSON file.");
            var catalog = LicenseCatalog.Resolve(path);
            if (catalog.OverridePath != null)
                cmdlet.WriteVerbose($"Licence catalog: built-in entries overlaid by '{catalog.OverridePath}'.");
            return catalog;
        }
        catch (CatalogFormatException ex)
        {
            cmdlet.ThrowTerminatingError(ErrorRecordFactory.InvalidCatalog(ex, catalogPath));
            throw; // unreachable
        }
    }

    /// <summary>
    /// A FIFO, device or socket (opening a FIFO would block; a device never ends): refused before any read. A symlink
    /// is read through (the read is bounded anyway); a folder gets the readers' own message.
    /// </summary>
    static string? NotAFile(string path)
    {
        string? kind = FileKind.NotRegular(path);
        return kind == null || kind == "a directory" || kind.Contains("symbolic link") ? null : kind;
    }

    /// <summary>Loads the policy (cached) or throws a terminating InvalidLicensePolicy error naming the file and field.</summary>
    public static PolicyEvaluator LoadPolicy(PSCmdlet cmdlet, string policyPath, DateTime? asOf)
    {
        try
        {
            string path = PowerShellPaths.Resolve(cmdlet, policyPath);
            if (NotAFile(path) is { } kind) throw new LicensePolicyException(path, null, $"is {kind}; expected a regular JSON file.");
            var policy = LicensePolicy.Load(path);
            cmdlet.WriteVerbose($"Licence policy '{policy.DisplayName}' ({policy.Source}, SHA-256 {policy.Sha256}): {policy.Approvals.Count} approval(s).");
            DateTime? asOfUtc = asOf.HasValue ? (asOf.Value.Kind == DateTimeKind.Local ? asOf.Value.ToUniversalTime() : asOf.Value) : (DateTime?)null;
            return PolicyEvaluator.AsOf(policy, asOfUtc);
        }
        catch (LicensePolicyException ex)
        {
            cmdlet.ThrowTerminatingError(ErrorRecordFactory.InvalidPolicy(ex, policyPath));
            throw; // unreachable
        }
        catch (Exception ex) when (ex is ItemNotFoundException || ex is DriveNotFoundException || ex is ProviderNotFoundException || ex is NotSupportedException)
        {
            cmdlet.ThrowTerminatingError(ErrorRecordFactory.InvalidPolicy(new LicensePolicyException(policyPath, null, ex.Message, ex), policyPath));
            throw; // unreachable
        }
    }
}
