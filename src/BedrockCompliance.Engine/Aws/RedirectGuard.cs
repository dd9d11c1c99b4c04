using System.Net.Http;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// No redirect is ever followed: AWS APIs do not redirect, and following one would send the signed request (with its
/// session token) to a host nobody chose, and take the answer from it. A 3xx is an error naming the status and the
/// Location host. The signed sender checks the status itself; the SDK's STS client sends through this handler.
/// </summary>
internal sealed class RedirectGuard : DelegatingHandler
{
    public const string ErrorCode = "UnexpectedRedirect";

    public RedirectGuard(HttpMessageHandler inner) : base(inner) { }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        int status = (int)response.StatusCode;
        if (status < 300 || status >= 400) return response;
        using (response)
        {
            string? requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
            // The operation is named by the client that catches this (StsClient); here only the request is known.
            throw Refused("STS", "request", status, response.Headers.Location, requestId);
        }
    }

    /// <summary>The error for a 3xx answer: names the status and where it pointed (host only, never the path or query).</summary>
    public static AwsServiceException Refused(string service, string operation, int status, Uri? location, string? requestId)
    {
        string where = location == null ? "no Location"
            : location.IsAbsoluteUri ? $"Location host '{ErrorText.Clean(location.Host, 255)}'" : "a relative Location";
        return new AwsServiceException(service, operation, ErrorCode,
            $"HTTP {status} redirect ({where}) refused: AWS APIs do not redirect, and following it would send this request's credentials to another host. Check -EndpointUrl and any proxy in between.",
            status, requestId);
    }
}
