using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Hosting;

namespace BedrockCompliance.Engine.History;

/// <summary>
/// Reconstructs one account and Region's agreement history from CloudTrail event history (LookupEvents: management
/// events, the last 90 days, one attribute per query, 50 a page, 2 calls per second per account and Region): one
/// query per event name, every page; the first successful invocation of a model with no deliberate acceptance before
/// it is the implicit acceptance; with <see cref="IncludeCurrentState"/>, agreements that exist but have no event in
/// the window are reported from GetFoundationModelAvailability. Acceptances with no intent in the ledger are marked
/// outside review.
/// </summary>
internal sealed class AgreementHistoryService(CloudTrailClient cloudTrail, BedrockClient bedrock, LicenseCatalog catalog, IOperationHost host)
{
    /// <summary>CloudTrail's LookupEvents limit (reference §7.2).</summary>
    public const double LookupCallsPerSecond = 2;
    public static readonly TimeSpan History = TimeSpan.FromDays(90);

    /// <summary>Also look for implicit acceptances (first invocations); costs a query per invocation operation.</summary>
    public bool IncludeInvocations { get; set; } = true;
    /// <summary>Also report agreements older than the window from the live availability (one call per model).</summary>
    public bool IncludeCurrentState { get; set; }

    /// <summary>The pacing of LookupEvents for an account and Region: one shared limiter, at the service's rate.</summary>
    public static Accounts.AccountRateLimiter LimiterFor(string? accountId, string region) =>
        Accounts.AccountRateLimiter.For($"cloudtrail-lookup:{accountId}:{region}", LookupCallsPerSecond);

    public async Task<IReadOnlyList<BedrockAgreementEvent>> GetAsync(string? accountId, string region, DateTimeOffset since, HistoryLedgerIndex? ledger,
        Func<string, bool>? modelFilter, CancellationToken ct)
    {
        var events = new List<BedrockAgreementEvent>();
        foreach (var name in AgreementEventParser.ChangeNames)
            events.AddRange(await LookupAsync("EventName", name, since, region, ct).ConfigureAwait(false));
        if (region == "us-east-1")
            events.AddRange(await LookupAsync("EventSource", AgreementEventParser.MarketplaceSource, since, region, ct).ConfigureAwait(false));

        var firstInvocations = new Dictionary<string, BedrockAgreementEvent>(StringComparer.Ordinal);
        if (IncludeInvocations)
            foreach (var name in AgreementEventParser.InvocationNames)
                foreach (var e in await LookupAsync("EventName", name, since, region, ct).ConfigureAwait(false))
                {
                    if (e.ErrorCode != null || e.ModelId == null) continue;
                    string model = FoundationModel(e.ModelId);
                    if (!firstInvocations.TryGetValue(model, out var first) || e.EventTime < first.EventTime) firstInvocations[model] = e;
                }

        foreach (var e in events) { e.AccountId ??= accountId; if (e.ModelId != null) e.ModelId = FoundationModel(e.ModelId); }
        foreach (var kv in firstInvocations)
        {
            var invocation = kv.Value;
            invocation.AccountId ??= accountId;
            invocation.ModelId = kv.Key;
            bool deliberateBefore = events.Any(x => x.IsAcceptance && x.ModelId == kv.Key && x.EventTime <= invocation.EventTime);
            if (deliberateBefore || !NeedsAgreement(kv.Key)) continue;
            invocation.IsAcceptance = true;
            invocation.AcceptedVia = AcceptanceVia.FirstInvocation;
            events.Add(invocation);
        }
        foreach (var e in events) if (e.AcceptedVia != null && !e.IsAcceptance) e.AcceptedVia = null;

        if (IncludeCurrentState) events.AddRange(await CurrentStateAsync(accountId, region, events, ct).ConfigureAwait(false));
        foreach (var e in events)
            if (e.IsAcceptance) e.OutsideReview = ledger == null || !ledger.HasIntentFor(e.AccountId, e.Region, e.ModelId, e.AcceptedVia == AcceptanceVia.BeforeHistory ? null : e.EventTime);
        return events.Where(e => modelFilter == null || e.ModelId == null || modelFilter(e.ModelId))
            .OrderBy(e => e.EventTime ?? DateTime.MinValue).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();
    }

    async Task<List<BedrockAgreementEvent>> LookupAsync(string key, string value, DateTimeOffset since, string region, CancellationToken ct)
    {
        var result = new List<BedrockAgreementEvent>();
        string? token = null;
        int pages = 0;
        do
        {
            ct.ThrowIfCancellationRequested();
            var page = await cloudTrail.LookupEventsAsync(key, value, since, null, token, ct).ConfigureAwait(false);
            pages++;
            result.AddRange(page.Events.Select(e => AgreementEventParser.Parse(e, region)));
            token = page.NextToken;
        }
        while (token != null);
        host.Verbose($"CloudTrail LookupEvents {key}={value} in {region}: {result.Count} event(s) in {pages} page(s).");
        return result;
    }

    async Task<List<BedrockAgreementEvent>> CurrentStateAsync(string? accountId, string region, List<BedrockAgreementEvent> events, CancellationToken ct)
    {
        var rows = new List<BedrockAgreementEvent>();
        var models = await bedrock.ListFoundationModelsAsync(null, ct).ConfigureAwait(false);
        foreach (var m in models)
        {
            if (!NeedsAgreement(m.ModelId) || events.Any(e => e.IsAcceptance && e.ModelId == m.ModelId)) continue;
            var live = await bedrock.GetFoundationModelAvailabilityAsync(m.ModelId, ct).ConfigureAwait(false);
            if (live.AgreementStatus != "AVAILABLE" && live.AgreementStatus != "PENDING") continue;
            rows.Add(new BedrockAgreementEvent
            {
                AccountId = accountId, Region = region, ModelId = m.ModelId, EventName = "CurrentState", AgreementStatus = live.AgreementStatus,
                IsAcceptance = true, AcceptedVia = AcceptanceVia.BeforeHistory,
            });
        }
        return rows;
    }

    bool NeedsAgreement(string modelId) => catalog.Classify(modelId).LicenseCategory != LicenseCategory.AmazonProprietary;

    string FoundationModel(string id)
    {
        try { return ModelIdentifier.ToFoundationModelId(id, catalog.IsKnownProvider); }
        catch (ArgumentException) { return id; }
    }
}
