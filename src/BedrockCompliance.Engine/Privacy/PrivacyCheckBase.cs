namespace BedrockCompliance.Engine.Privacy;

/// <summary>
/// One privacy check: gathers its facts through <see cref="PrivacyCheckContext.Clients"/>, then hands them to its pure
/// static Judge. A call that throws is turned into Unknown by the orchestrator, naming <see cref="Permissions"/>.
/// Implementations are found by reflection, so a new check is one new file (and its tests).
/// </summary>
internal abstract class PrivacyCheckBase(PrivacyCheck check, string permissions)
{
    public PrivacyCheck Check => check;
    /// <summary>The IAM actions the check needs, as a remediation names them.</summary>
    public string Permissions => permissions;

    public Task<BedrockPrivacyCheck> RunAsync(PrivacyCheckContext context) => GatherAndJudgeAsync(context, context.CancellationToken);

    protected abstract Task<BedrockPrivacyCheck> GatherAndJudgeAsync(PrivacyCheckContext context, CancellationToken ct);
}
