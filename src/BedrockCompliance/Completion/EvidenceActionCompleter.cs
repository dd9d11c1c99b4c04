using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Commands.Completion;

/// <summary>Completes -Action with the known evidence actions.</summary>
public sealed class EvidenceActionCompleter : SafeCompleter
{
    protected override IEnumerable<CompletionResult> Complete(string wordToComplete)
    {
        var pattern = new WildcardPattern(wordToComplete.Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
        return EvidenceAction.All.Where(a => pattern.IsMatch(a)).Select(a => new CompletionResult(a, a, CompletionResultType.ParameterValue, a));
    }
}
