using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using BedrockCompliance.Commands.Infrastructure;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands
{
    /// <summary>
    /// Submits the Anthropic use-case form (once per account; it applies in every region) and records what was
    /// submitted as UseCaseSubmitted evidence.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "BedrockModelUseCase", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(BedrockModelUseCase))]
    public sealed class SetBedrockModelUseCaseCommand : BedrockAwsCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string CompanyName { get; set; } = "";

        /// <summary>The company's web site (a GitHub profile works for individuals).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string CompanyWebsite { get; set; } = "";

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public IntendedUsers IntendedUsers { get; set; }

        /// <summary>The industry, e.g. Technology, Education, Energy, Software as a Service.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string IndustryOption { get; set; } = "";

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string OtherIndustryOption { get; set; } = "";

        /// <summary>What the models will be used for, in your words.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string UseCases { get; set; } = "";

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>The evidence ledger (default: $env:BEDROCK_COMPLIANCE_EVIDENCE or the file under your profile).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("LedgerPath")]
        public string? EvidencePath { get; set; }

        BedrockModelUseCase? _form;

        protected override void ProcessRecord()
        {
            var form = new BedrockModelUseCase
            {
                CompanyName = CompanyName, CompanyWebsite = CompanyWebsite, IntendedUsers = IntendedUsers,
                IndustryOption = IndustryOption, OtherIndustryOption = OtherIndustryOption ?? "", UseCases = UseCases,
            };
            try
            {
                UseCaseForm.Validate(form);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InvalidUseCaseForm", ErrorCategory.InvalidArgument, form));
            }
            _form = form;
            AddWork(null);
        }

        protected override void EndProcessing()
        {
            if (_form == null) return;
            var form = _form;
            byte[] json = UseCaseForm.ToJson(form);
            string summary = UseCaseForm.Summary(form);
            var ledger = EvidenceSupport.OpenLedger(this, EvidencePath);
            var doneAccounts = new ConcurrentDictionary<string, bool>();
            ForEachTarget("Submitting the use-case form", async (target, items, pump, ct) =>
            {
                var recorder = await EvidenceRecorder.OpenAsync(ledger, target, null, ct, lookUpIdentity: !IsWhatIf).ConfigureAwait(false);
                // The form is per account: several regions of one account need one submission.
                if (recorder.AccountId != null && !doneAccounts.TryAdd(recorder.AccountId, true)) return;
                string where = $"account {recorder.AccountId ?? "(unknown)"}";
                if (!await new PumpHost(this, pump, target, IsWhatIf).ShouldProcessAsync(where, $"Submit the Anthropic use-case form ({summary})").ConfigureAwait(false)) return;
                var client = new BedrockClient(new AwsHttpSender(target.Connection) { Trace = pump.WriteDebug });
                try
                {
                    await client.PutUseCaseForModelAccessAsync(json, System.Threading.CancellationToken.None).ConfigureAwait(false);
                }
                catch (AwsServiceException ex)
                {
                    await recorder.RecordAsync(EvidenceAction.UseCaseSubmitted, EvidenceOutcome.Failed, null, modelId: null, useCase: summary,
                        details: $"{ex.ErrorCode}: {ex.ServiceMessage}", ct: System.Threading.CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
                await recorder.RecordAsync(EvidenceAction.UseCaseSubmitted, EvidenceOutcome.Succeeded, null, modelId: null, useCase: summary,
                    details: "PutUseCaseForModelAccess accepted the form (it applies to every Anthropic model in every region of the account).", ct: System.Threading.CancellationToken.None).ConfigureAwait(false);
                if (PassThru)
                    pump.WriteObject(new BedrockModelUseCase
                    {
                        AccountId = recorder.AccountId, CompanyName = form.CompanyName, CompanyWebsite = form.CompanyWebsite, IntendedUsers = form.IntendedUsers,
                        IndustryOption = form.IndustryOption, OtherIndustryOption = form.OtherIndustryOption, UseCases = form.UseCases, Context = target.Context,
                    });
            });
        }
    }
}
