namespace BedrockCompliance.Engine.Privacy;

/// <summary>What a check runs against: one account's region, the requirements, the clients.</summary>
internal sealed class PrivacyCheckContext
{
    public PrivacyCheckContext(string region, PrivacyCheckOptions options, PrivacyClients clients, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        Time = time ?? TimeProvider.System;
        Region = region;
        Options = options;
        Clients = clients;
        CancellationToken = cancellationToken;
    }

    public string Region { get; }
    public PrivacyCheckOptions Options { get; }
    public PrivacyClients Clients { get; }
    public CancellationToken CancellationToken { get; }
    /// <summary>The clock ages are measured with (API-key age and expiry).</summary>
    public TimeProvider Time { get; }

    public DateTime UtcNow => Time.GetUtcNow().UtcDateTime;
}
