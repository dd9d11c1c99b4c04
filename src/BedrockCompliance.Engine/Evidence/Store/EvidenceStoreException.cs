namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The S3 evidence store could not be read or written (bucket missing, access denied, unreadable tail, too many lost
/// races). An IOException, so the cmdlets report it as they report a ledger file that cannot be read or written.
/// </summary>
internal sealed class EvidenceStoreException : IOException
{
    public EvidenceStoreException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
