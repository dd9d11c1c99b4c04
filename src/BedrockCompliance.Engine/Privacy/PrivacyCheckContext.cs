namespace BedrockCompliance.Engine.Privacy;

/// <summary>What a check runs against: one account's region, the requirements, the clients.</summary>
internal sealed class PrivacyCheckContext(string region, PrivacyCheckOptions options, PrivacyClients clients, CancellationToken cancellationToken, TimeProvider? time = null)
{
    public string Region => region;
    public PrivacyCheckOptions Options => options;
    public PrivacyClients Clients => clients;
    public CancellationToken CancellationToken => cancellationToken;
    /// <summary>The clock ages are measured with (API-key age and expiry).</summary>
    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    public DateTime UtcNow => Time.GetUtcNow().UtcDateTime;
}
