using BedrockCompliance.Engine.Agreements;

namespace BedrockCompliance.Commands;

/// <summary>The Anthropic use-case form on file in each account (Submitted = $false when none was, which is a normal state).</summary>
[Cmdlet(VerbsCommon.Get, "BedrockModelUseCase")]
[OutputType(typeof(BedrockModelUseCase))]
public sealed class GetBedrockModelUseCaseCommand : BedrockAwsCmdlet
{
    private protected override string Activity => "Reading the use-case form";

    private protected override async Task RunForTargetAsync(TargetServices services, IReadOnlyList<object?> items, CancellationToken ct)
    {
        string? account = await services.GetAccountIdAsync(ct).ConfigureAwait(false);
        var json = await services.Bedrock.GetUseCaseForModelAccessAsync(ct).ConfigureAwait(false);
        if (json == null)
        {
            Emit(services, new BedrockModelUseCase { AccountId = account, Submitted = false });
            return;
        }
        var form = UseCaseForm.Parse(json);
        form.AccountId = account;
        form.Submitted = true;
        Emit(services, form);
    }
}
