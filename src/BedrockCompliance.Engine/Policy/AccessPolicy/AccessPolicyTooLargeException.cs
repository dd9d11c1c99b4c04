namespace BedrockCompliance.Engine.Policy;

/// <summary>The allow-list cannot be made to fit one document; the message says what to do.</summary>
internal sealed class AccessPolicyTooLargeException : InvalidOperationException
{
    public AccessPolicyTooLargeException(string message) : base(message) { }
}
