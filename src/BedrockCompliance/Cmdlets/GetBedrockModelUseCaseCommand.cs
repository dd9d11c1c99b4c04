using BedrockCompliance.Engine.Agreements;

namespace BedrockCompliance.Commands;

/// <summary>The Anthropic use-case form on file in each account (nothing and an ObjectNotFound error when none was submitted).</summary>
[Cmdlet(VerbsCommon.Get, "BedrockModelUseCase")]
[OutputType(typeof(BedrockModelUseCase))]
public sealed class GetBedrockModelUseCaseCommand : BedrockAwsCmdlet
{
    private protected override string Activity => "Reading the use-case form";

    private protected override async Task RunForTargetAsync(TargetServices services, IReadOnlyList<object?> items, CancellationToken ct)
    {
        var target = services.Target;
        string? account = await services.GetAccountIdAsync(ct).ConfigureAwait(false);
        var json = await services.Bedrock.GetUseCaseForModelAccessAsync(ct).ConfigureAwait(false);
        if (json == null)
        {
            Pump.WriteError(ErrorRecordFactory.UseCaseNotFound(target.Context != null ? target.Label : null, account, (object?)target.Context ?? account));
            return;
        }
        var form = UseCaseForm.Parse(json);
        form.AccountId = account;
        Emit(services, form);
    }
}
