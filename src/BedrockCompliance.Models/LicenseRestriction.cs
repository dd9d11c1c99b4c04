namespace BedrockCompliance;

/// <summary>One restriction a licence imposes, e.g. NO_TRAINING_COMPETING_MODELS.</summary>
public sealed class LicenseRestriction
{
    public LicenseRestriction(string code, string summary)
    {
        Code = code;
        Summary = summary;
    }

    public string Code { get; }
    public string Summary { get; }

    public override string ToString() => Code;
}
