using BedrockCompliance.Commands.Completion;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Commands.Bases;

/// <summary>
/// Shared by Get- and Export-BedrockComplianceEvidence: -EvidencePath and the filters, ledger path resolution,
/// Ctrl+C (a cancellation token) and throttled progress.
/// </summary>
public abstract class EvidenceReaderCmdlet : PSCmdlet
{
    /// <summary>The ledger file (PowerShell path; default: $env:BEDROCK_COMPLIANCE_EVIDENCE or the profile default).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("LedgerPath")]
    [ValidateNotNullOrEmpty]
    public string? EvidencePath { get; set; }

    /// <summary>Records at or after this time (local times are converted to UTC).</summary>
    [Parameter]
    [Alias("After", "StartTime")]
    public DateTime? Since { get; set; }

    /// <summary>Records at or before this time.</summary>
    [Parameter]
    [Alias("Before", "EndTime")]
    public DateTime? Until { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? AccountId { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.ModelIdCompleter))]
    public string[]? ModelId { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EvidenceActionCompleter))]
    public string[]? Action { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? CorrelationId { get; set; }

    readonly CancellationTokenSource _cts = new CancellationTokenSource();
    protected CancellationToken CancellationToken => _cts.Token;

    protected override void StopProcessing() => _cts.Cancel();

    /// <summary>Explicit (PowerShell path, PSDrives allowed) &gt; BEDROCK_COMPLIANCE_EVIDENCE &gt; default.</summary>
    protected string ResolveLedgerPath() => PowerShellPaths.ResolveEvidencePath(this, EvidencePath);

    private protected EvidenceQuery BuildQuery()
    {
        if (Since.HasValue && Until.HasValue && Since.Value.ToUniversalTime() > Until.Value.ToUniversalTime())
            ThrowTerminatingError(ErrorRecordFactory.InvalidTimeRange(Since));
        return new EvidenceQuery
        {
            Since = Since?.ToUniversalTime(),
            Until = Until?.ToUniversalTime(),
            AccountId = Filter(nameof(AccountId), AccountId),
            ModelId = Filter(nameof(ModelId), ModelId),
            Action = Filter(nameof(Action), Action),
            CorrelationId = Filter(nameof(CorrelationId), CorrelationId),
        };
    }

    /// <summary>The matcher of one wildcard filter (null: not filtered); a malformed pattern stops the command first.</summary>
    Func<string?, bool>? Filter(string parameter, string[]? patterns)
    {
        WildcardFilters.Require(this, parameter, patterns);
        if (patterns == null || patterns.Length == 0) return null;
        var compiled = patterns.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
        return value => value != null && compiled.Any(p => p.IsMatch(value));
    }

    ByteProgress? _progress;

    /// <summary>Progress by bytes, at most four times a second.</summary>
    protected void ReportProgress(int activityId, string activity, long done, long total)
    {
        _progress ??= new ByteProgress(WriteProgress, activityId, activity);
        _progress.Report(done, total);
    }
}
