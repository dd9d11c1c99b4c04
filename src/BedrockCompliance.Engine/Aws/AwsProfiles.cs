using Amazon.Runtime.CredentialManagement;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// Profile names for tab completion, read through AWSSDK.Core's profile store — the store ConnectionResolver
/// resolves -ProfileName with — so completion offers exactly the names that would work (config file
/// '[profile x]' and credentials file '[x]' sections; AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE honoured).
/// </summary>
internal static class AwsProfiles
{
    /// <summary>
    /// The profile names, sorted; empty when the files are missing or unreadable. Read on every call (the files
    /// are small and may change during a session); completion must never fail, so errors give an empty list.
    /// </summary>
    public static IReadOnlyList<string> Names()
    {
        try
        {
            return new CredentialProfileStoreChain().ListProfiles()
                .Select(p => p.Name)
                .Where(n => !string.IsNullOrEmpty(n))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(n => n, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }
        catch (Exception)
        {
            return Array.Empty<string>();
        }
    }
}
