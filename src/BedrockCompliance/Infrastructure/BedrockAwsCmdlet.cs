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

        /// <summary>More than one account/region target: per-target progress would only flicker.</summary>
        protected bool HasManyTargets => _groups.Count > 1;

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
                foreach (var line in connection.Provenance) WriteVerbose(line);
                return connection;
            }
            catch (AwsConfigurationException ex)
            {
                ThrowTerminatingError(AwsErrorRecords.From(ex, region ?? Region ?? ProfileName ?? EndpointUrl));
                throw; // unreachable
            }
        }

        /// <summary>Runs async work, pumping its output onto the pipeline thread.</summary>
        private protected void RunPumped(Func<PipelinePump, CancellationToken, Task> work)
        {
            var pump = new PipelinePump(this);
            pump.Run(() => work(pump, _cancellation.Token), _cancellation);
        }

        /// <summary>
        /// Runs <paramref name="work"/> once per target with the items filed for it (AddWork; a cmdlet that filed
        /// nothing runs once for the caller's own account and region). At most -ThrottleLimit AWS calls are in
        /// flight. A failure in one account is a non-terminating error naming it; the others go on. Progress
        /// shows done / total / failed.
        /// </summary>
        private protected void ForEachTarget(string activity, Func<AccountTarget, IReadOnlyList<object?>, PipelinePump, CancellationToken, Task> work)
        {
            if (_groups.Count == 0) Group("region:", null, null);
            var gate = new SemaphoreSlim(ThrottleLimit);
            var targets = new List<(AccountTarget Target, IReadOnlyList<object?> Items)>();
            AccountTargetResolver? resolver = null;
            foreach (var group in _groups.Values)
            {
                if (group.Context == null)
                {
                    // The caller's own connection: unusable configuration stops the command.
                    var connection = ResolveConnection(group.Region);
                    connection.ConcurrencyGate = gate;
                    targets.Add((new AccountTarget(connection, null, null), group.Items));
                    continue;
                }
                try
                {
                    resolver ??= new AccountTargetResolver(new ConnectionRequest { ProfileName = ProfileName, EndpointUrl = EndpointUrl }, AccountRateLimit);
                    var target = resolver.Resolve(group.Context);
                    target.Connection.ConcurrencyGate = gate;
                    targets.Add((target, group.Items));
                }
                catch (Exception ex) when (ex is AwsConfigurationException || ex is ArgumentException)
                {
                    WriteError(ForTarget(ex, group.Context));
                }
            }
            if (targets.Count == 0) return;
            if (resolver != null)
            {
                foreach (var line in targets.First(t => t.Target.Context != null).Target.Connection.Provenance) WriteVerbose(line);
                WriteVerbose($"{activity}: {targets.Count} account/region target(s), {ThrottleLimit} calls at once, {AccountRateLimit:0.##} calls/s per account.");
            }

            int done = 0, failed = 0;
            RunPumped((pump, ct) => BoundedParallel.ForEachAsync(targets, ThrottleLimit * 4, async (t, token) =>
            {
                bool ok = await RunTarget(t.Target, t.Items, pump, work, token).ConfigureAwait(false);
                int d = Interlocked.Increment(ref done);
                int f = ok ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
                if (targets.Count > 1)
                    pump.WriteProgress(new ProgressRecord(0, activity, $"{d} of {targets.Count} accounts done, {f} failed")
                    { PercentComplete = d * 100 / targets.Count, RecordType = d == targets.Count ? ProgressRecordType.Completed : ProgressRecordType.Processing });
            }, ct));
        }

        static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s!.Trim();

        async Task<bool> RunTarget(AccountTarget target, IReadOnlyList<object?> items, PipelinePump pump,
            Func<AccountTarget, IReadOnlyList<object?>, PipelinePump, CancellationToken, Task> work, CancellationToken ct)
        {
            try
            {
                await target.EnsureCredentialsAsync(ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
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
