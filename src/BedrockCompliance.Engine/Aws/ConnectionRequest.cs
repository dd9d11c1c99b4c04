namespace BedrockCompliance.Engine.Aws;

/// <summary>What the caller asked for; everything not given comes from the environment and the AWS config files.</summary>
internal sealed class ConnectionRequest
{
    public string? Region { get; set; }
    public string? ProfileName { get; set; }
    public string? EndpointUrl { get; set; }
}
