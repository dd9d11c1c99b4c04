using BedrockCompliance.Engine;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Commands.Hosting;

/// <summary>
/// The evidence ledger of one command run, opened once so every record of the run shares its correlation id, and
/// optionally what it already holds about agreements. Cmdlets hand it to the engine; they never write records.
/// </summary>
internal sealed class EvidenceSession
{
    EvidenceSession(EvidenceLedger ledger, AgreementLedgerIndex? index)
    {
        Ledger = ledger;
        AgreementIndex = index;
    }

    public EvidenceLedger Ledger { get; }
    public AgreementLedgerIndex? AgreementIndex { get; }
    public string Path => Ledger.Path;

    /// <param name="indexAgreements">Read what the ledger holds about agreements, so reruns write nothing twice.</param>
    /// <param name="correlationId">-CorrelationId; else $env:BEDROCK_COMPLIANCE_RUN_ID; else a new id (CorrelationIds).</param>
    public static EvidenceSession Open(PSCmdlet cmdlet, string? evidencePath, bool indexAgreements, CancellationToken ct, string? correlationId = null)
    {
        string path = PowerShellPaths.ResolveEvidencePath(cmdlet, evidencePath, forWriting: true);
        (string? runId, string runIdSource) = (null, "");
        try { (runId, runIdSource) = CorrelationIds.Resolve(correlationId); }
        catch (ArgumentException ex)
        {
            cmdlet.ThrowTerminatingError(new ErrorRecord(ex, "InvalidCorrelationId", ErrorCategory.InvalidArgument, correlationId));
        }
        var ledger = EvidenceLedger.Open(path, EvidenceContext.Create(null, runId));
        // Before the command changes anything (accepts an agreement, invokes a model): a ledger that cannot be
        // written stops it here with a specific error, not after the AWS call.
        try { ledger.EnsureWritable(); }
        catch (ComplianceException ex) { cmdlet.ThrowTerminatingError(ErrorRecordFactory.From(ex, path)); }
        cmdlet.WriteVerbose($"Evidence: {ledger.Path}, correlation id {ledger.Context.CorrelationId} (from {runIdSource}).");
        return new EvidenceSession(ledger, indexAgreements ? AgreementLedgerIndex.Build(ledger.Path, ct) : null);
    }
}
