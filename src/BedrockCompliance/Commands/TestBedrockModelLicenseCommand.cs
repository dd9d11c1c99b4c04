using System;
using System.Management.Automation;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Policy;

namespace BedrockCompliance.Commands
{
    /// <summary>
    /// Checks models against an organisation's licence policy file and gives one verdict per model
    /// (Allowed / Denied / NeedsReview) with every reason. See docs/licence-policy.md.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "BedrockModelLicense", DefaultParameterSetName = LicenseSet)]
    [OutputType(typeof(BedrockModelPolicyVerdict))]
    public sealed class TestBedrockModelLicenseCommand : PSCmdlet
    {
        const string LicenseSet = "License";
        const string ModelIdSet = "ModelId";

        /// <summary>Licence objects from Get-BedrockModelLicense (offline or live).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LicenseSet, ValueFromPipeline = true)]
        [Alias("InputObject")]
        public BedrockModelLicense[]? License { get; set; }

        /// <summary>Model IDs, inference-profile IDs or ARNs, classified with the catalog (-CatalogPath).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ModelIdSet, Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ModelIdentifier", "ModelArn")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(Completion.ModelIdCompleter))]
        public string[]? ModelId { get; set; }

        /// <summary>The licence policy JSON file.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("PolicyPath")]
        [ValidateNotNullOrEmpty]
        public string Policy { get; set; } = "";

        [Parameter(ParameterSetName = ModelIdSet)]
        [ValidateNotNullOrEmpty]
        public string? CatalogPath { get; set; }

        /// <summary>Judge approval expiry as of this date instead of now (what-if / audits of past decisions).</summary>
        [Parameter]
        public DateTime? AsOf { get; set; }

        PolicyEvaluator? _evaluator;
        LicenseCatalog _catalog = LicenseCatalog.Default;

        protected override void BeginProcessing()
        {
            _evaluator = PolicyCmdletSupport.LoadEvaluator(this, Policy, AsOf);
            if (ParameterSetName == ModelIdSet)
                _catalog = PolicyCmdletSupport.ResolveCatalog(this, CatalogPath);
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == LicenseSet)
            {
                foreach (var license in License ?? Array.Empty<BedrockModelLicense>())
                {
                    if (license == null) continue;
                    Write(_evaluator!.Evaluate(license));
                }
                return;
            }
            foreach (var id in ModelId ?? Array.Empty<string>())
            {
                BedrockModelLicense license;
                try { license = _catalog.Classify(id); }
                catch (ArgumentException ex)
                {
                    WriteError(ErrorRecords.InvalidModelId(ex, id));
                    continue;
                }
                Write(_evaluator!.Evaluate(license));
            }
        }

        void Write(BedrockModelPolicyVerdict verdict)
        {
            WriteVerbose($"{verdict.ModelId}: {verdict.Verdict} ({verdict.ReasonCodes}).");
            WriteObject(verdict);
        }
    }

    /// <summary>Shared by the policy cmdlets (and usable by the New-BedrockModelAgreement -Policy gate).</summary>
    internal static class PolicyCmdletSupport
    {
        public static ErrorRecord InvalidPolicy(Exception ex, object? target) =>
            new ErrorRecord(ex, "InvalidLicensePolicy", ErrorCategory.InvalidData, target);

        /// <summary>Loads the policy (cached) or throws a terminating InvalidLicensePolicy error naming the file and field.</summary>
        public static PolicyEvaluator LoadEvaluator(PSCmdlet cmdlet, string policyPath, DateTime? asOf)
        {
            try
            {
                string path = cmdlet.GetUnresolvedProviderPathFromPSPath(policyPath);
                var policy = LicensePolicy.Load(path);
                cmdlet.WriteVerbose($"Licence policy '{policy.DisplayName}' ({policy.Source}, SHA-256 {policy.Sha256}): {policy.Approvals.Count} approval(s).");
                DateTime? asOfUtc = asOf.HasValue ? (asOf.Value.Kind == DateTimeKind.Local ? asOf.Value.ToUniversalTime() : asOf.Value) : (DateTime?)null;
                return new PolicyEvaluator(policy, asOfUtc.HasValue ? () => asOfUtc.Value : (Func<DateTime>?)null);
            }
            catch (LicensePolicyException ex)
            {
                cmdlet.ThrowTerminatingError(InvalidPolicy(ex, policyPath));
                throw; // unreachable
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is DriveNotFoundException || ex is ProviderNotFoundException || ex is NotSupportedException)
            {
                cmdlet.ThrowTerminatingError(InvalidPolicy(new LicensePolicyException(policyPath, null, ex.Message, ex), policyPath));
                throw;
            }
        }

        public static LicenseCatalog ResolveCatalog(PSCmdlet cmdlet, string? catalogPath)
        {
            try
            {
                string? path = catalogPath == null ? null : cmdlet.GetUnresolvedProviderPathFromPSPath(catalogPath);
                return LicenseCatalog.Resolve(path);
            }
            catch (CatalogFormatException ex)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.InvalidCatalog(ex, catalogPath));
                throw;
            }
        }
    }
}
