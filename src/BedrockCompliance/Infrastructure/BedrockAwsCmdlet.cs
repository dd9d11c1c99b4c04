using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands.Infrastructure
{
    /// <summary>
    /// Base of every AWS-calling cmdlet: the common -Region/-ProfileName/-EndpointUrl parameters (named as in
    /// AWS Tools for PowerShell), account contexts from the pipeline with bounded parallelism and a per-account
    /// rate limit, -Verbose provenance, per-account non-terminating errors, and Ctrl+C cancelling in-flight calls.
    /// </summary>
    public abstract class BedrockAwsCmdlet : PSCmdlet, IDisposable
    {
        readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        // Work items grouped by where they go: a context ("account/region") or, without one, a region (null: default).
        readonly Dictionary<string, WorkGroup> _groups = new Dictionary<string, WorkGroup>(StringComparer.Ordinal);
        // Targets resolved so far (null Target: unusable, error already written) and the batches running for them.
        readonly Dictionary<string, TargetState> _targets = new Dictionary<string, TargetState>(StringComparer.Ordinal);
        readonly List<Task> _running = new List<Task>();
        PipelinePump? _pump;
        SemaphoreSlim? _gate;
        AccountTargetResolver? _resolver;
        int _done, _failed, _dispatched;

        /// <summary>The work a cmdlet does in one account and region for the items filed for it.</summary>
        private protected delegate Task TargetWork(AccountTarget target, IReadOnlyList<object?> items, PipelinePump pump, CancellationToken ct);

        sealed class WorkGroup
        {
            public BedrockAccountContext? Context;
            public string? Region;
            public readonly List<object?> Items = new List<object?>();
        }

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

        bool ReadWhatIf() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? w is SwitchParameter s && s.IsPresent
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>More than one account/region target: per-target progress would only flicker.</summary>
        protected bool HasManyTargets => _groups.Count + _targets.Count > 1;

        protected override void StopProcessing() => _cancellation.Cancel();

        /// <summary>
        /// Call from ProcessRecord: files <paramref name="item"/> (null: "the whole target") under the contexts bound
        /// now, or under the bound region when there are none.
        /// </summary>
        private protected void AddWork(object? item)
        {
            var contexts = Context?.Where(c => c != null).ToList();
            if (contexts != null && contexts.Count > 0)
            {
                foreach (var context in contexts) Group("ctx:" + context, context, context.Region).Items.Add(item);
            }
            else
            {
                string? region = string.IsNullOrWhiteSpace(Region) ? null : Region!.Trim();
                Group("region:" + region, null, region).Items.Add(item);
            }
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

        WorkGroup Group(string key, BedrockAccountContext? context, string? region)
        {
            if (!_groups.TryGetValue(key, out var group))
                _groups[key] = group = new WorkGroup { Context = context, Region = region };
            return group;
        }

        /// <summary>The caller's connection; an unusable configuration is a terminating error (nothing can run).</summary>
        protected AwsConnection ResolveConnection(string? region = null)
        {
            try
            {
                var connection = ConnectionResolver.Resolve(new ConnectionRequest { Region = region ?? NullIfEmpty(Region), ProfileName = ProfileName, EndpointUrl = EndpointUrl });
                foreach (var line in connection.RenderProvenance()) WriteVerbose(line);
                return connection;
            }
            catch (AwsConfigurationException ex)
            {
                ThrowTerminatingError(AwsErrorRecords.From(ex, region ?? Region ?? ProfileName ?? EndpointUrl));
                throw; // unreachable
            }
        }

        /// <summary>
        /// Runs <paramref name="work"/> for the work filed so far (AddWork) and waits for everything started, pumping
        /// output. A cmdlet that filed nothing runs once for the caller's own account and region. Call from
        /// EndProcessing. At most -ThrottleLimit AWS calls are in flight; a failure in one account is a
        /// non-terminating error naming it; the others go on. Progress shows done / total / failed.
        /// </summary>
        private protected void ForEachTarget(string activity, TargetWork work, bool runWhenNothingFiled = true)
        {
            if (_groups.Count == 0 && _targets.Count == 0)
            {
                if (!runWhenNothingFiled) return;
                Group("region:", null, null);
            }
            Dispatch(activity, work);
            if (_running.Count == 0) return;
            _pump!.WaitFor(Task.WhenAll(_running), _cancellation);
        }

        /// <summary>
        /// Starts <paramref name="work"/> now for the work filed so far, without waiting: call at the end of
        /// ProcessRecord so an account's work begins while the upstream cmdlet is still producing (pipeline stages
        /// overlap), then ForEachTarget in EndProcessing. Batches for one target run one after another.
        /// </summary>
        private protected void Dispatch(string activity, TargetWork work)
        {
            if (_pump == null) IsWhatIf = ReadWhatIf();
            _pump ??= new PipelinePump(this);
            _gate ??= new SemaphoreSlim(ThrottleLimit);
            foreach (var pair in _groups)
            {
                var state = TargetFor(pair.Key, pair.Value, activity);
                if (state == null) continue;
                var items = pair.Value.Items.ToList();
                Interlocked.Increment(ref _dispatched);
                _running.Add(RunBatch(state, items, activity, work));
            }
            _groups.Clear();
            _pump.Drain();
        }

        /// <summary>
        /// Dispatch from ProcessRecord when this input came with account contexts: across accounts, work starts while
        /// upstream is still producing. Input for the caller's own connection is batched until EndProcessing, so
        /// one account's models share one listing.
        /// </summary>
        private protected void DispatchContextWork(string activity, TargetWork work)
        {
            if (Context != null && Context.Any(c => c != null)) Dispatch(activity, work);
        }

        /// <summary>The target for a work group, resolved once on the pipeline thread; null when it cannot be used.</summary>
        TargetState? TargetFor(string key, WorkGroup group, string activity)
        {
            if (_targets.TryGetValue(key, out var known)) return known.Target == null ? null : known;
            if (group.Context == null)
            {
                // The caller's own connection: an unusable configuration stops the command.
                var connection = ResolveConnection(group.Region).WithConcurrencyGate(_gate);
                return _targets[key] = new TargetState(new AccountTarget(connection, null, null));
            }
            try
            {
                bool first = _resolver == null;
                _resolver ??= new AccountTargetResolver(new ConnectionRequest { ProfileName = ProfileName, EndpointUrl = EndpointUrl }, AccountRateLimit);
                var target = _resolver.Resolve(group.Context).WithConcurrencyGate(_gate);
                if (first)
                {
                    foreach (var line in target.Connection.RenderProvenance()) WriteVerbose(line);
                    WriteVerbose($"{activity}: {ThrottleLimit} calls at once across accounts, {AccountRateLimit:0.##} calls/s per account.");
                }
                return _targets[key] = new TargetState(target);
            }
            catch (Exception ex) when (ex is AwsConfigurationException || ex is ArgumentException)
            {
                WriteError(ForTarget(ex, group.Context));
                _targets[key] = new TargetState(null);
                return null;
            }
        }

        async Task RunBatch(TargetState state, IReadOnlyList<object?> items, string activity, TargetWork work)
        {
            var ct = _cancellation.Token;
            var pump = _pump!;
            await state.Serial.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (state.Unreachable) return; // its error was written once already
                if (!await RunTarget(state, items, pump, work, ct).ConfigureAwait(false))
                    Interlocked.Increment(ref _failed);
            }
            finally
            {
                state.Serial.Release();
                int done = Interlocked.Increment(ref _done);
                if (_targets.Count > 1)
                {
                    int dispatched = Volatile.Read(ref _dispatched);
                    pump.WriteProgress(new ProgressRecord(0, activity, $"{done} of {dispatched} account batches done, {Volatile.Read(ref _failed)} accounts failed")
                    { PercentComplete = Math.Min(100, done * 100 / Math.Max(1, dispatched)) });
                }
            }
        }

        sealed class TargetState
        {
            public TargetState(AccountTarget? target) => Target = target;
            public readonly AccountTarget? Target;
            public readonly SemaphoreSlim Serial = new SemaphoreSlim(1);
            /// <summary>Credentials could not be obtained (role not assumable): later batches are skipped.</summary>
            public bool Unreachable;
        }

        static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s!.Trim();

        async Task<bool> RunTarget(TargetState state, IReadOnlyList<object?> items, PipelinePump pump, TargetWork work, CancellationToken ct)
        {
            var target = state.Target!;
            try
            {
                if (!IsWhatIf) await target.EnsureCredentialsAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                state.Unreachable = true;
                pump.WriteError(ForTarget(ex, target.Context!, $"cannot assume role {target.Context!.RoleArn}: "));
                return false;
            }
            try
            {
                await work(target, items, pump, ct).ConfigureAwait(false);
                return true;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                pump.WriteError(target.Context != null ? ForTarget(ex, target.Context) : AwsErrorRecords.From(ex, target.Label));
                return false;
            }
        }

        /// <summary>An account's error: the message starts with 'account/region' and the target is the context.</summary>
        internal static ErrorRecord ForTarget(Exception ex, BedrockAccountContext context, string what = "")
        {
            var inner = Unwrap(ex);
            var record = AwsErrorRecords.From(inner, context);
            record.ErrorDetails = new ErrorDetails($"{context}: {what}{inner.Message}");
            return record;
        }

        /// <summary>AWSSDK.Core may wrap our typed errors (credential refresh); find the one that says what happened.</summary>
        static Exception Unwrap(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
                if (e is AwsServiceException || e is AwsTransportException || e is AwsConfigurationException || e is AwsResponseFormatException) return e;
            return ex is AggregateException agg && agg.InnerException != null ? agg.InnerException : ex;
        }

        public void Dispose() => _cancellation.Dispose();
    }
}
