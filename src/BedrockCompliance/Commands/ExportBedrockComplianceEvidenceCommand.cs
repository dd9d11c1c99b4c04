using System;
using System.IO;
using System.Management.Automation;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Commands
{
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
    public sealed class ExportBedrockComplianceEvidenceCommand : EvidenceCmdletBase
    {
        const string PathSet = "Path";
        const string LiteralPathSet = "LiteralPath";

        /// <summary>The CSV file to write (wildcards resolve to one existing file).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = "";

        /// <summary>Do not overwrite an existing file.</summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Overwrite a read-only file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write lines that are not records as 'InvalidLine' rows instead of failing.</summary>
        [Parameter]
        public SwitchParameter IncludeInvalid { get; set; }

        /// <summary>Return the written file.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            string? destination = ResolveDestination();
            if (destination == null) return;
            string ledger = ResolveLedgerPath();
            if (!File.Exists(ledger))
                ThrowTerminatingError(EvidenceErrors.LedgerNotFound(ledger));
            var query = BuildQuery();

            if (Directory.Exists(destination))
                ThrowTerminatingError(EvidenceErrors.PathIsDirectory(destination));
            var existing = new FileInfo(destination);
            bool exists = existing.Exists;
            if (exists && NoClobber)
                ThrowTerminatingError(EvidenceErrors.FileExists(destination));
            bool readOnly = exists && existing.IsReadOnly;
            if (readOnly && !Force)
                ThrowTerminatingError(EvidenceErrors.FileReadOnly(destination));

            string action = exists ? $"Overwrite with evidence exported from '{ledger}'" : $"Export evidence from '{ledger}' to CSV";
            if (!ShouldProcess(destination, action)) return;

            if (readOnly) existing.IsReadOnly = false;
            EvidenceCsvExportResult result;
            try
            {
                result = EvidenceCsvExporter.ExportToFile(ledger, destination, new EvidenceCsvExportOptions
                {
                    Query = query,
                    IncludeInvalid = IncludeInvalid,
                    Progress = (done, total) => ReportProgress(2, "Exporting evidence to CSV", done, total),
                }, CancellationToken);
            }
            catch (OperationCanceledException) when (Stopping)
            {
                return;
            }
            catch (EvidenceLineException ex)
            {
                WriteError(EvidenceErrors.ExportLineInvalid(ex));
                return;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(EvidenceErrors.ExportFailed(ex, destination));
                return;
            }
            finally
            {
                // As Export-Csv -Force does: a file that was read-only stays read-only.
                if (readOnly && File.Exists(destination)) new FileInfo(destination).IsReadOnly = true;
            }
            WriteVerbose($"Exported {result.RecordsWritten} record(s) of {result.LinesRead} line(s) to '{destination}'" +
                (result.InvalidLinesWritten > 0 ? $", including {result.InvalidLinesWritten} invalid line(s) as InvalidLine rows." : "."));
            if (result.InvalidLinesWritten > 0)
                WriteWarning($"{result.InvalidLinesWritten} ledger line(s) are not records; they are in the CSV as 'InvalidLine' rows. Run Test-BedrockComplianceEvidence.");
            if (PassThru)
            {
                // Through the provider, so the object carries PSPath and the file-system view's Mode and Length.
                var items = InvokeProvider.Item.Get(new[] { destination }, false, true);
                if (items.Count > 0) WriteObject(items[0]);
                else WriteObject(new FileInfo(destination));
            }
        }

        /// <summary>Like Export-Csv: -Path resolves wildcards to one existing file, else is taken as a new file's path.</summary>
        string? ResolveDestination()
        {
            ProviderInfo provider;
            string resolved;
            string given = ParameterSetName == LiteralPathSet ? LiteralPath : Path;
            if (ParameterSetName == LiteralPathSet)
            {
                resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(LiteralPath, out provider, out _);
            }
            else
            {
                try
                {
                    var paths = SessionState.Path.GetResolvedProviderPathFromPSPath(Path, out provider);
                    if (paths.Count > 1)
                        ThrowTerminatingError(EvidenceErrors.PathAmbiguous(Path, paths.Count));
                    resolved = paths.Count == 1 ? paths[0] : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out provider, out _);
                }
                catch (ItemNotFoundException)
                {
                    resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path, out provider, out _);
                }
            }
            if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                ThrowTerminatingError(EvidenceErrors.NotFileSystem(given, provider.Name));
            return resolved;
        }
    }
}
