using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;

namespace BedrockCompliance.Commands;

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
    private protected override bool RecordsEvidence => true;

    /// <summary>Regions your data-residency policy permits (wildcards: 'eu-*'). Without it RegionAllowed is Unknown.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidatePattern("^[A-Za-z0-9*?-]+$")]
    [ArgumentCompleter(typeof(Completion.AllowedRegionCompleter))]
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

    /// <summary>Record no PrivacyChecked evidence.</summary>
    [Parameter]
    public SwitchParameter NoEvidence { get; set; }

    protected override void BeginProcessing()
    {
        var bound = MyInvocation.BoundParameters;
        bool requirementGiven = bound.ContainsKey(nameof(RequireInvocationLogging));
        if (InvocationLogDataKind != null && (!requirementGiven || RequireInvocationLogging == InvocationLoggingRequirement.Any))
            ThrowTerminatingError(ErrorRecordFactory.InvocationLogDataKindWithoutRequirement(InvocationLogDataKind));
        if (NoEvidence && Recording.EvidencePath != null)
            ThrowTerminatingError(ErrorRecordFactory.NoEvidenceWithEvidencePath(Recording.EvidencePath));
        _options = new PrivacyCheckOptions
        {
            Checks = Check?.Distinct().ToList(),
            AllowedRegions = AllowedRegion,
            InvocationLogging = requirementGiven ? RequireInvocationLogging : (InvocationLoggingRequirement?)null,
            InvocationLogDataKinds = InvocationLogDataKind ?? Array.Empty<InvocationLogDataKind>(),
            MaximumDataRetention = bound.ContainsKey(nameof(MaximumDataRetention)) ? MaximumDataRetention : (DataRetentionMode?)null,
            RequireEnforcedGuardrail = RequireEnforcedGuardrail,
        };
        if (bound.ContainsKey(nameof(Profile)))
            _options.ApplyProfile(Profile, bound.ContainsKey(nameof(MaximumDataRetention)), bound.ContainsKey(nameof(RequireEnforcedGuardrail)));
        // Opened before any input: with piped contexts, work starts while upstream is still producing.
        if (!NoEvidence) Evidence = OpenEvidence();
    }

    private protected override string Activity => "Checking data privacy";

    PrivacyCheckOptions? _options;

    private protected override void OnInput()
    {
        if (ModelId == null || ModelId.Length == 0 || IsPipedContextText(ModelId)) Enqueue(null);
        else foreach (var id in ModelId) Enqueue(id.Trim());
    }

    private protected override async Task RunForTargetAsync(TargetServices services, IReadOnlyList<object?> items, CancellationToken ct)
    {
        var models = items.OfType<string>().Where(m => m.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var options = _options!.ForModels(models.Count > 0 ? models : null);
        var run = await new PrivacyService().CheckAsync(services, options, ct).ConfigureAwait(false);
        string prefix = services.Target.Context != null ? services.Target.Label + ": " : "";
        foreach (var r in run.Results)
        {
            if (r.Status == PrivacyCheckStatus.Unknown && r.ErrorCode != null && !AwsErrorCodes.IsAccessDenied(r.ErrorCode))
                Pump.WriteWarning($"{prefix}{r.Check} in {r.Region} could not be verified: {r.Detail}");
            Emit(services, r);
        }
        if (run.RecordFailure != null) throw run.RecordFailure;
    }
}
