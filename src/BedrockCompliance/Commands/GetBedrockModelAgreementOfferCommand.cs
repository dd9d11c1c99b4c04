using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Commands.Infrastructure;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Commands
{
    /// <summary>The agreement offers for models: the legal terms to review, pricing, and the offer token that accepts them.</summary>
    [Cmdlet(VerbsCommon.Get, "BedrockModelAgreementOffer")]
    [OutputType(typeof(BedrockAgreementOffer))]
    public sealed class GetBedrockModelAgreementOfferCommand : BedrockModelCmdlet
    {
        /// <summary>PUBLIC (default) or ALL offers.</summary>
        [Parameter]
        [ValidateSet("PUBLIC", "ALL", IgnoreCase = true)]
        public string OfferType { get; set; } = "PUBLIC";

        private protected override string Activity => "Reading agreement offers";

        private protected override Task RunAsync(AccountTarget target, IReadOnlyList<object?> items, PipelinePump pump, CancellationToken ct) =>
            ForEachModelAsync(target, items, pump, async modelId =>
            {
                if (Catalog.Classify(modelId).LicenseCategory == LicenseCategory.AmazonProprietary)
                    pump.WriteVerbose($"{modelId} is Amazon's own model: AWS terms apply and there is no agreement offer.");
                var client = new BedrockClient(new AwsHttpSender(target.Connection) { Trace = pump.WriteDebug });
                foreach (var offer in await AgreementOffers.GetAsync(client, Catalog, target.Context?.AccountId, modelId, OfferType.ToUpperInvariant(), ct).ConfigureAwait(false))
                {
                    offer.Context = target.Context;
                    pump.WriteObject(offer);
                }
            }, ct);
    }
}
