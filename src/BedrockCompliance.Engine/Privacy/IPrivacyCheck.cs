namespace BedrockCompliance.Engine.Privacy;

/// <summary>
/// One privacy check: gathers its facts through <see cref="PrivacyCheckContext.Clients"/>, then hands them to its pure
/// static Judge. A call that throws is turned into Unknown by the orchestrator, naming <see cref="Permissions"/>.
/// Implementations are found by reflection, so a new check is one new file (and its tests).
/// </summary>
internal interface IPrivacyCheck
{
    PrivacyCheck Check { get; }
    /// <summary>The IAM actions the check needs, as a remediation names them.</summary>
    string Permissions { get; }
    Task<BedrockPrivacyCheck> RunAsync(PrivacyCheckContext context);
}
