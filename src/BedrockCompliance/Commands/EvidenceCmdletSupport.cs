using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using BedrockCompliance.Commands.Infrastructure;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Commands
{
    /// <summary>Stable ErrorIds of the evidence cmdlets.</summary>
    internal static class EvidenceErrors
    {
        public static ErrorRecord LedgerNotFound(string path) =>
            new ErrorRecord(new FileNotFoundException($"The evidence ledger '{path}' does not exist (nothing has been recorded there yet).", path),
                "EvidenceLedgerNotFound", ErrorCategory.ObjectNotFound, path);

        public static ErrorRecord LineInvalid(string path, EvidenceProblem problem) =>
            new ErrorRecord(new InvalidDataException($"Line {problem.LineNumber} of the evidence ledger '{path}' is not a record ({problem.Reason}): {problem.Message}."),
                "EvidenceLineInvalid", ErrorCategory.InvalidData, problem);

        public static ErrorRecord ExportLineInvalid(EvidenceLineException ex) =>
            new ErrorRecord(ex, "EvidenceLineInvalid", ErrorCategory.InvalidData, ex.Problem);

        public static ErrorRecord ReadFailed(Exception ex, string path) =>
            new ErrorRecord(ex, "EvidenceReadFailed", ErrorCategory.ReadError, path);

        public static ErrorRecord ExportFailed(Exception ex, string path) =>
            new ErrorRecord(ex, "EvidenceExportFailed", ErrorCategory.WriteError, path);

        public static ErrorRecord FileExists(string path) =>
            new ErrorRecord(new IOException($"The file '{path}' already exists and -NoClobber was given."), "EvidenceFileExists", ErrorCategory.ResourceExists, path);

        public static ErrorRecord FileReadOnly(string path) =>
            new ErrorRecord(new UnauthorizedAccessException($"The file '{path}' is read-only; use -Force to overwrite it."), "EvidenceFileReadOnly", ErrorCategory.PermissionDenied, path);

        public static ErrorRecord NotFileSystem(string path, string provider) =>
            new ErrorRecord(new ArgumentException($"'{path}' is on the {provider} provider; evidence files must be on the file system."), "EvidencePathNotFileSystem", ErrorCategory.InvalidArgument, path);

        public static ErrorRecord PathAmbiguous(string path, int count) =>
            new ErrorRecord(new ArgumentException($"The path '{path}' resolves to {count} files; give one file (or use -LiteralPath)."), "EvidencePathAmbiguous", ErrorCategory.InvalidArgument, path);

        public static ErrorRecord PathIsDirectory(string path) =>
            new ErrorRecord(new ArgumentException($"'{path}' is a directory; give a file name."), "EvidencePathIsDirectory", ErrorCategory.InvalidArgument, path);
    }

    /// <summary>Completes -Action with the known evidence actions.</summary>
    public sealed class EvidenceActionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            return EvidenceAction.All.Where(a => pattern.IsMatch(a)).Select(a => new CompletionResult(a, a, CompletionResultType.ParameterValue, a));
        }
    }

    /// <summary>
    /// Shared by Get- and Export-BedrockComplianceEvidence: -EvidencePath and the filters, ledger path resolution,
    /// Ctrl+C (a cancellation token) and throttled progress.
    /// </summary>
    public abstract class EvidenceCmdletBase : PSCmdlet
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

        protected string ResolveLedgerPath() => ResolveLedgerPath(this, EvidencePath);

        /// <summary>Explicit (PowerShell path, PSDrives allowed) &gt; BEDROCK_COMPLIANCE_EVIDENCE &gt; default.</summary>
        internal static string ResolveLedgerPath(PSCmdlet cmdlet, string? evidencePath)
        {
            string? explicitPath = null;
            if (!string.IsNullOrWhiteSpace(evidencePath))
            {
                explicitPath = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(evidencePath, out ProviderInfo provider, out _);
                if (!string.Equals(provider.Name, "FileSystem", StringComparison.OrdinalIgnoreCase))
                    cmdlet.ThrowTerminatingError(EvidenceErrors.NotFileSystem(evidencePath!, provider.Name));
            }
            string path = EvidencePaths.Resolve(explicitPath);
            cmdlet.WriteVerbose($"Evidence ledger: {path} (from {EvidencePaths.Source(explicitPath)}).");
            return path;
        }

        protected EvidenceQuery BuildQuery()
        {
            if (Since.HasValue && Until.HasValue && Since.Value.ToUniversalTime() > Until.Value.ToUniversalTime())
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-Since is later than -Until."), "EvidenceInvalidTimeRange", ErrorCategory.InvalidArgument, Since));
            return new EvidenceQuery
            {
                Since = Since?.ToUniversalTime(),
                Until = Until?.ToUniversalTime(),
                AccountId = Matcher(AccountId),
                ModelId = Matcher(ModelId),
                Action = Matcher(Action),
                CorrelationId = Matcher(CorrelationId),
            };
        }

        static Func<string?, bool>? Matcher(string[]? patterns)
        {
            if (patterns == null || patterns.Length == 0) return null;
            var compiled = patterns.Select(p => new WildcardPattern(p, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant)).ToArray();
            return value => value != null && compiled.Any(p => p.IsMatch(value));
        }

        readonly ProgressThrottle _progress = new ProgressThrottle();

        /// <summary>Progress by bytes, at most four times a second.</summary>
        protected void ReportProgress(int activityId, string activity, long done, long total)
        {
            if (_progress.Next(activityId, activity, done, total) is { } record) WriteProgress(record);
        }
    }
}
