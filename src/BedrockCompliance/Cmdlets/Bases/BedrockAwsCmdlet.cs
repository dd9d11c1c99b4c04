using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Commands.Bases;

/// <summary>
/// Base of every AWS-calling cmdlet: the location parameters of <see cref="AwsLocationCmdlet"/>, the credential
/// parameters (-Credential, -AccessKey/-SecretKey/-SessionToken, named as in AWS Tools for PowerShell, with
/// $StoredAWSCredentials/$StoredAWSRegion after them), account contexts from the pipeline (several -Region values
/// without contexts: one target per Region), -Verbose provenance, per-account
/// non-terminating errors, and Ctrl+C cancelling in-flight calls. The scheduling is the engine's
/// <see cref="AccountWorkScheduler"/>; this class owns ProcessRecord/EndProcessing and calls, per input,
/// <see cref="OnInput"/> (file work with <see cref="Enqueue"/>) and, per target, <see cref="RunForTargetAsync"/>.
/// </summary>
public abstract class BedrockAwsCmdlet : AwsLocationCmdlet, IDisposable, IDynamicParameters
{
    /// <summary>Whether the cmdlet records evidence: then it offers <see cref="Recording"/>'s parameters (declared once, in EvidenceParameters).</summary>
    private protected virtual bool RecordsEvidence => false;

    /// <summary>Whether the cmdlet classifies models: then it offers -CatalogPath (declared once, in CatalogParameters) and loads <see cref="Catalog"/>.</summary>
    private protected virtual bool ReadsCatalog => false;

    readonly EvidenceParameters _recording = new EvidenceParameters();
    readonly CatalogParameters _catalogPath = new CatalogParameters();
    DynamicParameterGroups? _dynamic;

    DynamicParameterGroups Dynamic => _dynamic ??= new DynamicParameterGroups()
        .Add(_recording, offered: RecordsEvidence)
        .Add(_catalogPath, offered: ReadsCatalog);

    /// <summary>-EvidencePath, -CorrelationId, -RetentionDays, -RetentionMode of a recording cmdlet.</summary>
    private protected EvidenceParameters Recording => Dynamic.Bound(_recording);

    /// <summary>The licence catalog, -CatalogPath's overlay loaded in BeginProcessing (built-in only for a cmdlet that does not read one).</summary>
    private protected LicenseCatalog Catalog { get; private set; } = LicenseCatalog.Default;

    /// <inheritdoc />
    public object? GetDynamicParameters() => Dynamic.Offered;

    protected override void BeginProcessing()
    {
        if (ReadsCatalog) Catalog = InputFiles.LoadCatalog(this, Dynamic.Bound(_catalogPath));
    }

    readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
    // Built once per target; batches of one target run one after another, so no two build the same entry.
    readonly ConcurrentDictionary<AccountTarget, TargetServices> _services = new ConcurrentDictionary<AccountTarget, TargetServices>();
    // Items of the running batch already reported done (flows with the batch's async work).
    static readonly AsyncLocal<StrongBox<int>?> BatchItemsDone = new AsyncLocal<StrongBox<int>?>();
    RunProgress? _progress;
    // Several -Region values without contexts: the caller's own account in each Region, so results say where they are from.
    readonly ConcurrentDictionary<AccountTarget, BedrockAccountContext> _callerContexts = new ConcurrentDictionary<AccountTarget, BedrockAccountContext>();
    AccountWorkScheduler? _scheduler;
    PipelinePump? _pump;
    AccountTargetResolver? _resolver;
    bool _started;

    /// <summary>The shell variable Set-AWSCredential (AWS Tools) sets.</summary>
    internal const string StoredCredentialsVariable = "StoredAWSCredentials";

    /// <summary>An Amazon.Runtime.AWSCredentials object, e.g. from AWS Tools' Get-AWSCredential (any AWSSDK.Core version: read through its GetCredentials()).</summary>
    [Parameter]
    [ValidateNotNull]
    public object? Credential { get; set; }

    /// <summary>Access key id of literal keys (with -SecretKey, optionally -SessionToken), as in AWS Tools.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("AK")]
    public string? AccessKey { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("SK", "SecretAccessKey")]
    public string? SecretKey { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("ST")]
    public string? SessionToken { get; set; }

    /// <summary>Accounts and regions to work in (New-BedrockAccountContext); default: the caller's own account.</summary>
    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [AllowNull, AllowEmptyCollection]
    public BedrockAccountContext[]? Context { get; set; }

    /// <summary>AWS calls in flight at once, across all accounts.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = 16;

    /// <summary>Client-side limit of calls per second into each account (the retry policy still handles throttling).</summary>
    [Parameter]
    [ValidateRange(0.1, 10000)]
    public double AccountRateLimit { get; set; } = 10;

    protected CancellationToken CancellationToken => _cancellation.Token;

    /// <summary>-WhatIf is in effect (bound, or $WhatIfPreference): no AWS call is made, not even to assume a role.</summary>
    private protected bool IsWhatIf { get; private set; }

    /// <summary>Progress title, e.g. "Accepting model agreements".</summary>
    private protected abstract string Activity { get; }

    /// <summary>-Force given: the engine's confirmations pass without a prompt (-WhatIf still wins).</summary>
    private protected virtual bool SkipConfirmation => false;

    /// <summary>With nothing filed, run once for the caller's own account and region.</summary>
    private protected virtual bool RunWhenNothingEnqueued => true;

    /// <summary>The run's evidence ledger, for cmdlets that record evidence (set in BeginProcessing or OnInput).</summary>
    private protected EvidenceSession? Evidence { get; set; }

    /// <summary>Opens the run's ledger as -EvidencePath, -CorrelationId and the retention parameters say (a terminating error when it cannot be written).</summary>
    /// <param name="indexAgreements">Also read what it holds about agreements, so reruns write nothing twice.</param>
    private protected EvidenceSession OpenEvidence(bool indexAgreements = false) => EvidenceSession.Open(this, Recording, indexAgreements, CancellationToken);

    /// <summary>What the progress bar counts, e.g. "models".</summary>
    private protected virtual string ItemNoun => "items";

    /// <summary>The run's progress bar (items and account batches, with an ETA).</summary>
    private protected RunProgress Progress => _progress ??= new RunProgress(Pump, Activity, ItemNoun);

    /// <summary>One filed item of the running batch is finished (the rest of the batch counts as done when it ends).</summary>
    private protected void ItemDone()
    {
        var counted = BatchItemsDone.Value;
        if (counted != null) Interlocked.Increment(ref counted.Value);
        Progress.Done(1);
    }

    /// <summary>Writes from worker threads (errors, progress); results go through <see cref="Emit"/>.</summary>
    private protected PipelinePump Pump => _pump ??= new PipelinePump(this);

    /// <summary>More than one account/region target: per-target progress would only flicker.</summary>
    protected bool HasManyTargets => _scheduler?.HasManyTargets ?? false;

    /// <summary>Per pipeline input: file work with <see cref="Enqueue"/>. Default: the whole target.</summary>
    private protected virtual void OnInput() => Enqueue(null);

    /// <summary>At the end of input, before the remaining work runs; false: run nothing more.</summary>
    private protected virtual bool OnEndOfInput() => true;

    /// <summary>The cmdlet's work in one account and region for the items filed there.</summary>
    private protected abstract Task RunForTargetAsync(TargetServices services, IReadOnlyList<object?> items, CancellationToken ct);

    protected override void StopProcessing() => _cancellation.Cancel();

    protected override void ProcessRecord()
    {
        OnInput();
        // Across accounts, work starts while upstream is still producing (pipeline stages overlap). Input for the
        // caller's own connection is batched until EndProcessing, so one account's models share one listing.
        if (Context != null && Context.Any(c => c != null)) Start();
    }

    protected override void EndProcessing()
    {
        if (!OnEndOfInput()) return;
        var scheduler = Scheduler;
        if (scheduler.IsEmpty)
        {
            if (!RunWhenNothingEnqueued) return;
            scheduler.Enqueue(null, null, null);
        }
        Start();
        if (scheduler.Dispatched == 0) return;
        // At most -ThrottleLimit AWS calls are in flight; a failing account costs only itself.
        Pump.WaitFor(scheduler.WhenAll(), _cancellation);
        if (Progress.Complete() is ProgressRecord completed) WriteProgress(completed);
    }

    /// <summary>Files <paramref name="item"/> (null: "the whole target") under the contexts bound now, or under the bound region.</summary>
    private protected void Enqueue(object? item)
    {
        var contexts = Context?.Where(c => c != null).ToList();
        if (contexts != null && contexts.Count > 0)
            foreach (var context in contexts) Scheduler.Enqueue(context, null, item);
        else if (Regions.Count == 0)
            Scheduler.Enqueue(null, null, item);
        else
            foreach (var region in Regions) Scheduler.Enqueue(null, region, item);
        if (item != null) Progress.Filed(contexts != null && contexts.Count > 0 ? contexts.Count : Math.Max(1, Regions.Count));
    }

    /// <summary>Type-name suffix of the table views with AccountId and Region columns.</summary>
    internal const string MultiContextViewSuffix = "#InContext";
    static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, string> InContextTypeNames = new();

    /// <summary>Writes a result of one target with its Context set: the one place results get their account.</summary>
    private protected void Emit(TargetServices services, IAccountScoped result)
    {
        result.Context = services.Target.Context ?? (_callerContexts.TryGetValue(services.Target, out var own) ? own : null);
        if (result.Context == null) { Pump.WriteObject(result); return; }
        // Results that name their account and Region get the table view that shows both (module/*.format.ps1xml).
        var shown = PSObject.AsPSObject(result);
        shown.TypeNames.Insert(0, InContextTypeNames.GetOrAdd(result.GetType(), t => t.FullName + MultiContextViewSuffix));
        Pump.WriteObject(shown);
    }

    /// <summary>
    /// True when a string parameter that takes pipeline input by value holds a piped context's ToString()
    /// ("account/region"): PowerShell binds a piped object to every parameter it can convert to, so a context
    /// also lands in -ModelId. Such values are not model IDs and are ignored.
    /// </summary>
    private protected bool IsPipedContextText(string[]? values)
    {
        if (values == null || Context == null || Context.Length == 0 || values.Length != Context.Length) return false;
        for (int i = 0; i < values.Length; i++)
            if (Context[i] == null || values[i] != Context[i].ToString()) return false;
        return true;
    }

    /// <summary>The caller's connection; an unusable configuration is a terminating error (nothing can run).</summary>
    private protected AwsConnection ResolveConnection(string? region = null)
    {
        try
        {
            var connection = ConnectionResolver.Resolve(OwnConnectionRequest(region));
            foreach (var line in connection.RenderProvenance()) WriteVerbose(line);
            return connection;
        }
        catch (Exception ex) when (ex is AwsConfigurationException || ex is ArgumentException)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(ex, region ?? Regions.FirstOrDefault() ?? ProfileName ?? ShownEndpoint));
            throw; // unreachable
        }
    }

    AccountWorkScheduler Scheduler => _scheduler ??= new AccountWorkScheduler(ThrottleLimit, ResolveTarget, ReportFailure, _cancellation.Token)
    {
        Progress = (done, dispatched, failed) => Progress.Batches(done, dispatched, failed),
    };

    void Start()
    {
        if (!_started) IsWhatIf = ReadWhatIf();
        _started = true;
        var scheduler = Scheduler;
        scheduler.SkipCredentialCheck = IsWhatIf;
        Progress.Start();
        scheduler.Dispatch(RunBatchAsync);
        Pump.Drain();
    }

    async Task RunBatchAsync(AccountTarget target, IReadOnlyList<object?> items, CancellationToken ct)
    {
        var counted = new StrongBox<int>(0);
        BatchItemsDone.Value = counted;
        try
        {
            if (!_services.TryGetValue(target, out var services))
            {
                var host = new CmdletHost(this, Pump, target, IsWhatIf, SkipConfirmation);
                services = await TargetServices.CreateAsync(target, host, Evidence?.Ledger, Evidence?.AgreementIndex, ct).ConfigureAwait(false);
                if (target.Context == null && Regions.Count > 1 && await services.GetAccountIdAsync(ct).ConfigureAwait(false) is { } account)
                    _callerContexts[target] = new BedrockAccountContext { AccountId = account, Region = target.Connection.Region, RoleArn = null, ProfileName = ProfileName };
                _services[target] = services;
            }
            await RunForTargetAsync(services, items, ct).ConfigureAwait(false);
        }
        finally
        {
            Progress.Done(items.Count(i => i != null) - Volatile.Read(ref counted.Value));
        }
    }

    /// <summary>A batch's target, resolved on the pipeline thread; null (error written) when its context cannot be used.</summary>
    AccountTarget? ResolveTarget(BedrockAccountContext? context, string? region)
    {
        // The caller's own connection: an unusable configuration stops the command.
        if (context == null) return new AccountTarget(ResolveConnection(region), null, null);
        try
        {
            bool first = _resolver == null;
            _resolver ??= new AccountTargetResolver(ConnectionDefaults(), AccountRateLimit);
            var target = _resolver.Resolve(context);
            if (first)
            {
                foreach (var line in target.Connection.RenderProvenance()) WriteVerbose(line);
                WriteVerbose($"{Activity}: {ThrottleLimit} calls at once across accounts, {AccountRateLimit:0.##} calls/s per account.");
            }
            return target;
        }
        catch (Exception ex) when (ex is AwsConfigurationException || ex is ArgumentException)
        {
            WriteError(ErrorRecordFactory.ForAccount(ex, context));
            return null;
        }
    }

    /// <summary>A target's failure, from a worker thread: a non-terminating error naming the account.</summary>
    void ReportFailure(AccountTarget target, Exception error, bool credentials)
    {
        // An account mismatch is found with the credentials but is not a role failure: reported as it is.
        if (credentials && !(error is Engine.ComplianceException { ErrorId: AccountTarget.AccountMismatchErrorId }))
            Pump.WriteError(ErrorRecordFactory.ForAccount(error, target.Context!, $"cannot assume role {target.Context!.RoleArn}: "));
        else
            Pump.WriteError(target.Context != null ? ErrorRecordFactory.ForAccount(error, target.Context) : ErrorRecordFactory.From(error, target.Label));
    }

    /// <summary>What the caller gave for every connection: parameters, then AWS Tools' shell variables; the engine orders them.</summary>
    /// <summary>The caller's own connection in <paramref name="region"/> (default: the first -Region); also how the s3:// evidence store is reached.</summary>
    internal ConnectionRequest OwnConnectionRequest(string? region = null)
    {
        var request = ConnectionDefaults();
        request.Region = region ?? Regions.FirstOrDefault();
        return request;
    }

    private protected ConnectionRequest ConnectionDefaults() => new ConnectionRequest
    {
        ProfileName = ProfileName,
        EndpointUrl = EndpointUrl,
        AccessKey = AccessKey,
        SecretKey = SecretKey,
        SessionToken = SessionToken,
        Credential = Credential is PSObject p ? p.BaseObject : Credential,
        StoredCredentials = SessionState.PSVariable.GetValue(StoredCredentialsVariable) is PSObject s ? s.BaseObject : SessionState.PSVariable.GetValue(StoredCredentialsVariable),
        StoredRegion = StoredRegion(),
    };

    bool ReadWhatIf() =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? w is SwitchParameter s && s.IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    public void Dispose() => _cancellation.Dispose();
}
