namespace BedrockCompliance.Engine.Privacy.Checks;

/// <summary>One invocation-log destination (InvocationLogEncryption) and what was found (null encryption facts: could not be read).</summary>
internal sealed class LogDestination
{
    public string Resource { get; set; } = "";
    public bool? Encrypted { get; set; }
    public string Found { get; set; } = "";
    public Exception? Error { get; set; }
}
