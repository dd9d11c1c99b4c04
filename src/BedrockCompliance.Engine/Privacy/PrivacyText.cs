using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Privacy;

/// <summary>The wording helpers every check shares, so details read alike.</summary>
internal static class PrivacyText
{
    public static string Reason(Exception ex) => ex is AwsServiceException s
        ? $"{s.ErrorCode}: {s.ServiceMessage ?? "(no message)"} ({s.Service} {s.Operation}, request id {s.RequestId ?? "none"})"
        : ex.Message;

    public static string Since(string label, DateTimeOffset? t) => t is { } v ? $"{label} {v.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "";

    public static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

    /// <summary>Details stay readable in a table and in the ledger.</summary>
    public static string Cap(string s) => s.Length <= 2000 ? s : s.Substring(0, 1997) + "...";

    /// <summary>The remediation for a denied call: the actions to grant, where.</summary>
    public static string GrantRemediation(string permissions, string region) =>
        $"Grant {permissions} in {region} to the principal running the check (IAM console > Roles > the role > Add permissions), or ask the account owner to.";
}
