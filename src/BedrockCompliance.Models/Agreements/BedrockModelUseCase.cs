namespace BedrockCompliance;

/// <summary>Who the model's users are (the form's numeric intendedUsers: 0, 1, 2).</summary>
// long-based so that ConvertTo-Json writes the name: PowerShell writes 64-bit enums as text, 32-bit ones as numbers.
public enum IntendedUsers : long
{
    Internal = 0,
    External = 1,
    InternalAndExternal = 2,
}

/// <summary>The Anthropic first-use form (PutUseCaseForModelAccess), per account.</summary>
public sealed class BedrockModelUseCase : IAccountScoped
{
    public string? AccountId { get; set; }
    /// <summary>
    /// True when the form is on file (or was just submitted); false when the account has none yet — a normal state,
    /// not an error, in which the form's other members are empty.
    /// </summary>
    public bool Submitted { get; set; }
    public string CompanyName { get; set; } = "";
    public string CompanyWebsite { get; set; } = "";
    public IntendedUsers IntendedUsers { get; set; }
    public string IndustryOption { get; set; } = "";
    public string OtherIndustryOption { get; set; } = "";
    public string UseCases { get; set; } = "";
    public BedrockAccountContext? Context { get; set; }
    public override string ToString() => Submitted ? $"{CompanyName} ({IntendedUsers}, {IndustryOption})" : $"{AccountId}: no use-case form on file";
}
