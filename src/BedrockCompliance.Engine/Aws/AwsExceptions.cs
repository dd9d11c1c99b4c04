namespace BedrockCompliance.Engine.Aws;

/// <summary>An error AWS (or the emulator) answered with. The message carries the request id.</summary>
internal sealed class AwsServiceException : Exception
{
    /// <remarks>Code, message and request id come from the server: they are cleaned of control characters and capped
    /// (<see cref="ErrorText"/>) here, the one place every protocol's error passes.</remarks>
    public AwsServiceException(string service, string operation, string errorCode, string? serviceMessage, int statusCode, string? requestId, Exception? inner = null)
        : base(Compose(service, operation, ErrorText.Clean(errorCode, 128)!, ErrorText.Clean(serviceMessage), statusCode, ErrorText.Clean(requestId, 128)), inner)
    {
        Service = service;
        Operation = operation;
        ErrorCode = ErrorText.Clean(errorCode, 128)!;
        ServiceMessage = ErrorText.Clean(serviceMessage);
        StatusCode = statusCode;
        RequestId = ErrorText.Clean(requestId, 128);
    }

    public string Service { get; }
    public string Operation { get; }
    /// <summary>Sanitised AWS error code, e.g. AccessDeniedException.</summary>
    public string ErrorCode { get; }
    public string? ServiceMessage { get; }
    public int StatusCode { get; }
    public string? RequestId { get; }

    /// <summary>
    /// The attempt that got this answer (1 = the first). A ConflictException on a later attempt may answer this very
    /// call's earlier attempt, whose change committed while its answer was lost.
    /// </summary>
    public int Attempt { get; internal set; } = 1;

    public bool IsThrottling => AwsErrorCodes.IsThrottling(ErrorCode) || StatusCode == 429;

    static string Compose(string service, string operation, string code, string? message, int status, string? requestId) =>
        $"{code}: {(string.IsNullOrEmpty(message) ? "(no message)" : message)} ({service} {operation}, HTTP {status}, request id {requestId ?? "none"})";
}

/// <summary>The answer could not be understood: not JSON, truncated, the wrong shape or too large.</summary>
internal sealed class AwsResponseFormatException : Exception
{
    public AwsResponseFormatException(string service, string operation, string problem, string? requestId, Exception? inner = null)
        : base($"{service} {operation} returned a response that cannot be used: {ErrorText.Clean(problem)} (request id {ErrorText.Clean(requestId, 128) ?? "none"})", inner)
    {
        Operation = operation;
        RequestId = ErrorText.Clean(requestId, 128);
    }

    public string Operation { get; }
    public string? RequestId { get; }
}

/// <summary>Region, credentials or endpoint could not be resolved or are unacceptable. Never retried.</summary>
internal sealed class AwsConfigurationException : Exception
{
    public AwsConfigurationException(string errorId, string message, Exception? inner = null) : base(message, inner) => ErrorId = errorId;

    /// <summary>Stable id: NoRegion, UnknownRegion, NoCredentials, ProfileNotFound, InsecureEndpoint, InvalidEndpoint.</summary>
    public string ErrorId { get; }
}

/// <summary>The network failed on every attempt (connection refused, reset, DNS, timeout).</summary>
internal sealed class AwsTransportException : Exception
{
    public AwsTransportException(string service, string operation, Uri endpoint, int attempts, Exception inner)
        : base($"{service} {operation} could not reach {endpoint.GetLeftPart(UriPartial.Authority)} after {attempts} attempt(s): {inner.Message}", inner)
    {
        Operation = operation;
        Attempts = attempts;
    }

    public string Operation { get; }
    public int Attempts { get; }
    public bool IsTimeout => InnerException is TimeoutException;

    /// <summary>An attempt's failure as the transport error's cause: a cancellation our token did not ask for is the per-attempt timeout.</summary>
    internal static Exception AttemptTimedOut(Exception ex, TimeSpan attemptTimeout) =>
        ex is OperationCanceledException ? new TimeoutException($"no answer within {attemptTimeout.TotalSeconds:0.#} s", ex) : ex;
}
