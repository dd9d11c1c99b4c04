using System.Text.RegularExpressions;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Hosting;
using BedrockCompliance.Engine.Policy;
using static BedrockCompliance.PolicyReasonCode;

namespace BedrockCompliance.Tests.Policy;

/// <summary>
/// The reason codes are a contract for scripts: docs/licence-policy.md lists every code, in the vocabulary's order, and
/// the effect and policy field it states are what the evaluator produces.
/// </summary>
public class PolicyReasonCodeTests
{
    const string Nova = "amazon.nova-pro-v1:0";

    sealed record Row(string Code, string Effect, string? PolicyField);

    static IReadOnlyList<Row> DocumentedRows()
    {
        string doc = File.ReadAllText(Path.Combine(PolicyTestData.RepoRoot, "docs", "licence-policy.md"));
        int start = doc.IndexOf("\n### Reason codes", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/licence-policy.md has no '### Reason codes' section");
        int end = doc.IndexOf("\n#", start + 1, StringComparison.Ordinal);
        string section = doc.Substring(start, (end < 0 ? doc.Length : end) - start);
        return Regex.Matches(section, @"^\| `(\w+)` \| ([^|]+) \| ([^|]+) \|", RegexOptions.Multiline)
            .Select(m =>
            {
                string field = m.Groups[3].Value.Trim();
                return new Row(m.Groups[1].Value, m.Groups[2].Value.Trim(), field == "—" ? null : field.Trim('`'));
            })
            .ToList();
    }

    [Fact]
    public void The_docs_table_lists_every_code_in_the_vocabulary_order()
    {
        Assert.Equal(All, DocumentedRows().Select(r => r.Code).ToArray());
        Assert.Equal(19, All.Count);
        Assert.Equal(All.Count, All.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    static BedrockModelLicense Classify(string modelId, Action<BedrockModelLicense>? change = null)
    {
        var l = LicenseCatalog.Default.Classify(modelId);
        change?.Invoke(l);
        return l;
    }

    const string NovaApproval = "\"approvals\":[{\"modelId\":\"amazon.nova-pro-v1:0\",\"approvedBy\":\"Legal\",\"approvedOn\":";

    /// <summary>For each code, a policy (members spliced into a minimal one, or a whole policy) and a licence that produce it.</summary>
    public static TheoryData<string, string, string> Scenarios() => new()
    {
        { DeniedModelId, "\"deniedModelIds\":[\"amazon.nova-*\"]", Nova },
        { DeniedProvider, "\"deniedProviders\":[\"deepseek\"]", "deepseek.r1-v1:0" },
        { RequiresDataRetention, "\"maximumDataRetention\":\"none\"", Nova + "|retention" },
        { ExplicitApproval, NovaApproval + "\"2026-01-01\"}]", Nova },
        { ApprovalOverriddenByDeny, "\"deniedModelIds\":[\"amazon.nova-*\"]," + NovaApproval + "\"2026-01-01\"}]", Nova },
        { ApprovalExpired, NovaApproval + "\"2026-01-01\",\"expiresOn\":\"2026-06-01\"}]", Nova },
        { ApprovalNotYetEffective, NovaApproval + "\"2027-01-01\"}]", Nova },
        { NotInCatalog, "", "acme.super-model-v1:0" },
        { CategoryNotAllowed, "{\"schemaVersion\":1,\"allowedCategories\":[\"AmazonProprietary\"]}", "meta.llama3-3-70b-instruct-v1:0" },
        { ProviderNotAllowed, "\"allowedProviders\":[\"amazon\"]", "meta.llama3-3-70b-instruct-v1:0" },
        { ModelIdNotAllowed, "\"allowedModelIds\":[\"amazon.titan-*\"]", Nova },
        { DeniedRestriction, "\"deniedRestrictions\":[\"NO_TRAINING_COMPETING_MODELS\"]", "anthropic.claude-3-5-haiku-20241022-v1:0" },
        { TermsNotReviewed, "", "mistral.mistral-large-2402-v1:0" },
        { LowConfidence, "\"minimumConfidence\":\"Confirmed\"", "amazon.titan-tg1-large" },
        { LegacyModel, "", Nova + "|legacy" },
        { NearEndOfLife, "\"denyWithinDaysOfEndOfLife\":90", Nova + "|eol" },
        { AllowedByRules, "", Nova + "|active" },
        { LifecycleUnknown, "", Nova },
        { FlaggedTrafficRetained, "\"maximumDataRetention\":\"none\"", Nova + "|flagged" },
    };

    [Fact]
    public void Every_code_has_a_scenario()
    {
        Assert.Equal(All.OrderBy(c => c, StringComparer.Ordinal), Scenarios().Select(s => (string)s[0]).OrderBy(c => c, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void The_evaluator_gives_each_code_the_documented_effect_and_policy_field(string code, string policy, string model)
    {
        var parts = model.Split('|');
        var license = Classify(parts[0], l =>
        {
            switch (parts.ElementAtOrDefault(1))
            {
                case "retention": l.MinimumDataRetention = DataRetentionMode.AwsReview; break;
                case "legacy": l.LifecycleStatus = "LEGACY"; break;
                case "active": l.LifecycleStatus = "ACTIVE"; break;
                case "eol": l.LifecycleStatus = "ACTIVE"; l.EndOfLifeDate = PolicyTestData.AsOf.Date.AddDays(30); break;
                case "flagged": l.FlaggedTrafficRetained = true; l.MinimumDataRetention = null; break;
            }
        });
        string json = policy.StartsWith("{", StringComparison.Ordinal) ? policy : PolicyTestData.Minimal(policy);
        var verdict = new PolicyEvaluator(PolicyTestData.Parse(json), new FixedTimeProvider(PolicyTestData.AsOf)).Evaluate(license);

        var reason = Assert.Single(verdict.Reasons, r => r.Code == code);
        var row = DocumentedRows().Single(r => r.Code == code);
        Assert.Equal(row.PolicyField, reason.PolicyField);
        if (row.Effect == "note")
        {
            Assert.True(reason.Informational, $"{code} is documented as a note");
            Assert.DoesNotContain(code, verdict.ReasonCodes.Split(';'));
        }
        else
        {
            Assert.False(reason.Informational, $"{code} is documented as deciding");
            Assert.Equal(row.Effect.Replace(" (explicit)", ""), reason.Effect.ToString());
            // A deciding code of the verdict's own effect is in ReasonCodes.
            if (reason.Effect == verdict.Verdict) Assert.Contains(code, verdict.ReasonCodes.Split(';'));
        }
    }
}
