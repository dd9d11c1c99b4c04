using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Runtime.CompilerServices;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands.Completion
{
    /// <summary>
    /// Completes -ProfileName with the profiles of the shared AWS config and credentials files, read by the engine
    /// through AWSSDK.Core's profile store (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE honoured), so it offers
    /// exactly the names -ProfileName would resolve.
    /// </summary>
    public sealed class ProfileNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                return CompletionText.Complete(Profiles(), wordToComplete).ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        static IEnumerable<string> Profiles() => AwsProfiles.Names();
    }
}
