using System.Collections.Concurrent;
using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Agreements;

/// <summary>
/// Submits the Anthropic use-case form with UseCaseSubmitted evidence, as <see cref="AgreementService"/> does for
/// agreements. One service per command run: the form applies per account (in every region), so several regions of
/// one account get one submission. Each piped form goes to the targets bound with it; one account given two
/// different forms in a run gets the first, and the second is refused (UseCaseFormConflict) instead of silently
/// replacing it — the API keeps only the last form, and an auditor must be able to say which one is on file.
/// </summary>
internal sealed class UseCaseService
{
    const string Accepted = "PutUseCaseForModelAccess accepted the form (it applies to every Anthropic model in every region of the account).";
    // Account → the form (as JSON) submitted, or offered, in this run.
    readonly ConcurrentDictionary<string, (string Json, string Summary)> _byAccount = new ConcurrentDictionary<string, (string Json, string Summary)>(StringComparer.Ordinal);

    /// <summary>
    /// Submits <paramref name="form"/> (validated) in the target's account. Null when nothing was sent: the account
    /// already got this form in this run, -WhatIf, or the user declined.
    /// </summary>
    public async Task<BedrockModelUseCase?> SubmitAsync(TargetServices target, BedrockModelUseCase form, CancellationToken ct)
    {
        var evidence = target.Evidence ?? throw new InvalidOperationException("Use-case submission records evidence; the target needs the run's ledger.");
        byte[] json = UseCaseForm.ToJson(form);
        string text = Encoding.UTF8.GetString(json);
        string summary = UseCaseForm.Summary(form);
        string? account = evidence.AccountId;
        if (account != null && !_byAccount.TryAdd(account, (text, summary)))
        {
            var first = _byAccount[account];
            if (first.Json == text) return null;
            throw new ComplianceException("UseCaseFormConflict", ComplianceErrorKind.InvalidArgument,
                $"Account {account} was given two different use-case forms in one run; the first ({first.Summary}) " +
                $"stands and this one ({summary}) was not submitted. Submit one form per account.");
        }
        if (!await target.Host.ShouldProcessAsync($"account {account ?? "(unknown)"}", $"Submit the Anthropic use-case form ({summary})").ConfigureAwait(false))
            return null;
        // Once the form is sent the outcome must be recorded, so neither the call nor its evidence is cancelled.
        try
        {
            await target.Bedrock.PutUseCaseForModelAccessAsync(json, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AwsServiceException ex)
        {
            await evidence.RecordAsync(EvidenceAction.UseCaseSubmitted, EvidenceOutcome.Failed, null, modelId: null, useCase: summary,
                details: $"{ex.ErrorCode}: {ex.ServiceMessage}", ct: CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        await evidence.RecordAsync(EvidenceAction.UseCaseSubmitted, EvidenceOutcome.Succeeded, null, modelId: null, useCase: summary,
            details: Accepted, ct: CancellationToken.None).ConfigureAwait(false);
        return new BedrockModelUseCase
        {
            AccountId = account, Submitted = true, CompanyName = form.CompanyName, CompanyWebsite = form.CompanyWebsite, IntendedUsers = form.IntendedUsers,
            IndustryOption = form.IndustryOption, OtherIndustryOption = form.OtherIndustryOption, UseCases = form.UseCases,
        };
    }
}
