using System;

namespace BedrockCompliance.Engine.Aws
{
    /// <summary>One service's endpoint and where it came from; a regional default follows the region when a connection is derived.</summary>
    public sealed class AwsEndpoint
    {
        public AwsEndpoint(Uri uri, string source, bool isRegionalDefault)
        {
            Uri = uri;
            Source = source;
            IsRegionalDefault = isRegionalDefault;
        }

        public Uri Uri { get; }
        public string Source { get; }
        public bool IsRegionalDefault { get; }
    }
}
