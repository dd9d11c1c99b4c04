using System.IO;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Commands;

/// <summary>
/// Streams the records of the evidence ledger as typed objects, oldest first, filtered by time, account, model,
/// action and correlation id. A line that is not a record is reported as a non-terminating error naming its line
/// number (EvidenceLineInvalid) and reading goes on: nothing is skipped silently. Use Test- to verify the chain.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BedrockComplianceEvidence")]
[OutputType(typeof(EvidenceRecord))]
public sealed class GetBedrockComplianceEvidenceCommand : EvidenceReaderCmdlet
{
    protected override void ProcessRecord()
    {
        string path = ResolveLedgerPath();
        if (!EvidencePaths.Exists(path))
        {
            WriteError(ErrorRecordFactory.LedgerNotFound(path));
            return;
        }
        var query = BuildQuery();
        try
        {
            foreach (var item in EvidenceReader.Read(path, query, null, CancellationToken))
            {
                if (item.Record != null) WriteObject(item.Record);
                else WriteError(ErrorRecordFactory.LineInvalid(path, item.Problem!));
            }
        }
        catch (OperationCanceledException) when (Stopping)
        {
            // Ctrl+C: PowerShell stops the pipeline.
        }
        catch (IOException ex)
        {
            WriteError(ErrorRecordFactory.EvidenceReadFailed(ex, path));
        }
        catch (UnauthorizedAccessException ex)
        {
            WriteError(ErrorRecordFactory.EvidenceReadFailed(ex, path));
        }
    }
}
