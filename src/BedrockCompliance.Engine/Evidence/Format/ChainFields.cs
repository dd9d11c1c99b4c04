namespace BedrockCompliance.Engine.Evidence;

/// <summary>The chain-relevant members of a record line.</summary>
internal struct ChainFields
{
    public long Sequence;
    public string PrevHash;
    /// <summary>The hash stored in the line.</summary>
    public string Hash;
    /// <summary>Whether the line's bytes hash to <see cref="Hash"/> (and the hash member is in canonical position).</summary>
    public bool HashMatches;
    public long LineNumber;
}
