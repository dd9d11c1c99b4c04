using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands.Infrastructure
{
    /// <summary>
    /// Base of every AWS-calling cmdlet: the common -Region/-ProfileName/-EndpointUrl parameters (named as in
    /// AWS Tools for PowerShell), connection resolution with -Verbose provenance, and Ctrl+C cancelling
    /// in-flight calls.
    /// </summary>
    public abstract class BedrockAwsCmdlet : PSCmdlet, IDisposable
    {
        readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        /// <summary>AWS region, e.g. us-east-1. Default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("RegionToCall")]
        public string? Region { get; set; }

        /// <summary>A profile in the shared AWS config/credentials files (static keys, SSO, assume-role, credential_process).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [Alias("StoredCredentials", "AWSProfileName")]
        public string? ProfileName { get; set; }

        /// <summary>Overrides the endpoint of every service called (e.g. the emulator). Plain http only on loopback.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        protected CancellationToken CancellationToken => _cancellation.Token;

        protected override void StopProcessing() => _cancellation.Cancel();

        /// <summary>The caller's connection; an unusable configuration is a terminating error (nothing can run).</summary>
        protected AwsConnection ResolveConnection()
        {
            try
            {
                var connection = ConnectionResolver.Resolve(new ConnectionRequest { Region = Region, ProfileName = ProfileName, EndpointUrl = EndpointUrl });
                foreach (var line in connection.Provenance) WriteVerbose(line);
                return connection;
            }
            catch (AwsConfigurationException ex)
            {
                ThrowTerminatingError(AwsErrorRecords.From(ex, Region ?? ProfileName ?? EndpointUrl));
                throw; // unreachable
            }
        }

        /// <summary>Runs async work, pumping its output onto the pipeline thread.</summary>
        private protected void RunPumped(Func<PipelinePump, CancellationToken, Task> work)
        {
            var pump = new PipelinePump(this);
            pump.Run(() => work(pump, _cancellation.Token), _cancellation);
        }

        public void Dispose() => _cancellation.Dispose();
    }
}
