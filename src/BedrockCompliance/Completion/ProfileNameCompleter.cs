using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands.Completion;

/// <summary>
/// Completes -ProfileName with the profiles of the shared AWS config and credentials files, read by the engine
/// through AWSSDK.Core's profile store (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE honoured), so it offers
/// exactly the names -ProfileName would resolve.
/// </summary>
public sealed class ProfileNameCompleter : SafeCompleter
{
    protected override IEnumerable<CompletionResult> Complete(string wordToComplete) => CompletionText.Complete(AwsProfiles.Names(), wordToComplete);
}
