using System.Collections.Concurrent;
using System.Reflection;

namespace BedrockCompliance.Emulator.Catalog;

/// <summary>What one model requires of the data-retention mode, and what it retains.</summary>
public sealed record ModelRetention(string ModelId, string MinimumMode, string Retains, string? HumanReview, string Source)
{
    public static ModelRetention None(string modelId) => new(modelId, "none", "none", null, "no retention requirement");
}

/// <summary>Per-model retention requirements from Privacy/Data/model-retention.json (kept apart from the model
/// list, which another data file owns). The control API can override entries at runtime.</summary>
public sealed class RetentionCatalog
{
    readonly Dictionary<string, ModelRetention> _fromFile;
    readonly ConcurrentDictionary<string, ModelRetention> _overrides = new(StringComparer.Ordinal);

    public RetentionCatalog()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("model-retention.json")
            ?? throw new InvalidOperationException("Embedded resource model-retention.json is missing.");
        var root = JsonNode.Parse(stream)!.AsObject();
        DefaultMode = (string)root["defaultMode"]!;
        _fromFile = root["models"]!.AsArray().Select(n => new ModelRetention(
                (string)n!["modelId"]!, (string)n["minimumMode"]!, (string)n["retains"]!, (string?)n["humanReview"], (string)n["source"]!))
            .ToDictionary(m => m.ModelId, StringComparer.Ordinal);
        foreach (var m in _fromFile.Values)
            if (RetentionModes.Rank(m.MinimumMode) < 0) throw new InvalidOperationException($"Bad minimumMode for {m.ModelId}.");
    }

    /// <summary>The mode <c>inherit</c> falls back to when no scope sets one.</summary>
    public string DefaultMode { get; }

    public ModelRetention For(string modelId) =>
        _overrides.TryGetValue(modelId, out var o) ? o : _fromFile.GetValueOrDefault(modelId) ?? ModelRetention.None(modelId);

    public IEnumerable<ModelRetention> Listed => _fromFile.Values;

    public void Override(ModelRetention retention) => _overrides[retention.ModelId] = retention;

    public void ClearOverrides() => _overrides.Clear();

    /// <summary>allowed_modes for an account: the modes at or above the minimum, plus <c>none</c> for ZDR approvals.</summary>
    public string[] AllowedModes(string modelId, AccountState account)
    {
        var allowed = RetentionModes.AtOrAbove(For(modelId).MinimumMode);
        return allowed[0] != "none" && account.ZdrModels.Contains(modelId) ? RetentionModes.Ordered.Where(m => m == "none" || allowed.Contains(m)).ToArray() : allowed;
    }
}
