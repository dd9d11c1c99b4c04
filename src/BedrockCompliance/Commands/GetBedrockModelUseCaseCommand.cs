using System.IO;
using System.Management.Automation;
using BedrockCompliance.Commands.Infrastructure;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands
{
    /// <summary>The Anthropic use-case form on file in each account (nothing and an ObjectNotFound error when none was submitted).</summary>
    [Cmdlet(VerbsCommon.Get, "BedrockModelUseCase")]
    [OutputType(typeof(BedrockModelUseCase))]
    public sealed class GetBedrockModelUseCaseCommand : BedrockAwsCmdlet
    {
        protected override void ProcessRecord() => AddWork(null);

        protected override void EndProcessing() =>
            ForEachTarget("Reading the use-case form", async (target, items, pump, ct) =>
            {
                var client = new BedrockClient(new AwsHttpSender(target.Connection) { Trace = pump.WriteDebug });
                string? account = (await target.GetIdentityAsync(ct).ConfigureAwait(false))?.Account ?? target.Context?.AccountId;
                var json = await client.GetUseCaseForModelAccessAsync(ct).ConfigureAwait(false);
                if (json == null)
                {
                    pump.WriteError(new ErrorRecord(new FileNotFoundException($"{(target.Context != null ? target.Label + ": " : "")}No use-case form is on file in account {account ?? "(unknown)"}; submit one with Set-BedrockModelUseCase."),
                        "UseCaseNotFound", ErrorCategory.ObjectNotFound, (object?)target.Context ?? account));
                    return;
                }
                var form = UseCaseForm.Parse(json);
                form.AccountId = account;
                form.Context = target.Context;
                pump.WriteObject(form);
            });
    }
}
