using System.IO;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Commands;

/// <summary>
/// Exports evidence records to a CSV file an auditor can open safely: UTF-8 with BOM, RFC 4180, the documented
/// column order, ISO-8601 UTC timestamps, and cells that start with = + - @, tab or CR prefixed with ' so a
/// spreadsheet never runs them. Streams in constant memory. The file is written beside the target and moved into
/// place when complete, so a failed or cancelled export leaves an existing file as it was.
/// A ledger line that is not a record stops the export with EvidenceLineInvalid (naming the line) unless
/// -IncludeInvalid puts it in the CSV as an 'InvalidLine' row: evidence is never dropped silently.
/// </summary>
[Cmdlet(VerbsData.Export, "BedrockComplianceEvidence", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(FileInfo))]
public sealed class ExportBedrockComplianceEvidenceCommand : EvidenceExportCmdlet
{
    const string PathSet = "Path";
    const string LiteralPathSet = "LiteralPath";

    /// <summary>The CSV file to write (wildcards must resolve to one existing file).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = "";

    /// <summary>Write lines that are not records as 'InvalidLine' rows instead of failing.</summary>
    [Parameter]
    public SwitchParameter IncludeInvalid { get; set; }

    /// <summary>Return the written file.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        string destination = PowerShellPaths.Resolve(this, ParameterSetName == LiteralPathSet ? LiteralPath : Path, literal: ParameterSetName == LiteralPathSet);
        string ledger = ResolveLedgerPath();
        if (!EvidencePaths.Exists(ledger))
            ThrowTerminatingError(ErrorRecordFactory.LedgerNotFound(ledger));
        var query = BuildQuery();

        var output = CheckOutput(destination, ledger, Array.Empty<string>());

        string action = output.Exists ? $"Overwrite with evidence exported from '{ledger}'" : $"Export evidence from '{ledger}' to CSV";
        if (!ShouldProcess(output.Path, action)) return;

        var options = new EvidenceCsvExportOptions
        {
            Query = query,
            IncludeInvalid = IncludeInvalid,
            Progress = (done, total) => ReportProgress(2, "Exporting evidence to CSV", done, total),
        };
        EvidenceCsvExportResult? result;
        try
        {
            result = Export(output, () => output.Write(stream =>
            {
                using var source = EvidenceReader.OpenStream(ledger, CancellationToken);
                return EvidenceCsvExporter.Export(source, ledger, stream, options, CancellationToken);
            }));
        }
        catch (EvidenceLineException ex)
        {
            WriteError(ErrorRecordFactory.LineInvalid(ex));
            return;
        }
        if (result == null) return;
        WriteVerbose($"Exported {result.RecordsWritten} record(s) of {result.LinesRead} line(s) to '{output.Path}'" +
            (result.InvalidLinesWritten > 0 ? $", including {result.InvalidLinesWritten} invalid line(s) as InvalidLine rows." : "."));
        if (result.InvalidLinesWritten > 0)
            WriteWarning($"{result.InvalidLinesWritten} ledger line(s) are not records; they are in the CSV as 'InvalidLine' rows. Run Test-BedrockComplianceEvidence.");
        if (PassThru)
        {
            // Through the provider, so the object carries PSPath and the file-system view's Mode and Length.
            var items = InvokeProvider.Item.Get(new[] { output.Path }, false, true);
            if (items.Count > 0) WriteObject(items[0]);
            else WriteObject(new FileInfo(output.Path));
        }
    }
}
