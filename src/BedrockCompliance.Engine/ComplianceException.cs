namespace BedrockCompliance.Engine;

/// <summary>What kind of problem a <see cref="ComplianceException"/> is; the cmdlets map it to an ErrorCategory.</summary>
internal enum ComplianceErrorKind
{
    InvalidArgument,
    ObjectNotFound,
    InvalidOperation,
    OperationTimeout,
    PermissionDenied,
}

/// <summary>A refusal or failure the module itself decides (no offer, no use case, policy …), with a stable id.</summary>
internal sealed class ComplianceException : Exception
{
    public ComplianceException(string errorId, ComplianceErrorKind kind, string message, Exception? inner = null) : base(message, inner)
    {
        ErrorId = errorId;
        Kind = kind;
    }

    public string ErrorId { get; }
    public ComplianceErrorKind Kind { get; }
}
