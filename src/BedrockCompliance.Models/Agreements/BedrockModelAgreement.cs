namespace BedrockCompliance;

/// <summary>What New-/Remove-BedrockModelAgreement did for one model in one account and region.</summary>
public sealed class BedrockModelAgreement : IAccountScoped
{
    public string ModelId { get; set; } = "";
    public string? AccountId { get; set; }
    public string? Region { get; set; }
    /// <summary>Accepted, AlreadyAvailable, NotRequired, Pending, Revoked, WhatIf.</summary>
    public string Result { get; set; } = "";
    /// <summary>The agreement's state in the account afterwards (AVAILABLE, PENDING, NOT_AVAILABLE, ERROR).</summary>
    public string? AgreementStatus { get; set; }
    public string? OfferId { get; set; }
    public string? LegalTermUrl { get; set; }
    public LicenseCategory LicenseCategory { get; set; }
    public string? LicenseName { get; set; }
    /// <summary>Id of the evidence record that documents this result (acceptance, observation or revocation).</summary>
    public System.Guid? EvidenceId { get; set; }
    public BedrockAccountContext? Context { get; set; }
    public override string ToString() => $"{ModelId} {Result}";
}
