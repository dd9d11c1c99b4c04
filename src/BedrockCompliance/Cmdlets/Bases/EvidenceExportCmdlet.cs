using System.IO;

namespace BedrockCompliance.Commands.Bases;

/// <summary>
/// Shared by Export-BedrockComplianceEvidence and Export-BedrockComplianceReport: the evidence filters of
/// <see cref="EvidenceReaderCmdlet"/>, -NoClobber/-Force (declared once, in OutputFileParameters), the output-file
/// check, and one ending for a cancelled or failed write (nothing replaced, EvidenceExportFailed).
/// </summary>
public abstract class EvidenceExportCmdlet : EvidenceReaderCmdlet, IDynamicParameters
{
    readonly OutputFileParameters _replace = new OutputFileParameters();
    DynamicParameterGroups? _dynamic;

    DynamicParameterGroups Dynamic => _dynamic ??= new DynamicParameterGroups().Add(_replace);

    /// <inheritdoc />
    public object? GetDynamicParameters() => Dynamic.Offered;

    /// <summary>The checked output file, else a terminating error (it exists and -NoClobber, read-only without -Force, an input file …).</summary>
    private protected OutputFile CheckOutput(string destination, string ledger, IEnumerable<string?> inputs)
    {
        var output = OutputFile.Check(destination, Dynamic.Bound(_replace), ledger, inputs, out var refused);
        if (output == null) ThrowTerminatingError(refused!);
        return output!;
    }

    /// <summary>Runs the export into <paramref name="output"/>; null when Ctrl+C stopped it or a file error was reported.</summary>
    private protected T? Export<T>(OutputFile output, Func<T> export) where T : class
    {
        try
        {
            return export();
        }
        catch (OperationCanceledException) when (Stopping)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            WriteError(ErrorRecordFactory.EvidenceExportFailed(ex, output.Path));
            return null;
        }
    }
}
