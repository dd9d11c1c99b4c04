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
                .Concat(ConfigOnlyProfileNames())
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

    /// <summary>
    /// Profiles of the config file that hold no credentials ('[default]' or '[profile x]' with only a region, used with
    /// environment or instance credentials): the profile store does not list them, but -ProfileName takes them.
    /// Read with AWSSDK.Core's own INI reader; sso-session and services sections are not profiles.
    /// </summary>
    static IEnumerable<string> ConfigOnlyProfileNames()
    {
        string path = new SharedCredentialsFile().ConfigFilePath;
        if (string.IsNullOrEmpty(path) || !File.Exists(path)) return Array.Empty<string>();
        return new Amazon.Runtime.Internal.Util.IniFile(path).ListSectionNames()
            .Select(n => n.Trim())
            .Select(n => n == "default" ? n : n.StartsWith("profile ", StringComparison.Ordinal) ? n.Substring("profile ".Length).Trim() : "")
            .Where(n => n.Length > 0 && n.IndexOf(' ') < 0);
    }
}
