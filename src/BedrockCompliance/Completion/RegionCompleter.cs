using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands.Completion;

/// <summary>
/// Completes Region parameters with the Regions AWS has. The list comes from the engine (AWSSDK.Core's Region
/// table) as plain strings: this assembly must not reference AWSSDK types (dependency isolation).
/// </summary>
public sealed class RegionCompleter : SafeCompleter
{
    protected override IEnumerable<CompletionResult> Complete(string wordToComplete) => CompletionText.Complete(AwsRegions.Names(), wordToComplete);
}
