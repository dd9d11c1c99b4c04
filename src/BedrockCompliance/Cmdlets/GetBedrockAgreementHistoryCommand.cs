using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.History;

namespace BedrockCompliance.Commands;

/// <summary>
/// Who accepted which model's terms, and when, from CloudTrail event history (the last 90 days): deliberate acceptances
/// through this module or another client, implicit ones by first invocation, deletions, use-case and data-retention
/// changes; each acceptance without a matching intent in the ledger is marked outside review. -Import records each
/// acceptance once (by CloudTrail event ID) as AcceptanceObserved evidence.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BedrockAgreementHistory")]
[OutputType(typeof(BedrockAgreementEvent))]
public sealed class GetBedrockAgreementHistoryCommand : BedrockAwsCmdlet
{
    private protected override bool RecordsEvidence => true;

    /// <summary>Only these models (wildcards allowed); events that name no model are always returned.</summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completion.ModelIdCompleter))]
    public string[]? ModelId { get; set; }

    /// <summary>The start of the window (default and earliest: 90 days ago, CloudTrail's event history).</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    /// <summary>Skip the look-up of first invocations (implicit acceptances); fewer LookupEvents calls.</summary>
    [Parameter]
    public SwitchParameter ExcludeInvocations { get; set; }

    /// <summary>Also report agreements older than the window from the live availability (one call per model).</summary>
    [Parameter]
    public SwitchParameter IncludeCurrentState { get; set; }

    /// <summary>Record each acceptance found as AcceptanceObserved evidence, once per CloudTrail event ID.</summary>
    [Parameter]
    public SwitchParameter Import { get; set; }

    HistoryLedgerIndex? _index;
    DateTimeOffset _since;
    WildcardPattern[]? _models;

    private protected override string Activity => "Reading agreement history from CloudTrail";

    protected override void BeginProcessing()
    {
        var earliest = DateTimeOffset.UtcNow - AgreementHistoryService.History;
        _since = Since.HasValue ? new DateTimeOffset(Since.Value.ToUniversalTime()) : earliest;
        if (_since < earliest)
        {
            WriteWarning($"CloudTrail event history keeps 90 days: reading from {earliest:yyyy-MM-dd} instead of {_since:yyyy-MM-dd}. Use -IncludeCurrentState for agreements made earlier.");
            _since = earliest;
        }
        _models = ModelId?.Select(m => new WildcardPattern(m, WildcardOptions.IgnoreCase)).ToArray();
        var session = OpenEvidence();
        _index = HistoryLedgerIndex.Build(session.Path, CancellationToken);
        if (Import) Evidence = session; // the engine records only when a session is given
    }

    private protected override async Task RunForTargetAsync(TargetServices services, IReadOnlyList<object?> items, CancellationToken ct)
    {
        string? accountId = await services.GetAccountIdAsync(ct).ConfigureAwait(false);
        string region = services.Target.Connection.Region;
        var connection = services.Target.Connection.WithRateLimiter(AgreementHistoryService.LimiterFor(accountId, region));
        var cloudTrail = new CloudTrailClient(new AwsHttpSender(connection) { Trace = services.Host.Debug });
        var history = new AgreementHistoryService(cloudTrail, services.Bedrock, LicenseCatalog.Default, services.Host)
        {
            IncludeInvocations = !ExcludeInvocations,
            IncludeCurrentState = IncludeCurrentState,
        };
        var models = _models;
        var events = await history.GetAsync(accountId, region, _since, _index, models == null ? null : id => models.Any(p => p.IsMatch(id)), ct).ConfigureAwait(false);
        var importer = Import && services.Evidence != null ? new AcceptanceImporter(services.Evidence, _index!, LicenseCatalog.Default) : null;
        foreach (var e in events)
        {
            e.AccountName = services.Target.Context?.AccountName;
            if (importer != null) await importer.ImportAsync(e, ct).ConfigureAwait(false);
            if (e.OutsideReview) Pump.WriteVerbose($"{e.ModelId} in {services.Target.Label}: accepted outside review by {e.PrincipalArn ?? "(unknown)"} at {e.EventTime:yyyy-MM-ddTHH:mm:ssZ} ({e.AcceptedVia}).");
            Emit(services, e);
        }
    }
}
