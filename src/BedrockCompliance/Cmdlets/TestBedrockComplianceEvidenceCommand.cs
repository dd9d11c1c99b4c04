using System.IO;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Commands;

/// <summary>
/// Verifies the evidence ledger's hash chain in one streaming pass and returns one result: record count, whether it
/// is valid, the first bad line and why (Edited, Deleted, Reordered, Inserted, Torn, NotJson, InvalidUtf8,
/// Malformed), and the last hash to keep as an anchor. -Quiet returns only $true or $false.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "BedrockComplianceEvidence")]
[OutputType(typeof(EvidenceVerificationResult))]
[OutputType(typeof(bool))]
public sealed class TestBedrockComplianceEvidenceCommand : PSCmdlet
{
    /// <summary>The ledger file (default: $env:BEDROCK_COMPLIANCE_EVIDENCE or the profile default).</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath", "LedgerPath", "Path")]
    [ValidateNotNullOrEmpty]
    public string? EvidencePath { get; set; }

    /// <summary>A hash recorded earlier (a previous LastHash): the ledger must still contain that record, which detects records cut from the end.</summary>
    [Parameter]
    [Alias("Anchor")]
    [ValidatePattern("^[0-9a-fA-F]{64}$")]
    public string? ExpectedHash { get; set; }

    /// <summary>Return $true when the ledger is valid, else $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    readonly System.Threading.CancellationTokenSource _cts = new System.Threading.CancellationTokenSource();
    ByteProgress? _progress;

    protected override void StopProcessing() => _cts.Cancel();

    protected override void ProcessRecord()
    {
        string path = PowerShellPaths.ResolveEvidencePath(this, EvidencePath);
        if (!EvidencePaths.Exists(path))
        {
            WriteError(ErrorRecordFactory.LedgerNotFound(path));
            if (Quiet) WriteObject(false);
            return;
        }
        EvidenceVerificationResult result;
        try
        {
            result = EvidenceVerifier.Verify(path, ExpectedHash, Progress, _cts.Token);
        }
        catch (OperationCanceledException) when (Stopping)
        {
            return;
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            WriteError(ErrorRecordFactory.EvidenceReadFailed(ex, path));
            if (Quiet) WriteObject(false);
            return;
        }
        WriteVerbose(result.Message);
        if (Quiet) WriteObject(result.Valid);
        else WriteObject(result);
    }

    void Progress(long done, long total)
    {
        _progress ??= new ByteProgress(WriteProgress, 1, "Verifying evidence ledger");
        _progress.Report(done, total);
    }
}
