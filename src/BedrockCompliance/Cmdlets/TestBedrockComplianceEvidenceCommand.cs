using System.IO;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Commands;

/// <summary>
/// Verifies the evidence ledger's hash chain in one streaming pass and returns one result: record count, whether it
/// is valid, the first bad line and why (Edited, Deleted, Reordered, Inserted, Torn, NotJson, InvalidUtf8,
/// Malformed), and the last hash to keep as an anchor. -Quiet returns only $true or $false (also, without an error,
/// for a ledger that does not exist). -AcknowledgeTornLine records, after review, that the torn lines found are
/// crash artefacts (one TornLineAcknowledged record each, through the engine), so they stop counting against Valid.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "BedrockComplianceEvidence", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
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

    /// <summary>
    /// Record that the torn lines found (crash artefacts, never a chain break) were reviewed: one TornLineAcknowledged
    /// record each (ShouldProcess per line), then verify again. Optionally only the given line numbers.
    /// </summary>
    [Parameter]
    public SwitchParameter AcknowledgeTornLine { get; set; }

    /// <summary>With -AcknowledgeTornLine: only these torn lines (line numbers from Problems).</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long[]? LineNumber { get; set; }

    readonly System.Threading.CancellationTokenSource _cts = new System.Threading.CancellationTokenSource();
    ByteProgress? _progress;

    protected override void StopProcessing() => _cts.Cancel();

    protected override void ProcessRecord()
    {
        string path = PowerShellPaths.ResolveEvidencePath(this, EvidencePath);
        if (!EvidencePaths.Exists(path))
        {
            // -Quiet answers the question without an error (as Test-Path does), so $ErrorActionPreference = 'Stop' does not throw.
            if (Quiet) { WriteVerbose(ErrorRecordFactory.LedgerNotFound(path).Exception.Message); WriteObject(false); }
            else WriteError(ErrorRecordFactory.LedgerNotFound(path));
            return;
        }
        EvidenceVerificationResult result;
        try
        {
            if (AcknowledgeTornLine) Acknowledge(path);
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

    void Acknowledge(string path)
    {
        var session = EvidenceSession.Open(this, new EvidenceParameters { EvidencePath = path }, indexAgreements: false, _cts.Token);
        var written = EvidenceTornAcknowledgement.Acknowledge(session.Ledger, LineNumber, line =>
            ShouldProcess($"line {line} of {path}", "Acknowledge torn line (record a TornLineAcknowledged evidence record)"), _cts.Token);
        foreach (var r in written) WriteVerbose($"Recorded {r.Action} (sequence {r.Sequence}): {r.Details}");
    }

    void Progress(long done, long total)
    {
        _progress ??= new ByteProgress(WriteProgress, 1, "Verifying evidence ledger");
        _progress.Report(done, total);
    }
}
