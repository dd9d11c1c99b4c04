using BedrockCompliance.Engine.Aws;
using static BedrockCompliance.Engine.Privacy.PrivacyText;

namespace BedrockCompliance.Engine.Privacy.Checks;

/// <summary>
/// Every guardrail in the region has a sensitive-information (PII) filter and a PROMPT_ATTACK filter at HIGH input
/// strength (Prowler's bedrock_guardrail_sensitive_information_filter_enabled and _prompt_attack_filter_enabled).
/// The version judged is the one ListGuardrails lists (the working DRAFT).
/// </summary>
internal sealed class GuardrailStrengthCheck() : PrivacyCheckBase(PrivacyCheck.GuardrailStrength, "bedrock:ListGuardrails and bedrock:GetGuardrail")
{
    protected override async Task<BedrockPrivacyCheck> GatherAndJudgeAsync(PrivacyCheckContext context, CancellationToken ct)
    {
        var client = context.Clients.BedrockPrivacy;
        var summaries = await client.ListGuardrailsAsync(ct).ConfigureAwait(false);
        var (details, unread) = await CheckFailures.ReadEachAsync(summaries, g => client.GetGuardrailAsync(g.Id, g.Version, ct), ct).ConfigureAwait(false);
        return CheckFailures.UnlessUnread(Judge(context.Region, details), $"{unread.Count} guardrail(s)",
            unread.Select(u => (u.Item.Id, u.Error)).ToList(), Permissions, context.Region);
    }

    /// <summary>What a guardrail lacks; empty when it has both filters.</summary>
    public static IReadOnlyList<string> Weaknesses(GuardrailDetail g)
    {
        var weak = new List<string>();
        if (!g.HasSensitiveInformationPolicy || g.PiiEntities.Count + g.Regexes.Count == 0) weak.Add("no sensitive-information (PII) filter");
        var attack = g.ContentFilters.FirstOrDefault(f => string.Equals(f.Type, "PROMPT_ATTACK", StringComparison.OrdinalIgnoreCase));
        if (attack == null) weak.Add("no PROMPT_ATTACK filter");
        else if (attack.InputEnabled == false) weak.Add("PROMPT_ATTACK filter disabled on input");
        else if (!string.Equals(attack.InputStrength, "HIGH", StringComparison.OrdinalIgnoreCase)) weak.Add($"PROMPT_ATTACK input strength {attack.InputStrength ?? "unset"}, not HIGH");
        return weak;
    }

    public static BedrockPrivacyCheck Judge(string region, IReadOnlyList<GuardrailDetail> guardrails)
    {
        var result = new BedrockPrivacyCheck
        {
            Check = PrivacyCheck.GuardrailStrength,
            Requirement = "each guardrail filters PII and PROMPT_ATTACK at HIGH",
            Resources = guardrails.Select(g => g.Arn ?? g.Id).ToArray(),
        };
        string Name(GuardrailDetail g) => $"'{g.Name ?? g.Id}' ({g.Id} version {g.Version ?? "DRAFT"})";
        const string update = "aws bedrock update-guardrail --guardrail-identifier <id> … --sensitive-information-policy-config '{\"piiEntitiesConfig\":[{\"type\":\"EMAIL\",\"action\":\"ANONYMIZE\"}]}' " +
            "--content-policy-config '{\"filtersConfig\":[{\"type\":\"PROMPT_ATTACK\",\"inputStrength\":\"HIGH\",\"outputStrength\":\"NONE\"}]}' (it replaces the whole guardrail: keep its other policies), then create-guardrail-version";
        if (guardrails.Count == 0)
        {
            result.Status = PrivacyCheckStatus.Fail;
            result.Detail = $"No guardrail exists in {region}: prompts are not screened for personal data or prompt attacks.";
            result.Remediation = $"Create one: aws bedrock create-guardrail --region {region} --name privacy … with the PII and PROMPT_ATTACK (HIGH) filters (Bedrock console > Guardrails > Create guardrail).";
            return result;
        }
        var weak = guardrails.Select(g => (Guardrail: g, Weak: Weaknesses(g))).Where(x => x.Weak.Count > 0).ToList();
        if (weak.Count > 0)
        {
            result.Status = PrivacyCheckStatus.Fail;
            result.Resources = weak.Select(x => x.Guardrail.Arn ?? x.Guardrail.Id).ToArray();
            result.Detail = Cap($"{weak.Count} of {guardrails.Count} guardrail(s) in {region} are weak: " + string.Join("; ", weak.Select(x => $"{Name(x.Guardrail)}: {string.Join(", ", x.Weak)}")) + ".");
            result.Remediation = Cap(update.Replace("<id>", weak[0].Guardrail.Id) + ".");
            return result;
        }
        result.Status = PrivacyCheckStatus.Pass;
        result.Detail = Cap($"All {guardrails.Count} guardrail(s) in {region} filter PII and prompt attacks at HIGH: {string.Join(", ", guardrails.Select(Name))}.");
        return result;
    }
}
