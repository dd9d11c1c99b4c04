using System.IO;
using BedrockCompliance.Engine.Report;

namespace BedrockCompliance.Commands;

/// <summary>
/// Writes the report to hand to an auditor: one self-contained HTML file (no script, font or network reference),
/// readable printed, with the scope and runs, the evidence chain's result and last hash, the policy's hash and
/// approvals, acceptances outside review, privacy checks with the failures first, and an accounts × models matrix.
/// Streams from the ledger; live results piped in (verdicts, privacy results, access results, agreement history)
/// are shown as well. Written beside the target and moved into place when complete.
/// </summary>
[Cmdlet(VerbsData.Export, "BedrockComplianceReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(BedrockComplianceReport))]
public sealed class ExportBedrockComplianceReportCommand : EvidenceExportCmdlet
{
    /// <summary>The HTML file to write.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Live results to include: Test-BedrockModelLicense verdicts, Test-BedrockDataPrivacy results, Test-BedrockModelAccess results, Get-BedrockAgreementHistory events.</summary>
    [Parameter(ValueFromPipeline = true)]
    [AllowNull, AllowEmptyCollection]
    public PSObject[]? InputObject { get; set; }

    /// <summary>The licence policy whose name, SHA-256 and approvals the report states (default: the ones the records name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Policy { get; set; }

    /// <summary>The report's title.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Title { get; set; }

    /// <summary>Return what was written (path, figures, chain result).</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    readonly List<object> _live = new List<object>();

    protected override void ProcessRecord()
    {
        foreach (var item in InputObject ?? Array.Empty<PSObject>())
            if (item?.BaseObject != null) _live.Add(item.BaseObject);
    }

    protected override void EndProcessing()
    {
        string destination = PowerShellPaths.Resolve(this, Path);
        string ledger = ResolveLedgerPath();
        string? policyPath = Policy == null ? null : PowerShellPaths.Resolve(this, Policy);
        var output = CheckOutput(destination, ledger, new[] { policyPath });
        if (!File.Exists(ledger)) WriteWarning($"The evidence ledger '{ledger}' does not exist: the report shows only the results given to it.");
        if (!ShouldProcess(output.Path, output.Exists ? $"Overwrite with the compliance report of '{ledger}'" : $"Write the compliance report of '{ledger}'")) return;

        var data = new ComplianceReportBuilder();
        if (Policy != null) data.UsePolicy(InputFiles.LoadPolicy(this, Policy, null).Policy);
        var result = Export(output, () =>
        {
            data.ReadLedger(ledger, BuildQuery(), CancellationToken, (done, total) => ReportProgress(3, "Reading the evidence for the report", done, total));
            foreach (var item in _live) data.AddLive(item);
            return output.Write(stream => ComplianceReport.Write(data, stream, Title, CancellationToken));
        });
        if (result == null) return;
        result.Path = output.Path;
        WriteVerbose($"Report '{output.Path}': {result.AccountCount} account(s), {result.ModelRows} model row(s), {result.RecordCount} record(s), " +
            $"{result.OutsideReviewCount} acceptance(s) outside review, chain valid: {result.ChainValid}; {result.Bytes} bytes in {result.RenderSeconds:0.00} s.");
        if (!result.ChainValid && File.Exists(ledger)) WriteWarning("The evidence chain does not verify; the report says so. Run Test-BedrockComplianceEvidence for details.");
        if (PassThru) WriteObject(result);
    }
}
