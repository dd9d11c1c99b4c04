using System.IO;
using BedrockCompliance.Engine;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Evidence;
using BedrockCompliance.Engine.Licenses;

namespace BedrockCompliance.Commands.Hosting;

/// <summary>
/// The one place ErrorRecords are built: one stable ErrorId per condition (scripts match on them), the AWS error
/// code where there is one, and categories scripts can branch on. The request id stays in the message.
/// </summary>
internal static class ErrorRecordFactory
{
    // ---- Engine and AWS failures ----

    /// <summary>An engine or AWS failure as a record: the AWS error code or the engine's own ErrorId.</summary>
    public static ErrorRecord From(Exception ex, object? target)
    {
        switch (ex)
        {
            case AwsServiceException s:
                return new ErrorRecord(s, s.ErrorCode, CategoryFor(s), target);
            case AwsResponseFormatException f:
                return new ErrorRecord(f, "InvalidResponse", ErrorCategory.InvalidResult, target);
            case AwsTransportException t:
                return new ErrorRecord(t, t.IsTimeout ? "Timeout" : "EndpointUnreachable", t.IsTimeout ? ErrorCategory.OperationTimeout : ErrorCategory.ConnectionError, target);
            case AwsConfigurationException c:
                return new ErrorRecord(c, c.ErrorId, CategoryFor(c), target);
            case ComplianceException c:
                return new ErrorRecord(c, c.ErrorId, c.Kind switch
                {
                    ComplianceErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
                    ComplianceErrorKind.InvalidOperation => ErrorCategory.InvalidOperation,
                    ComplianceErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
                    ComplianceErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
                    _ => ErrorCategory.InvalidArgument,
                }, target);
            case EvidenceLockTimeoutException l:
                return new ErrorRecord(l, EvidenceWriteErrors.LockTimeout, ErrorCategory.ResourceBusy, target);
            case ModelNotListedException n:
                return new ErrorRecord(n, "ModelNotListed", ErrorCategory.ObjectNotFound, target);
            case WildcardPatternException w:
                return new ErrorRecord(w, "InvalidWildcardPattern", ErrorCategory.InvalidArgument, target)
                {
                    ErrorDetails = new ErrorDetails($"{w.Message.TrimEnd('.')}. Close a '[' range or escape wildcard characters with a backtick (`[, `*, `?).")
                };
            case ArgumentException a:
                return new ErrorRecord(a, "InvalidArgument", ErrorCategory.InvalidArgument, target);
            case OperationCanceledException o:
                return new ErrorRecord(o, "Cancelled", ErrorCategory.OperationStopped, target);
            default:
                return new ErrorRecord(ex, "UnexpectedError", ErrorCategory.NotSpecified, target);
        }
    }

    /// <summary>An account's error: the message starts with 'account/region' and the target is the context.</summary>
    public static ErrorRecord ForAccount(Exception ex, BedrockAccountContext context, string what = "")
    {
        var inner = Unwrap(ex);
        var record = From(inner, context);
        record.ErrorDetails = new ErrorDetails($"{context}: {what}{inner.Message}");
        return record;
    }

    /// <summary>A model's error in one target: the model is the target; the message names the account when there is a context.</summary>
    public static ErrorRecord ForModel(Exception ex, string modelId, string? accountLabel)
    {
        var record = From(ex, modelId);
        if (accountLabel != null) record.ErrorDetails = new ErrorDetails($"{accountLabel}: {ex.Message}");
        return record;
    }

    /// <summary>AWSSDK.Core may wrap our typed errors (credential refresh); find the one that says what happened.</summary>
    static Exception Unwrap(Exception ex)
    {
        for (var e = ex; e != null; e = e.InnerException)
            if (e is AwsServiceException || e is AwsTransportException || e is AwsConfigurationException || e is AwsResponseFormatException) return e;
        return ex is AggregateException agg && agg.InnerException != null ? agg.InnerException : ex;
    }

    public static ErrorCategory CategoryFor(AwsServiceException s) => s.ErrorCode switch
    {
        "AccessDeniedException" or "AccessDenied" or "UnauthorizedOperation" or "UnrecognizedClientException" or "InvalidSignatureException"
            or "SignatureDoesNotMatch" or "InvalidClientTokenId" or "MissingAuthenticationTokenException" or "MissingAuthenticationToken"
            or "ExpiredToken" or "ExpiredTokenException" or "RegionDisabledException" => ErrorCategory.PermissionDenied,
        "ResourceNotFoundException" or "TrailNotFoundException" => ErrorCategory.ObjectNotFound,
        "ValidationException" or "InvalidParameterValue" or "InvalidParameter" or "MalformedPolicyDocument" => ErrorCategory.InvalidArgument,
        "ConflictException" or "ResourceInUseException" => ErrorCategory.ResourceExists,
        "ServiceQuotaExceededException" or "TooManyTagsException" or "PackedPolicyTooLarge" => ErrorCategory.QuotaExceeded,
        "ModelTimeoutException" => ErrorCategory.OperationTimeout,
        "ModelErrorException" or "ModelStreamErrorException" => ErrorCategory.InvalidResult,
        "ModelNotReadyException" => ErrorCategory.ResourceUnavailable,
        "InternalServerException" or "ServiceUnavailableException" or "ServiceUnavailable" or "InternalFailure" => ErrorCategory.ResourceUnavailable,
        _ when s.IsThrottling => ErrorCategory.LimitsExceeded,
        _ when s.StatusCode >= 500 => ErrorCategory.ResourceUnavailable,
        _ => ErrorCategory.NotSpecified,
    };

    static ErrorCategory CategoryFor(AwsConfigurationException c) => c.ErrorId switch
    {
        "NoCredentials" => ErrorCategory.AuthenticationError,
        "ProfileNotFound" => ErrorCategory.ObjectNotFound,
        "InsecureEndpoint" => ErrorCategory.SecurityError,
        _ => ErrorCategory.InvalidArgument,
    };

    // ---- Bad input ----

    /// <summary>A parameter value (or combination) that cannot be used: the message names the value and what is expected.</summary>
    static ErrorRecord Invalid(string errorId, string message, object? target) =>
        new ErrorRecord(new ArgumentException(message), errorId, ErrorCategory.InvalidArgument, target);

    public static ErrorRecord InvalidModelId(Exception ex, object? target) => new ErrorRecord(ex, "InvalidModelId", ErrorCategory.InvalidArgument, target);
    public static ErrorRecord InvalidCatalog(Exception ex, object? target) => new ErrorRecord(ex, "InvalidLicenseCatalog", ErrorCategory.InvalidData, target);
    public static ErrorRecord InvalidPolicy(Exception ex, object? target) => new ErrorRecord(ex, "InvalidLicensePolicy", ErrorCategory.InvalidData, target);
    public static ErrorRecord InvalidUseCaseForm(ArgumentException ex, object? form) => new ErrorRecord(ex, "InvalidUseCaseForm", ErrorCategory.InvalidArgument, form);

    public static ErrorRecord InvalidRegionName(string? region) =>
        Invalid("InvalidRegion", $"'{region}' is not an AWS Region name; expected a name such as 'us-east-1' or 'eu-central-1'.", region);
    public static ErrorRecord InvalidSessionName(string? name) =>
        Invalid("InvalidSessionName", $"'{name}' is not a valid role session name; expected 2 to 64 characters from letters, digits and +=,.@_-.", name);
    public static ErrorRecord InvalidRoleArn(string? arn) =>
        Invalid("InvalidRoleArn", $"'{arn}' is not an IAM role ARN; expected arn:aws:iam::<12-digit account>:role/<name>.", arn);
    public static ErrorRecord InvalidRoleName(string? name) =>
        Invalid("InvalidRoleName", $"'{name}' is not an IAM role name; expected 1 to 64 characters from ASCII letters, digits and +=,.@_- (optionally under a path: 'team/Admin').", name);
    public static ErrorRecord InvalidAccountId(string? id) =>
        Invalid("InvalidAccountId", $"'{id}' is not an AWS account ID; expected 12 digits such as 123456789012 (leading zeros included).", id);
    public static ErrorRecord InvalidShard(string? shard, string message) => Invalid("InvalidShard", message, shard);
    public static ErrorRecord OfflineWithConnection() =>
        Invalid("OfflineWithConnection", "-Offline makes no AWS call; drop -Region, -ProfileName and -EndpointUrl, or drop -Offline.", null);
    public static ErrorRecord InvocationLogDataKindWithoutRequirement(object? kinds) =>
        Invalid("InvocationLogDataKindWithoutRequirement", "-InvocationLogDataKind needs -RequireInvocationLogging Enabled (kinds that must be delivered) or Disabled (kinds that must not be).", kinds);
    /// <summary>An s3:// evidence location that is not s3://bucket/prefix, or whose store cannot be set up (retention, region, credentials).</summary>
    public static ErrorRecord EvidenceLocationInvalid(string given, string message) => Invalid("EvidenceLocationInvalid", message, given);

    public static ErrorRecord NoEvidenceWithEvidencePath(string? path) =>
        Invalid("NoEvidenceWithEvidencePath", "-NoEvidence and -EvidencePath contradict each other; use one.", path);
    public static ErrorRecord InvalidTimeRange(object? since) => Invalid("EvidenceInvalidTimeRange", "-Since is later than -Until.", since);

    // ---- Results ----

    public static ErrorRecord RegionNeedsLimitToRegion(string[] regions) =>
        new ErrorRecord(new ArgumentException("-Region limits the licence deny to those Regions and needs -LimitToRegion; without it the deny holds in every Region (the safe default)."),
            "RegionNeedsLimitToRegion", ErrorCategory.InvalidArgument, regions);
    public static ErrorRecord NoRegionToLimitTo() =>
        new ErrorRecord(new ArgumentException("-LimitToRegion needs Regions: give -Region or a \"regions\" list in the policy."),
            "NoRegionToLimitTo", ErrorCategory.InvalidArgument, null);
    public static ErrorRecord NoModels() =>
        new ErrorRecord(new InvalidOperationException("No valid models to generate a policy for."), "NoModels", ErrorCategory.InvalidArgument, null);
    public static ErrorRecord AccessPolicyTooLarge(Exception ex, object? target) => new ErrorRecord(ex, "AccessPolicyTooLarge", ErrorCategory.LimitsExceeded, target);

    // ---- Paths and files (one ID per condition for every -Path, -LiteralPath, -EvidencePath, -Policy, -CatalogPath) ----

    public static ErrorRecord PathNotFileSystem(string given, string provider) =>
        Invalid("PathNotFileSystem", $"'{given}' is on the {provider} provider; the file must be on the file system.", given);
    public static ErrorRecord AmbiguousPath(string given, int count) =>
        Invalid("AmbiguousPath", $"The path '{given}' resolves to {count} items; give one file (or use -LiteralPath for names with wildcard characters).", given);
    public static ErrorRecord PathIsDirectory(string path) => Invalid("PathIsDirectory", $"'{path}' is a directory; give a file name.", path);
    public static ErrorRecord FileExists(string path) =>
        new ErrorRecord(new IOException($"The file '{path}' already exists and -NoClobber was given; choose another path or leave out -NoClobber."), "FileExists", ErrorCategory.ResourceExists, path);
    public static ErrorRecord FileReadOnly(string path) =>
        new ErrorRecord(new UnauthorizedAccessException($"The file '{path}' is read-only; use -Force to overwrite it."), "FileReadOnly", ErrorCategory.PermissionDenied, path);
    public static ErrorRecord DirectoryNotFound(string path, string? folder) =>
        new ErrorRecord(new DirectoryNotFoundException($"The folder '{folder}' does not exist; create it first."), "DirectoryNotFound", ErrorCategory.ObjectNotFound, path);
    public static ErrorRecord FileWriteFailed(Exception ex, string path) => new ErrorRecord(ex, "FileWriteFailed", ErrorCategory.WriteError, path);
    public static ErrorRecord OutputIsInput(string path, string what) =>
        new ErrorRecord(new IOException($"The output file '{path}' is {what}; writing it would destroy the input. Choose another path."), "OutputIsInput", ErrorCategory.InvalidArgument, path);
    public static ErrorRecord OutputNotRegularFile(string path, string kind) =>
        new ErrorRecord(new IOException($"The output path '{path}' is {kind}, not a regular file; give a regular file or a new file name (-Force does not change this)."),
            "OutputNotRegularFile", ErrorCategory.InvalidArgument, path);

    // ---- Evidence ----

    public static ErrorRecord LedgerNotFound(string path) =>
        new ErrorRecord(new FileNotFoundException($"The evidence ledger '{path}' does not exist (nothing has been recorded there yet).", path),
            "EvidenceLedgerNotFound", ErrorCategory.ObjectNotFound, path);
    public static ErrorRecord LineInvalid(string path, EvidenceProblem problem) =>
        new ErrorRecord(new InvalidDataException($"Line {problem.LineNumber} of the evidence ledger '{path}' is not a record ({problem.Reason}): {problem.Message}."),
            "EvidenceLineInvalid", ErrorCategory.InvalidData, problem);
    public static ErrorRecord LineInvalid(EvidenceLineException ex) => new ErrorRecord(ex, "EvidenceLineInvalid", ErrorCategory.InvalidData, ex.Problem);
    public static ErrorRecord EvidencePathInvalid(string given, string why) =>
        Invalid("EvidencePathInvalid", $"-EvidencePath '{given}' cannot be used: {why}.", given);
    public static ErrorRecord EvidencePathNotRegularFile(string path, string kind, string source) =>
        new ErrorRecord(new ArgumentException($"The evidence ledger '{path}' (from {SourceName(source)}) is {kind}; evidence must go to a regular file or a new path, so nothing is silently discarded."),
            kind == "a directory" ? EvidenceWriteErrors.IsDirectory : "EvidencePathNotRegularFile", ErrorCategory.InvalidArgument, path);
    static string SourceName(string source) => source switch
    {
        "Parameter" => "-EvidencePath",
        "Environment" => "$env:" + EvidencePaths.EnvironmentVariable,
        _ => "the default location",
    };
    public static ErrorRecord EvidenceReadFailed(Exception ex, string path) => new ErrorRecord(ex, "EvidenceReadFailed", ErrorCategory.ReadError, path);
    public static ErrorRecord EvidenceExportFailed(Exception ex, string path) => new ErrorRecord(ex, "EvidenceExportFailed", ErrorCategory.WriteError, path);
}
