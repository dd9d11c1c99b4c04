using System.Collections.Concurrent;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands.Bases;

/// <summary>
/// Base of every AWS-calling cmdlet: the common -Region/-ProfileName/-EndpointUrl parameters (named as in
/// AWS Tools for PowerShell), account contexts from the pipeline, -Verbose provenance, per-account
/// non-terminating errors, and Ctrl+C cancelling in-flight calls. The scheduling is the engine's
/// <see cref="AccountWorkScheduler"/>; this class owns ProcessRecord/EndProcessing and calls, per input,
/// <see cref="OnInput"/> (file work with <see cref="Enqueue"/>) and, per target, <see cref="RunForTargetAsync"/>.
/// </summary>
public abstract class BedrockAwsCmdlet : PSCmdlet, IDisposable
{
    readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
    // Built once per target; batches of one target run one after another, so no two build the same entry.
    readonly ConcurrentDictionary<AccountTarget, TargetServices> _services = new ConcurrentDictionary<AccountTarget, TargetServices>();
    AccountWorkScheduler? _scheduler;
    PipelinePump? _pump;
    AccountTargetResolver? _resolver;
    bool _started;

    /// <summary>AWS region, e.g. us-east-1. Default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull, AllowEmptyString]
    [Alias("RegionToCall")]
    [ArgumentCompleter(typeof(Completion.RegionCompleter))]
    public string? Region { get; set; }

    /// <summary>A profile in the shared AWS config/credentials files (static keys, SSO, assume-role, credential_process).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [Alias("StoredCredentials", "AWSProfileName")]
    [ArgumentCompleter(typeof(Completion.ProfileNameCompleter))]
    public string? ProfileName { get; set; }

    /// <summary>Overrides the endpoint of every service called (e.g. the emulator). Plain http only on loopback.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? EndpointUrl { get; set; }

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
    }

    /// <summary>Files <paramref name="item"/> (null: "the whole target") under the contexts bound now, or under the bound region.</summary>
    private protected void Enqueue(object? item)
    {
        var contexts = Context?.Where(c => c != null).ToList();
        if (contexts != null && contexts.Count > 0)
            foreach (var context in contexts) Scheduler.Enqueue(context, null, item);
        else
            Scheduler.Enqueue(null, NullIfEmpty(Region), item);
    }

    /// <summary>Writes a result of one target with its Context set: the one place results get their account.</summary>
    private protected void Emit(TargetServices services, IAccountScoped result)
    {
        result.Context = services.Target.Context;
        Pump.WriteObject(result);
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
            var connection = ConnectionResolver.Resolve(new ConnectionRequest { Region = region ?? NullIfEmpty(Region), ProfileName = ProfileName, EndpointUrl = EndpointUrl });
            foreach (var line in connection.RenderProvenance()) WriteVerbose(line);
            return connection;
        }
        catch (AwsConfigurationException ex)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(ex, region ?? Region ?? ProfileName ?? EndpointUrl));
            throw; // unreachable
        }
    }

    AccountWorkScheduler Scheduler => _scheduler ??= new AccountWorkScheduler(ThrottleLimit, ResolveTarget, ReportFailure, _cancellation.Token)
    {
        Progress = (done, dispatched, failed) => Pump.WriteProgress(new ProgressRecord(0, Activity, $"{done} of {dispatched} account batches done, {failed} accounts failed")
        { PercentComplete = Math.Min(100, done * 100 / Math.Max(1, dispatched)) }),
    };

    void Start()
    {
        if (!_started) IsWhatIf = ReadWhatIf();
        _started = true;
        var scheduler = Scheduler;
        scheduler.SkipCredentialCheck = IsWhatIf;
        scheduler.Dispatch(RunBatchAsync);
        Pump.Drain();
    }

    async Task RunBatchAsync(AccountTarget target, IReadOnlyList<object?> items, CancellationToken ct)
    {
        if (!_services.TryGetValue(target, out var services))
        {
            var host = new CmdletHost(this, Pump, target, IsWhatIf, SkipConfirmation);
            services = await TargetServices.CreateAsync(target, host, Evidence?.Ledger, Evidence?.AgreementIndex, ct).ConfigureAwait(false);
            _services[target] = services;
        }
        await RunForTargetAsync(services, items, ct).ConfigureAwait(false);
    }

    /// <summary>A batch's target, resolved on the pipeline thread; null (error written) when its context cannot be used.</summary>
    AccountTarget? ResolveTarget(BedrockAccountContext? context, string? region)
    {
        // The caller's own connection: an unusable configuration stops the command.
        if (context == null) return new AccountTarget(ResolveConnection(region), null, null);
        try
        {
            bool first = _resolver == null;
            _resolver ??= new AccountTargetResolver(new ConnectionRequest { ProfileName = ProfileName, EndpointUrl = EndpointUrl }, AccountRateLimit);
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
        if (credentials)
            Pump.WriteError(ErrorRecordFactory.ForAccount(error, target.Context!, $"cannot assume role {target.Context!.RoleArn}: "));
        else
            Pump.WriteError(target.Context != null ? ErrorRecordFactory.ForAccount(error, target.Context) : ErrorRecordFactory.From(error, target.Label));
    }

    bool ReadWhatIf() =>
        MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? w is SwitchParameter s && s.IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

    static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s!.Trim();

    public void Dispose() => _cancellation.Dispose();
}
