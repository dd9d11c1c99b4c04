using System.Diagnostics;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Hosting;

namespace BedrockCompliance.Engine.Access;

/// <summary>
/// Proves a model answers with one minimal Converse call, and records the result. Refuses, unless forced, to
/// invoke a third-party model whose agreement is not in place: since October 2025 a first invocation can
/// accept the seller's EULA by itself, and a test must never be what accepts it.
/// </summary>
internal sealed class AccessProbe(BedrockClient bedrock, LicenseCatalog catalog, EvidenceRecorder evidence, IOperationHost host)
{
    /// <summary>Returns null when ShouldProcess declined (-WhatIf).</summary>
    public async Task<BedrockModelAccessResult?> TestAsync(string modelId, string prompt, int maxTokens, bool force, CancellationToken ct)
    {
        var license = catalog.Classify(modelId);
        string where = $"account {evidence.AccountId ?? "(unknown)"} ({evidence.Region})";
        if (host.IsWhatIf)
        {
            await host.ShouldProcessAsync($"{license.ModelId} in {where}", $"Invoke the model once with a minimal Converse call (at most {maxTokens} output tokens)").ConfigureAwait(false);
            return null;
        }

        if (license.LicenseCategory != LicenseCategory.AmazonProprietary && !force)
        {
            var live = await bedrock.GetFoundationModelAvailabilityAsync(license.ModelId, ct).ConfigureAwait(false);
            if (live.AgreementStatus != "AVAILABLE")
                throw new ComplianceException("AgreementNotAvailable", ComplianceErrorKind.InvalidOperation,
                    $"{license.ModelId} in {where}: the agreement is {live.AgreementStatus}. Invoking the model now could accept its licence implicitly; accept it deliberately with New-BedrockModelAgreement first, or pass -AllowImplicitAcceptance.");
        }

        var details = await bedrock.GetFoundationModelAsync(license.ModelId, ct).ConfigureAwait(false);
        // Converse answers only models that output text; an image, embedding or rerank model would be refused
        // with ValidationException, which is not a verdict on access. Nothing is invoked and nothing recorded.
        if (details.OutputModalities.Count > 0 && !details.OutputModalities.Contains("TEXT", StringComparer.OrdinalIgnoreCase))
            throw new ComplianceException("ModelHasNoTextOutput", ComplianceErrorKind.InvalidOperation,
                $"{license.ModelId} in {where}: not invoked. Test-BedrockModelAccess proves access with one Converse call, which needs a model " +
                $"that outputs text; this one outputs {string.Join(", ", details.OutputModalities)}. Its entitlement is in Get-BedrockModelLicense (AuthorizationStatus, EntitlementAvailability).");
        // Context-length and dimension variants (':0:300k', ':0:512') are served by Provisioned Throughput only:
        // a Converse call would be refused with ValidationException, which is no verdict on access.
        if (!IsOnDemandInvocable(details))
            throw new ComplianceException("ModelNotOnDemand", ComplianceErrorKind.InvalidOperation,
                $"{license.ModelId} in {where}: not invoked. This variant is offered for Provisioned Throughput only " +
                $"(inference types: {(details.InferenceTypesSupported.Count > 0 ? string.Join(", ", details.InferenceTypesSupported) : "none listed")}), so an on-demand Converse call cannot prove access; test its base model instead.");
        string invokeId = InvocationId(details, evidence.Region);
        if (invokeId != license.ModelId) host.Verbose($"{license.ModelId} is invoked through the inference profile {invokeId}.");

        if (!await host.ShouldProcessAsync($"{license.ModelId} in {where}", $"Invoke the model once with a minimal Converse call (at most {maxTokens} output tokens)").ConfigureAwait(false))
            return null;

        var result = new BedrockModelAccessResult { ModelId = license.ModelId, InvokedModelId = invokeId, AccountId = evidence.AccountId, Region = evidence.Region };
        var watch = Stopwatch.StartNew();
        try
        {
            var answer = await bedrock.ConverseAsync(invokeId, prompt, maxTokens, ct).ConfigureAwait(false);
            result.LatencyMs = watch.ElapsedMilliseconds;
            result.Success = true;
            result.StopReason = answer.StopReason;
            result.OutputTokens = answer.OutputTokens;
            var record = await evidence.RecordAsync(EvidenceAction.AccessVerified, EvidenceOutcome.Succeeded, license,
                details: $"Converse via {invokeId} answered in {result.LatencyMs} ms (stop reason {answer.StopReason}, {answer.OutputTokens} output tokens).", ct: CancellationToken.None).ConfigureAwait(false);
            result.EvidenceId = record.Id;
        }
        catch (AwsServiceException ex)
        {
            result.LatencyMs = watch.ElapsedMilliseconds;
            result.Success = false;
            result.ErrorCode = ex.ErrorCode;
            result.ErrorMessage = ex.ServiceMessage ?? ex.Message;
            var record = await evidence.RecordAsync(EvidenceAction.AccessVerified, EvidenceOutcome.Failed, license,
                details: $"Converse via {invokeId} failed: {ex.ErrorCode}: {ex.ServiceMessage} (request id {ex.RequestId}).", ct: CancellationToken.None).ConfigureAwait(false);
            result.EvidenceId = record.Id;
        }
        return result;
    }

    static readonly System.Text.RegularExpressions.Regex VariantSuffix =
        new System.Text.RegularExpressions.Regex(":[0-9]+:[0-9]+[km]?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// Whether Converse can reach the model on demand: its inference types include ON_DEMAND or INFERENCE_PROFILE.
    /// With no types listed, a variant suffix ('…:0:300k', '…:0:512') marks a provisioned-only variant.
    /// </summary>
    public static bool IsOnDemandInvocable(FoundationModelSummary model)
    {
        var types = model.InferenceTypesSupported;
        if (types.Count == 0) return !VariantSuffix.IsMatch(model.ModelId);
        return types.Contains("ON_DEMAND") || types.Contains("INFERENCE_PROFILE");
    }

    /// <summary>A model offered only through cross-region inference profiles is invoked as '&lt;geo&gt;.&lt;modelId&gt;'.</summary>
    public static string InvocationId(FoundationModelSummary model, string region)
    {
        var types = model.InferenceTypesSupported;
        if (types.Contains("ON_DEMAND") || !types.Contains("INFERENCE_PROFILE")) return model.ModelId;
        return AwsRegions.GeoPrefixOf(region) + "." + model.ModelId;
    }
}
