using BedrockCompliance.Engine.Licenses;

namespace BedrockCompliance.Commands.Hosting;

/// <summary>Where a live licence listing of one target reports: results, per-model errors, messages and progress.</summary>
internal sealed class LicenseListSink : ILicenseListSink
{
    readonly PipelinePump _pump;
    readonly TargetServices _services;
    readonly Action<TargetServices, IAccountScoped> _emit;
    readonly bool _showProgress;
    readonly RunProgress? _run;

    public LicenseListSink(PipelinePump pump, TargetServices services, Action<TargetServices, IAccountScoped> emit, bool showProgress, RunProgress? run = null)
    {
        _run = run;
        _pump = pump;
        _services = services;
        _emit = emit;
        _showProgress = showProgress;
    }

    AccountTarget Target => _services.Target;

    public void Result(BedrockModelLicense license) => _emit(_services, license);

    public void ModelError(string modelId, Exception error) =>
        _pump.WriteError(ErrorRecordFactory.ForModel(error, modelId, Target.Context != null ? Target.Label : null));

    public void Verbose(string message) => _pump.WriteVerbose(Target.Context != null ? $"{Target.Label}: {message}" : message);

    public void Progress(int done, int total)
    {
        // The run's bar counts every target's models; the per-target bar (a child of it) only for a single target.
        _run?.Discovered(Target, done, total);
        if (!_showProgress) return;
        _pump.WriteProgress(new ProgressRecord(1, "Reading model availability", $"{done} of {total} models in {Target.Label}")
        { ParentActivityId = 0, PercentComplete = total == 0 ? 100 : done * 100 / total, RecordType = done == total ? ProgressRecordType.Completed : ProgressRecordType.Processing });
    }
}
