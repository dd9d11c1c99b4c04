using BedrockCompliance.Emulator.Catalog;
using BedrockCompliance.Emulator.Services;

namespace BedrockCompliance.Emulator.Privacy;

/// <summary>A model's availability under the effective retention mode (mantle's <c>GET /v1/models</c> fields).</summary>
public sealed record ModelRetentionStatus(string Mode, string Source, string[] AllowedModes)
{
    public bool Available => AllowedModes.Contains(Mode);
    public string? Reason => Available ? null : $"This model is not available under data retention mode '{Mode}'.";
}

/// <summary>Resolves the effective data-retention mode (project → account → model default, §1.3) and
/// decides whether a model may be used under it. Callers hold the account's lock.</summary>
public sealed class RetentionPolicy(RetentionCatalog retention)
{
    /// <summary>Which account setting applies: bedrock-runtime follows the control-plane mode, mantle its own (§1.5).</summary>
    public ModelRetentionStatus Status(AccountState account, RegionState region, string modelId, string? projectId, bool mantle)
    {
        var project = projectId is null ? null : region.Projects.GetValueOrDefault(projectId);
        var accountMode = (mantle ? region.MantleRetention : region.ControlRetention).Mode;
        var (mode, source) = RetentionModes.Resolve(project?.Retention.Mode, accountMode, retention.DefaultMode);
        return new ModelRetentionStatus(mode, source, retention.AllowedModes(modelId, account));
    }

    /// <summary>Refuses a runtime call the way the service reportedly does (HTTP 400, §1.6 [L]; the
    /// exception name is unverified, ValidationException is the safe reading).</summary>
    public void RequireAvailable(AccountState account, RegionState region, string modelId)
    {
        var status = Status(account, region, modelId, projectId: null, mantle: false);
        if (!status.Available)
            throw Validation.Error("ValidationException", $"data retention mode '{status.Mode}' is not available for this model");
    }

    public static void RequireMode(string? mode, string member)
    {
        if (mode is null)
            throw Validation.Error("ValidationException", Validation.Constraint(null, member, "Member must not be null"));
        if (!RetentionModes.IsValid(mode))
            throw Validation.Error("ValidationException", Validation.Constraint(mode, member,
                $"Member must satisfy enum value set: [{string.Join(", ", RetentionModes.Wire)}]"));
    }
}
