using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using BedrockCompliance.Commands.Infrastructure;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Evidence;
using BedrockCompliance.Engine.Privacy;

namespace BedrockCompliance.Commands
{
    /// <summary>
    /// Data-privacy checks per account and region, one typed result per check (see PrivacyCheck): residency, CloudTrail,
    /// PrivateLink, invocation logging and its encryption, data retention on both API surfaces, models that need or keep
    /// retention, cross-Region inference profiles, enforced guardrails and their strength, long-term API keys.
    /// A check that cannot be verified is Unknown with the reason, never Pass. The engine's PrivacyService runs and records.
    /// </summary>
    /// <remarks>
    /// Evidence: a PrivacyChecked record per account and region is written by default, as every other cmdlet records
    /// what it verified; an auditor's question is "when did you last verify this, and what did you see?". Reading
    /// AWS and appending to the local ledger changes nothing in AWS, so there is no ShouldProcess; -NoEvidence is
    /// for exploratory runs that should leave no record.
    /// </remarks>
    [Cmdlet(VerbsDiagnostic.Test, "BedrockDataPrivacy")]
    [OutputType(typeof(BedrockPrivacyCheck))]
    public sealed class TestBedrockDataPrivacyCommand : BedrockAwsCmdlet
    {
        /// <summary>Regions your data-residency policy permits (wildcards: 'eu-*'). Without it RegionAllowed is Unknown.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidatePattern("^[A-Za-z0-9*?-]+$")]
        public string[]? AllowedRegion { get; set; }

        /// <summary>The checks to run (default: all).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public PrivacyCheck[]? Check { get; set; }

        /// <summary>
        /// Enabled: logging must deliver invocation data to a destination (audit). Disabled: no prompt or response data
        /// may be stored. Any: report only. Without it InvocationLogging is Unknown (reported, not judged).
        /// </summary>
        [Parameter]
        public InvocationLoggingRequirement RequireInvocationLogging { get; set; }

        /// <summary>
        /// With Enabled: the data kinds that must be delivered (default: at least one). With Disabled: the kinds that must
        /// not be delivered (default: none at all).
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public InvocationLogDataKind[]? InvocationLogDataKind { get; set; }

        /// <summary>The most data retention allowed: None (zero data retention), Default or AwsReview. provider_data_share always fails.</summary>
        [Parameter]
        [ValidateSet(nameof(DataRetentionMode.None), nameof(DataRetentionMode.Default), nameof(DataRetentionMode.AwsReview), IgnoreCase = true)]
        public DataRetentionMode MaximumDataRetention { get; set; }

        /// <summary>An account- or organisation-enforced guardrail must cover the region's inference (EnforcedGuardrail).</summary>
        [Parameter]
        public SwitchParameter RequireEnforcedGuardrail { get; set; }

        /// <summary>The models in use (IDs or profile IDs; piped licences bind by their ModelId): only their inference profiles count for CrossRegionResidency.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("ModelIdentifier")]
        [ArgumentCompleter(typeof(Completion.ModelIdCompleter))]
        public string[]? ModelId { get; set; }

        /// <summary>
        /// Requirement presets: Strict = -MaximumDataRetention None and -RequireEnforcedGuardrail; Standard =
        /// -MaximumDataRetention Default, enforced guardrail reported only. Explicit parameters win.
        /// </summary>
        [Parameter]
        public PrivacyProfile Profile { get; set; }

        /// <summary>The evidence ledger (default: $env:BEDROCK_COMPLIANCE_EVIDENCE or the file under your profile).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("LedgerPath")]
        public string? EvidencePath { get; set; }

        /// <summary>Record no PrivacyChecked evidence.</summary>
        [Parameter]
        public SwitchParameter NoEvidence { get; set; }

        protected override void BeginProcessing()
        {
            bool requirementGiven = MyInvocation.BoundParameters.ContainsKey(nameof(RequireInvocationLogging));
            if (InvocationLogDataKind != null && (!requirementGiven || RequireInvocationLogging == InvocationLoggingRequirement.Any))
                ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException("-InvocationLogDataKind needs -RequireInvocationLogging Enabled (kinds that must be delivered) or Disabled (kinds that must not be)."),
                    "InvocationLogDataKindWithoutRequirement", ErrorCategory.InvalidArgument, InvocationLogDataKind));
            if (NoEvidence && EvidencePath != null)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-NoEvidence and -EvidencePath contradict each other; use one."),
                    "NoEvidenceWithEvidencePath", ErrorCategory.InvalidArgument, EvidencePath));
        }

        protected override void ProcessRecord()
        {
            if (ModelId == null || ModelId.Length == 0) AddWork(null);
            else foreach (var id in ModelId) AddWork(id.Trim());
        }

        protected override void EndProcessing()
        {
            var bound = MyInvocation.BoundParameters;
            EvidenceLedger? ledger = NoEvidence ? null : EvidenceSupport.OpenLedger(this, EvidencePath);
            var service = new PrivacyService(ledger);

            ForEachTarget("Checking data privacy", async (target, items, pump, ct) =>
            {
                var models = items.OfType<string>().Where(m => m.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var options = new PrivacyCheckOptions
                {
                    Checks = Check?.Distinct().ToList(),
                    AllowedRegions = AllowedRegion,
                    InvocationLogging = bound.ContainsKey(nameof(RequireInvocationLogging)) ? RequireInvocationLogging : (InvocationLoggingRequirement?)null,
                    InvocationLogDataKinds = InvocationLogDataKind ?? Array.Empty<InvocationLogDataKind>(),
                    MaximumDataRetention = bound.ContainsKey(nameof(MaximumDataRetention)) ? MaximumDataRetention : (DataRetentionMode?)null,
                    RequireEnforcedGuardrail = RequireEnforcedGuardrail,
                    ModelIds = models.Count > 0 ? models : null,
                };
                if (bound.ContainsKey(nameof(Profile)))
                    options.ApplyProfile(Profile, bound.ContainsKey(nameof(MaximumDataRetention)), bound.ContainsKey(nameof(RequireEnforcedGuardrail)));

                var run = await service.CheckAsync(target, options, pump.WriteDebug, ct).ConfigureAwait(false);
                string prefix = target.Context != null ? target.Label + ": " : "";
                foreach (var r in run.Results)
                {
                    r.Context = target.Context;
                    if (r.Status == PrivacyCheckStatus.Unknown && r.ErrorCode != null && !AwsErrorCodes.IsAccessDenied(r.ErrorCode))
                        pump.WriteWarning($"{prefix}{r.Check} in {r.Region} could not be verified: {r.Detail}");
                    pump.WriteObject(r);
                }
                if (run.RecordFailure != null) throw run.RecordFailure;
            });
        }
    }
}
