namespace BedrockCompliance;

/// <summary>Which kind of AWS policy document Export-BedrockModelAccessPolicy writes.</summary>
// long-based so that ConvertTo-Json writes the name: PowerShell writes 64-bit enums as text, 32-bit ones as numbers.
public enum AccessPolicyType : long
{
    /// <summary>IAM identity policy (managed policy limit 6,144 characters, white space not counted).</summary>
    Iam,
    /// <summary>AWS Organizations service control policy (5,120 characters, counted as stored).</summary>
    Scp,
}

/// <summary>How the deny policy names models.</summary>
// long-based so that ConvertTo-Json writes the name: PowerShell writes 64-bit enums as text, 32-bit ones as numbers.
public enum AccessPolicyStrategy : long
{
    /// <summary>
    /// Deny everything except the allowed models (NotResource). Fails closed: a model released tomorrow, or
    /// missing from the model list, is denied until the policy allows it. Default.
    /// </summary>
    AllowListOnly = 0,
    /// <summary>Deny the listed not-allowed models (Resource). Models outside the model list are not covered.</summary>
    DenyListed,
}

/// <summary>One generated policy document (one SCP or IAM policy).</summary>
public sealed class BedrockAccessPolicyDocument
{
    public string Name { get; set; } = "";
    public AccessPolicyType Type { get; set; }
    public AccessPolicyStrategy Strategy { get; set; }
    /// <summary>1-based part number when the policy had to be split, and the number of parts.</summary>
    public int Part { get; set; } = 1;
    public int PartCount { get; set; } = 1;
    /// <summary>Size as AWS counts it for <see cref="Type"/>: SCP = every character of the document as written; IAM = characters other than white space.</summary>
    public int Size { get; set; }
    public int SizeLimit { get; set; }
    /// <summary>The policy JSON, exactly as written to the file.</summary>
    public string Document { get; set; } = "";
    /// <summary>Models of the model list this document denies (for AllowListOnly: every not-allowed model of the list).</summary>
    public IReadOnlyList<string> ModelsDenied { get; set => field = ValueList<string>.From(value); } = ValueList<string>.Empty;
    /// <summary>Models of the model list left allowed.</summary>
    public IReadOnlyList<string> ModelsAllowed { get; set => field = ValueList<string>.From(value); } = ValueList<string>.Empty;
    /// <summary>Regions the deny applies in (aws:RequestedRegion); empty = every region.</summary>
    public IReadOnlyList<string> Regions { get; set => field = ValueList<string>.From(value); } = ValueList<string>.Empty;
    /// <summary>True when wildcards were used to fit the size limit (each one checked against the model list).</summary>
    public bool Compacted { get; set; }
    /// <summary>The file the document was written to, or null.</summary>
    public string? Path { get; set; }
    public string? PolicyName { get; set; }
    public string? PolicySha256 { get; set; }

    public override string ToString() => Name;
}
