using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Engine.Licenses;

/// <summary>What to list live: model selectors (IDs or wildcard patterns) and filters passed to ListFoundationModels.</summary>
internal sealed class LiveLicenseQuery
{
    /// <summary>Foundation-model IDs or wildcard patterns; empty lists every model.</summary>
    public IReadOnlyList<string> ModelSelectors { get; set; } = Array.Empty<string>();
    public ListFoundationModelsFilter Filter { get; set; } = new ListFoundationModelsFilter();
    public int ThrottleLimit { get; set; } = 8;
    /// <summary>Keeps a classified model (provider/category filters) before its availability is fetched.</summary>
    public Func<BedrockModelLicense, bool> Include { get; set; } = _ => true;
    /// <summary>Wildcard matcher supplied by the caller (PowerShell's WildcardPattern).</summary>
    public Func<string, string, bool> WildcardMatch { get; set; } = (pattern, value) => string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase);
    /// <summary>Told the model IDs ListFoundationModels returned (the cmdlets remember them for -ModelId completion).</summary>
    public Action<IReadOnlyList<string>>? Listed { get; set; }
}

/// <summary>Callbacks through which results leave the engine, on any thread.</summary>
internal interface ILicenseListSink
{
    void Result(BedrockModelLicense license);
    void ModelError(string modelId, Exception error);
    void Progress(int done, int total);
    void Verbose(string message);
}

/// <summary>
/// Live licence listing for one account and region: ListFoundationModels, then
/// GetFoundationModelAvailability per model with bounded parallelism, merged with the catalog.
/// A failing model costs only that model; results keep the listing's order and stream as they are ready.
/// </summary>
internal sealed class LiveLicenseLister
{
    /// <summary>Workers per account at the least, even under a low rate (latency, not the rate, then bounds it).</summary>
    const int MinWorkers = 2;

    /// <summary>
    /// The answer time up to which the workers keep an account at its rate (rate × this many workers). Each worker
    /// beyond that only waits in the limiter holding a call's state, which with 512 accounts at work survived the
    /// young GCs: with 10 workers per account at 10 calls/s the 1,000-account rollout promoted ~3 MiB per gen0 GC;
    /// 3 workers cut the 1,000-account rollout's CPU per call by about a tenth (issue 18). Slower answers than this
    /// (Bedrock's control plane typically answers in 0.1–0.2 s) keep the account below its rate, never above it.
    /// </summary>
    const double CoveredLatencySeconds = 0.3;

    readonly BedrockClient _bedrock;
    readonly StsClient? _sts;
    readonly LicenseCatalog _catalog;

    public LiveLicenseLister(BedrockClient bedrock, StsClient? sts, LicenseCatalog catalog)
    {
        _bedrock = bedrock;
        _sts = sts;
        _catalog = catalog;
    }

    public async Task ListAsync(LiveLicenseQuery query, ILicenseListSink sink, CancellationToken ct)
    {
        var connection = _bedrock.Connection;
        string? accountId = null;
        if (_sts != null && connection.Credentials != null)
        {
            var identity = await _sts.GetCallerIdentityAsync(ct).ConfigureAwait(false);
            accountId = identity.Account;
            sink.Verbose($"Caller: {identity.Arn} (account {identity.Account}).");
        }

        var models = await _bedrock.ListFoundationModelsAsync(query.Filter, ct).ConfigureAwait(false);
        sink.Verbose($"ListFoundationModels returned {models.Count} model(s) in {connection.Region}.");
        query.Listed?.Invoke(models.Select(m => m.ModelId).ToList());
        var selected = Select(models, query, sink).ToList();

        // Only the listing is held while the account's models are worked through: each licence is built when its
        // availability call starts and released once written, so an account at work keeps a few licences alive, not
        // all of them (issue 18: with hundreds of accounts at work, their unstarted licences were most of the live heap).
        // The filter needs a classified licence, so a model is classified once more when its turn comes.
        // The kept models' lists become the shared ones now, so the parsed copies go with the listing.
        var included = new List<FoundationModelSummary>();
        foreach (var model in selected)
        {
            if (!query.Include(Merge(model, accountId, connection.Region))) continue;
            model.InputModalities = SharedStringLists.For(model.InputModalities);
            model.OutputModalities = SharedStringLists.For(model.OutputModalities);
            model.InferenceTypesSupported = SharedStringLists.For(model.InferenceTypesSupported);
            included.Add(model);
        }

        // A few workers per account instead of one task per model: with the account's calls paced (-AccountRateLimit),
        // more calls in flight than the rate needs at a usual answer time only wait in its limiter, each holding a timer, a
        // task and a cancellation registration; with thousands of accounts that was most of the process's CPU and memory (issue 18).
        double rate = connection.RateLimiter?.RatePerSecond ?? double.PositiveInfinity;
        int paced = double.IsInfinity(rate) ? int.MaxValue : (int)Math.Ceiling(rate * CoveredLatencySeconds);
        int workers = Math.Max(1, Math.Min(included.Count, Math.Min(query.ThrottleLimit, Math.Max(MinWorkers, paced))));
        var results = new (BedrockModelLicense License, Exception? Error)?[included.Count];
        int next = -1, done = 0, emitted = 0;
        var emitLock = new object();
        // Output keeps the listing's order: whoever finishes the next unemitted model writes it and every finished one after it.
        void EmitReady()
        {
            lock (emitLock)
            {
                while (emitted < results.Length && results[emitted] is { } r)
                {
                    results[emitted++] = null;
                    if (r.Error == null) sink.Result(r.License);
                    else sink.ModelError(r.License.ModelId, r.Error);
                }
            }
        }
        async Task Work()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < included.Count)
            {
                ct.ThrowIfCancellationRequested();
                var license = Merge(included[i], accountId, connection.Region);
                Exception? error = null;
                try
                {
                    var availability = await _bedrock.GetFoundationModelAvailabilityAsync(license.ModelId, ct).ConfigureAwait(false);
                    license.AgreementStatus = availability.AgreementStatus;
                    license.AgreementErrorMessage = availability.AgreementErrorMessage;
                    license.AuthorizationStatus = availability.AuthorizationStatus;
                    license.EntitlementAvailability = availability.EntitlementAvailability;
                    license.RegionAvailability = availability.RegionAvailability;
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
                {
                    error = ex;
                }
                results[i] = (license, error);
                sink.Progress(Interlocked.Increment(ref done), included.Count);
                EmitReady();
            }
        }
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(Work, ct))).ConfigureAwait(false);
        EmitReady();
    }

    IEnumerable<FoundationModelSummary> Select(IReadOnlyList<FoundationModelSummary> models, LiveLicenseQuery query, ILicenseListSink sink)
    {
        if (query.ModelSelectors.Count == 0) return models;
        var chosen = new List<FoundationModelSummary>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var selector in query.ModelSelectors)
        {
            bool wildcard = ModelIdentifier.HasWildcard(selector);
            var matches = models.Where(m => wildcard ? query.WildcardMatch(selector, m.ModelId) : string.Equals(m.ModelId, selector, StringComparison.Ordinal)).ToList();
            if (matches.Count == 0 && !wildcard)
                sink.ModelError(selector, new ModelNotListedException(selector, _bedrock.Connection.Region));
            foreach (var m in matches)
                if (seen.Add(m.ModelId)) chosen.Add(m);
        }
        return chosen;
    }

    BedrockModelLicense Merge(FoundationModelSummary model, string? accountId, string region)
    {
        var license = _catalog.ClassifyListed(model.ModelId, model.ProviderName);
        license.AccountId = accountId;
        license.Region = region;
        license.ModelArn = model.ModelArn;
        license.ModelName = model.ModelName;
        license.LifecycleStatus = model.LifecycleStatus;
        if (model.EndOfLifeTime is { } eol) license.EndOfLifeDate = eol.UtcDateTime.Date; // the account's date wins
        license.InputModalities = SharedStringLists.For(model.InputModalities);
        license.OutputModalities = SharedStringLists.For(model.OutputModalities);
        license.InferenceTypesSupported = SharedStringLists.For(model.InferenceTypesSupported);
        return license;
    }
}

/// <summary>A model the caller named is not in ListFoundationModels for the region.</summary>
internal sealed class ModelNotListedException : Exception
{
    public ModelNotListedException(string modelId, string region)
        : base($"The model '{modelId}' is not offered in {region} (ListFoundationModels does not list it). Check the ID with Get-BedrockModelLicense -Region {region}, or try another region.") => ModelId = modelId;

    public string ModelId { get; }
}
