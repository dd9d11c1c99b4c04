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
    /// <param name="recording">-EvidencePath (else the environment, else the default), -CorrelationId (else
    /// $env:BEDROCK_COMPLIANCE_RUN_ID, else a new id) and the S3 retention.</param>
    public static EvidenceSession Open(PSCmdlet cmdlet, EvidenceParameters recording, bool indexAgreements, CancellationToken ct)
    {
        string? evidencePath = recording.EvidencePath, correlationId = recording.CorrelationId;
        string path = PowerShellPaths.ResolveEvidencePath(cmdlet, evidencePath, forWriting: true);
        if (S3EvidenceLocation.IsS3(path)) ConnectS3(cmdlet, path, recording);
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

    /// <summary>
    /// An s3:// chain is reached as the command's own AWS calls are: its -Region (the first), -ProfileName,
    /// -EndpointUrl, -Credential or -AccessKey/-SecretKey/-SessionToken, then $StoredAWSCredentials/$StoredAWSRegion
    /// and the environment. A command that calls no AWS service uses the environment's.
    /// </summary>
    static void ConnectS3(PSCmdlet cmdlet, string uri, EvidenceParameters retention)
    {
        var request = cmdlet is Bases.BedrockAwsCmdlet aws ? aws.OwnConnectionRequest() : new Engine.Aws.ConnectionRequest();
        try
        {
            EvidenceRetentionMode? mode = retention.RetentionMode == null ? null
                : (EvidenceRetentionMode)Enum.Parse(typeof(EvidenceRetentionMode), retention.RetentionMode, ignoreCase: true);
            var options = S3EvidenceStoreOptions.Resolve(retention.RetentionDays, mode);
            var store = S3EvidenceStores.Connect(uri, request, options);
            cmdlet.WriteVerbose($"Evidence store: {store.Location} on S3 endpoint {store.Endpoint}" +
                (options.RetentionDays is int d ? $", each object locked for {d} day(s) in {options.RetentionMode} mode." : ", no per-object retention (the bucket's default retention, if any, applies)."));
        }
        catch (Exception ex) when (ex is ArgumentException || ex is Engine.Aws.AwsConfigurationException)
        {
            cmdlet.ThrowTerminatingError(ErrorRecordFactory.EvidenceLocationInvalid(uri, ex.Message));
        }
    }
}
