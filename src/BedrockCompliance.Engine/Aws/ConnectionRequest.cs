using Amazon.Runtime;

namespace BedrockCompliance.Engine.Aws
{
    /// <summary>What the caller asked for; everything not given comes from the environment and the AWS config files.</summary>
    public sealed class ConnectionRequest
    {
        public string? Region { get; set; }
        public string? ProfileName { get; set; }
        public string? EndpointUrl { get; set; }
        /// <summary>Explicit credentials (an account context's assumed role); wins over everything else.</summary>
        public AWSCredentials? Credentials { get; set; }
        public string? CredentialsDescription { get; set; }
    }
}
