namespace BedrockCompliance;

/// <summary>A result that belongs to one account and region: the cmdlet base sets its Context in one place.</summary>
public interface IAccountScoped
{
    /// <summary>The account context the result came from; null for the caller's own connection.</summary>
    BedrockAccountContext? Context { get; set; }
}
