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
    /// Completes Region parameters with the Regions AWS has. The list comes from the engine (AWSSDK.Core's Region
    /// table) as plain strings: this assembly must not reference AWSSDK types (dependency isolation).
    /// </summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                return CompletionText.Complete(Regions(), wordToComplete).ToList();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        static IEnumerable<string> Regions() => AwsRegions.Names();
    }
}
