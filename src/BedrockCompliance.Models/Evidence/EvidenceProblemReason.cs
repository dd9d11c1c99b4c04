namespace BedrockCompliance;

/// <summary>Why a ledger line failed verification.</summary>
// long-based so that ConvertTo-Json writes the name: PowerShell writes 64-bit enums as text, 32-bit ones as numbers.
public enum EvidenceProblemReason : long
{
    None = 0,
    /// <summary>The line's content does not match its hash, or its successor's prevHash.</summary>
    Edited,
    /// <summary>One or more records are missing before this line (sequence gap / broken link).</summary>
    Deleted,
    /// <summary>Records are out of order.</summary>
    Reordered,
    /// <summary>A record that is not part of the chain was added.</summary>
    Inserted,
    /// <summary>An incomplete write (crash): never a committed record.</summary>
    Torn,
    /// <summary>The line is not a JSON object.</summary>
    NotJson,
    /// <summary>The line is not valid UTF-8.</summary>
    InvalidUtf8,
    /// <summary>JSON, but a required member is missing or has the wrong type.</summary>
    Malformed,
}
