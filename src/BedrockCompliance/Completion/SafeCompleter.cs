using System.Collections;
using System.Management.Automation.Language;

namespace BedrockCompliance.Commands.Completion;

/// <summary>
/// Base of the module's completers: completion must never surface an error in the middle of typing (a broken
/// catalog file, an engine that cannot load). Engine types are touched only in <see cref="Complete"/>, which is
/// compiled when first called, so even a load failure lands in this try.
/// </summary>
public abstract class SafeCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        try
        {
            return Complete(wordToComplete ?? "").ToList();
        }
        catch (Exception)
        {
            return Array.Empty<CompletionResult>();
        }
    }

    protected abstract IEnumerable<CompletionResult> Complete(string wordToComplete);
}
