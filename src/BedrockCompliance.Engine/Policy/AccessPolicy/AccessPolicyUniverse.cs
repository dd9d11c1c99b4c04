using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// The models an access policy is written for, each with its verdict: the models given (licences or IDs), else the
/// bundled real model list; plus every model the policy names exactly, so an approved model is never left out of
/// an allow-list.
/// </summary>
internal sealed class AccessPolicyUniverse
{
    readonly PolicyEvaluator _evaluator;
    readonly LicenseCatalog _catalog;
    readonly List<BedrockModelPolicyVerdict> _verdicts = new List<BedrockModelPolicyVerdict>();
    readonly List<string> _notes = new List<string>();
    readonly List<string> _warnings = new List<string>();
    bool _sawInput;

    public AccessPolicyUniverse(PolicyEvaluator evaluator, LicenseCatalog catalog)
    {
        _evaluator = evaluator ?? throw new ArgumentNullException(nameof(evaluator));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
    }

    public IReadOnlyList<BedrockModelPolicyVerdict> Verdicts => _verdicts;
    /// <summary>What was added and why (verbose output).</summary>
    public IReadOnlyList<string> Notes => _notes;
    public IReadOnlyList<string> Warnings => _warnings;

    public void Add(BedrockModelLicense license)
    {
        _sawInput = true;
        if (license != null) _verdicts.Add(_evaluator.Evaluate(license));
    }

    /// <summary>Classifies and adds one model ID; throws ArgumentException for a malformed ID (the caller reports it per item).</summary>
    public void Add(string modelId)
    {
        _sawInput = true;
        _verdicts.Add(_evaluator.Evaluate(_catalog.Classify(modelId)));
    }

    /// <summary>Adds the bundled list when nothing was given, then the models the policy names exactly.</summary>
    public void Complete()
    {
        var policy = _evaluator.Policy;
        if (!_sawInput)
        {
            _notes.Add($"No models given: using the bundled model list ({BundledModelList.All.Count} models of us-east-1) as the model universe.");
            foreach (var m in BundledModelList.All)
                _verdicts.Add(_evaluator.Evaluate(_catalog.Classify(m.ModelId)));
        }
        var known = new HashSet<string>(_verdicts.Select(v => v.ModelId), StringComparer.Ordinal);
        foreach (var id in policy.Approvals.Select(a => a.ModelId).Concat(policy.AllowedModelIds.Where(g => !g.HasWildcard).Select(g => g.Pattern)))
        {
            if (!known.Add(id)) continue;
            try { _verdicts.Add(_evaluator.Evaluate(_catalog.Classify(id))); }
            catch (ArgumentException ex) { _warnings.Add($"Policy entry '{id}' is not a valid model ID and was left out of the model universe: {ex.Message}"); }
        }
        foreach (var v in _verdicts.Where(v => v.Verdict != LicenseVerdict.Allowed).GroupBy(v => v.ModelId).Select(g => g.First()))
            _notes.Add($"Deny {v.ModelId}: {v.Verdict} ({v.ReasonCodes}).");
    }

    /// <summary>Options for the generator from the policy: residency and retention come from the policy file.</summary>
    public static void ApplyPolicy(AccessPolicyOptions options, LicensePolicy policy)
    {
        options.AllowedRegions = policy.AllowedRegions;
        options.MaximumDataRetention = policy.MaximumDataRetention;
    }

    /// <summary>The (model, allowed) pairs the generator takes.</summary>
    public IEnumerable<(string ModelId, bool Allowed)> ForGenerator() => _verdicts.Select(v => (v.ModelId, v.Verdict == LicenseVerdict.Allowed));
}
