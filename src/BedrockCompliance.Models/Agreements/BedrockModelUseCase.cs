namespace BedrockCompliance;

/// <summary>Who the model's users are (the form's numeric intendedUsers: 0, 1, 2).</summary>
public enum IntendedUsers
{
    Internal = 0,
    External = 1,
    InternalAndExternal = 2,
}

/// <summary>The Anthropic first-use form (PutUseCaseForModelAccess), per account.</summary>
public sealed class BedrockModelUseCase : IAccountScoped
{
    public string? AccountId { get; set; }
    public string CompanyName { get; set; } = "";
    public string CompanyWebsite { get; set; } = "";
    public IntendedUsers IntendedUsers { get; set; }
    public string IndustryOption { get; set; } = "";
    public string OtherIndustryOption { get; set; } = "";
    public string UseCases { get; set; } = "";
    public BedrockAccountContext? Context { get; set; }
    public override string ToString() => $"{CompanyName} ({IntendedUsers}, {IndustryOption})";
}
