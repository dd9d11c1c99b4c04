using System.Net;
using System.Net.Http;
using Amazon.Runtime;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// How the SDK's STS client sends: through <see cref="RedirectGuard"/> (no redirect is ever followed, a 3xx is an
/// error), over our own handler without auto-redirect or cookies; tests give a scripted handler instead.
/// </summary>
internal sealed class HandlerHttpClientFactory : HttpClientFactory
{
    /// <summary>Shared like the signed sender's handler: connections are pooled across STS clients.</summary>
    static readonly Lazy<HttpMessageHandler> Default = new Lazy<HttpMessageHandler>(() =>
        new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false, AutomaticDecompression = DecompressionMethods.None });

    readonly HttpMessageHandler _handler;

    public HandlerHttpClientFactory(HttpMessageHandler? handler = null) => _handler = handler ?? Default.Value;

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new HttpClient(new RedirectGuard(_handler), disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
}
