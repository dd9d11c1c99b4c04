using BedrockCompliance.Engine.Agreements;

namespace BedrockCompliance.Commands;

/// <summary>
/// Submits the Anthropic use-case form (once per account; it applies in every region) and records what was
/// submitted as UseCaseSubmitted evidence. Each piped form goes to the contexts that come with it (or the caller's
/// account); an account given two different forms in one run keeps the first and gets UseCaseFormConflict.
/// </summary>
[Cmdlet(VerbsCommon.Set, "BedrockModelUseCase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(BedrockModelUseCase))]
public sealed class SetBedrockModelUseCaseCommand : BedrockAwsCmdlet
{
    private protected override bool RecordsEvidence => true;

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string CompanyName { get; set; } = "";

    /// <summary>The company's web site (a GitHub profile works for individuals).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string CompanyWebsite { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    public IntendedUsers IntendedUsers { get; set; }

    /// <summary>The industry, e.g. Technology, Education, Energy, Software as a Service.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string IndustryOption { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    public string OtherIndustryOption { get; set; } = "";

    /// <summary>What the models will be used for, in your words.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string UseCases { get; set; } = "";

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    readonly UseCaseService _service = new UseCaseService();

    private protected override string Activity => "Submitting the use-case form";

    private protected override bool RunWhenNothingEnqueued => false;

    private protected override void OnInput()
    {
        var form = new BedrockModelUseCase
        {
            CompanyName = CompanyName, CompanyWebsite = CompanyWebsite, IntendedUsers = IntendedUsers,
            IndustryOption = IndustryOption, OtherIndustryOption = OtherIndustryOption ?? "", UseCases = UseCases,
        };
        try
        {
            UseCaseForm.Validate(form);
        }
        catch (ArgumentException ex)
        {
            ThrowTerminatingError(ErrorRecordFactory.InvalidUseCaseForm(ex, form));
        }
        Evidence ??= OpenEvidence();
        Enqueue(form);
    }

    private protected override async Task RunForTargetAsync(TargetServices services, IReadOnlyList<object?> items, CancellationToken ct)
    {
        foreach (var form in items.OfType<BedrockModelUseCase>())
        {
            var submitted = await _service.SubmitAsync(services, form, ct).ConfigureAwait(false);
            if (submitted != null && PassThru) Emit(services, submitted);
        }
    }
}
