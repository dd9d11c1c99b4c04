namespace BedrockCompliance.Engine.Aws
{
    /// <summary>The services the module calls, with the names AWS uses for environment variables and signing.</summary>
    public sealed class AwsService
    {
        AwsService(string displayName, string endpointEnvSuffix, string hostPrefix, string signingName)
        {
            DisplayName = displayName;
            EndpointEnvSuffix = endpointEnvSuffix;
            HostPrefix = hostPrefix;
            SigningName = signingName;
        }

        public string DisplayName { get; }
        /// <summary>serviceId upper-cased with '_' (AWS_ENDPOINT_URL_&lt;suffix&gt;).</summary>
        public string EndpointEnvSuffix { get; }
        public string HostPrefix { get; }
        /// <summary>SigV4 service name: 'bedrock' for both Bedrock services.</summary>
        public string SigningName { get; }

        public static readonly AwsService Bedrock = new AwsService("Bedrock", "BEDROCK", "bedrock", "bedrock");
        public static readonly AwsService BedrockRuntime = new AwsService("Bedrock Runtime", "BEDROCK_RUNTIME", "bedrock-runtime", "bedrock");
        public static readonly AwsService Sts = new AwsService("STS", "STS", "sts", "sts");
        public static readonly AwsService CloudTrail = new AwsService("CloudTrail", "CLOUDTRAIL", "cloudtrail", "cloudtrail");
        public static readonly AwsService Ec2 = new AwsService("EC2", "EC2", "ec2", "ec2");

        public override string ToString() => DisplayName;
    }
}
