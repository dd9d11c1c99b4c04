namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The canonical form of an evidence member: how it is written, parsed and checked. The order matters: the parser
/// reports a missing or bad required member in this order (chain members first), then in table order.
/// </summary>
internal enum EvidenceFieldForm
{
    /// <summary>JSON integer, the format version (<see cref="EvidenceFormat.FormatVersion"/>).</summary>
    Version,
    /// <summary>JSON integer ≥ 1; CSV invariant digits.</summary>
    Sequence,
    /// <summary>64 lowercase hex digits (SHA-256).</summary>
    Hash,
    /// <summary>GUID, "D" form, lowercase (<c>Guid.ToString("D")</c>).</summary>
    Guid,
    /// <summary>UTC, <see cref="EvidenceFormat.TimestampFormat"/> (milliseconds, 'Z').</summary>
    Timestamp,
    /// <summary>Non-empty name from a fixed list (<see cref="EvidenceAction"/>, <see cref="EvidenceOutcome"/>).</summary>
    Vocabulary,
    /// <summary>Free text: secret-guarded, UTF-16 repaired and length-capped when appended; omitted when null.</summary>
    Text,
    /// <summary>Not stored: the 1-based line of the ledger a record was read from (CSV only).</summary>
    LineNumber,
}
