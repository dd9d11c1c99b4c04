using System.Net.Http;
using Amazon.Runtime;

namespace BedrockCompliance.Engine.Aws;

/// <summary>Lets an SDK client (STS) send through a given handler: tests script STS answers like every other service's.</summary>
internal sealed class HandlerHttpClientFactory : HttpClientFactory
{
    readonly HttpMessageHandler _handler;

    public HandlerHttpClientFactory(HttpMessageHandler handler) => _handler = handler;

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new HttpClient(_handler, disposeHandler: false);
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;
    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
}
