using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Hosting;
using BedrockCompliance.Engine.Policy;
using static BedrockCompliance.PolicyReasonCode;

namespace BedrockCompliance.Tests.Policy;

public class PolicyEvaluatorTests
{
    static readonly LicensePolicy Example = LicensePolicy.Load(PolicyTestData.ExamplePolicyPath);

    [Theory]
    [InlineData("amazon.nova-pro-v1:0", LicenseVerdict.Allowed, AllowedByRules)]
    [InlineData("amazon.titan-tg1-large", LicenseVerdict.Allowed, AllowedByRules)]
    [InlineData("anthropic.claude-3-5-haiku-20241022-v1:0", LicenseVerdict.Denied, DeniedRestriction)]
    [InlineData("anthropic.claude-sonnet-4-5-20250929-v1:0", LicenseVerdict.Allowed, ExplicitApproval)]
    [InlineData("meta.llama3-1-70b-instruct-v1:0", LicenseVerdict.Allowed, AllowedByRules)]
    [InlineData("meta.llama3-2-90b-instruct-v1:0", LicenseVerdict.Denied, DeniedModelId)]
    [InlineData("mistral.mistral-large-2402-v1:0", LicenseVerdict.NeedsReview, TermsNotReviewed)]
    [InlineData("cohere.command-r-plus-v1:0", LicenseVerdict.NeedsReview, TermsNotReviewed)]
    [InlineData("stability.stable-image-inpaint-v1:0", LicenseVerdict.Allowed, ExplicitApproval)]
    [InlineData("deepseek.r1-v1:0", LicenseVerdict.Denied, DeniedProvider)]
    [InlineData("openai.gpt-oss-120b-1:0", LicenseVerdict.Allowed, AllowedByRules)]
    [InlineData("acme.super-model-v1:0", LicenseVerdict.NeedsReview, NotInCatalog)]
    public void Example_policy_verdicts(string modelId, LicenseVerdict expected, string decidingCode)
    {
        var v = PolicyTestData.Verdict(Example, modelId);
        Assert.Equal(expected, v.Verdict);
        Assert.Contains(decidingCode, v.ReasonCodes.Split(';'));
        Assert.All(v.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Message)));
        Assert.Equal(Example.Sha256, v.PolicySha256);
    }

    [Fact]
    public void Every_real_model_gets_a_verdict_with_reasons_offline_lifecycle_is_reported_unknown()
    {
        foreach (var id in PolicyTestData.RealModelIds())
        {
            var v = PolicyTestData.Verdict(Example, id);
            Assert.NotEmpty(v.ReasonCodes);
            Assert.Contains(v.Reasons, r => r.Code == LifecycleUnknown && r.Effect == LicenseVerdict.Allowed);
        }
    }

    [Fact]
    public void Explicit_deny_beats_an_approval()
    {
        var p = PolicyTestData.Parse(PolicyTestData.Minimal("\"deniedModelIds\":[\"amazon.nova-*\"],\"approvals\":[{\"modelId\":\"amazon.nova-pro-v1:0\",\"approvedBy\":\"Legal\",\"approvedOn\":\"2026-01-01\"}]"));
        var v = PolicyTestData.Verdict(p, "amazon.nova-pro-v1:0");
        Assert.Equal(LicenseVerdict.Denied, v.Verdict);
        Assert.Contains(DeniedModelId, v.ReasonCodes);
        Assert.Contains(ApprovalOverriddenByDeny, v.ReasonCodes);
        Assert.Null(v.Approval);
    }

    [Fact]
    public void Approval_beats_rule_denies_and_reviews_and_keeps_them_as_overridden_reasons()
    {
        var p = PolicyTestData.Parse("{\"schemaVersion\":1,\"allowedCategories\":[\"AmazonProprietary\"],\"deniedRestrictions\":[\"NO_TRAINING_COMPETING_MODELS\"],\"minimumConfidence\":\"Confirmed\"," +
            "\"approvals\":[{\"modelId\":\"anthropic.claude-3-haiku-20240307-v1:0\",\"approvedBy\":\"Legal\",\"approvedOn\":\"2026-01-01\",\"reference\":\"T-1\"}]}");
        var v = PolicyTestData.Verdict(p, "us.anthropic.claude-3-haiku-20240307-v1:0");
        Assert.Equal(LicenseVerdict.Allowed, v.Verdict);
        Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0", v.ModelId);
        Assert.Equal("Legal", v.ApprovedBy);
        Assert.Equal("T-1", v.ApprovalReference);
        Assert.Contains(v.Reasons, r => r.Code == CategoryNotAllowed && r.Overridden);
        Assert.Contains(v.Reasons, r => r.Code == DeniedRestriction && r.Overridden);
        Assert.Contains(v.Reasons, r => r.Code == LowConfidence && r.Overridden);
        Assert.Equal(ExplicitApproval, v.ReasonCodes);
    }

    [Fact]
    public void Unknown_model_needs_review_unless_approved()
    {
        var p = PolicyTestData.Parse(PolicyTestData.Minimal("\"approvals\":[{\"modelId\":\"acme.model-v1:0\",\"approvedBy\":\"Legal\",\"approvedOn\":\"2026-01-01\"}]"));
        Assert.Equal(LicenseVerdict.NeedsReview, PolicyTestData.Verdict(p, "acme.other-v1:0").Verdict);
        var approved = PolicyTestData.Verdict(p, "acme.model-v1:0");
        Assert.Equal(LicenseVerdict.Allowed, approved.Verdict);
        Assert.Contains(approved.Reasons, r => r.Code == NotInCatalog && r.Overridden);
    }

    [Fact]
    public void Rule_deny_beats_needs_review()
    {
        // Cohere: TERMS_NOT_REVIEWED (review) but ProprietaryCommercial is not allowed (deny).
        var p = PolicyTestData.Parse("{\"schemaVersion\":1,\"allowedCategories\":[\"OpenWeight\"]}");
        var v = PolicyTestData.Verdict(p, "cohere.embed-english-v3");
        Assert.Equal(LicenseVerdict.Denied, v.Verdict);
        Assert.Equal(CategoryNotAllowed, v.ReasonCodes);
        Assert.Contains(v.Reasons, r => r.Code == TermsNotReviewed);
    }

    [Fact]
    public void Denying_TERMS_NOT_REVIEWED_turns_review_into_deny()
    {
        var p = PolicyTestData.Parse(PolicyTestData.Minimal("\"deniedRestrictions\":[\"TERMS_NOT_REVIEWED\"]"));
        var v = PolicyTestData.Verdict(p, "cohere.embed-english-v3");
        Assert.Equal(LicenseVerdict.Denied, v.Verdict);
        Assert.Equal(DeniedRestriction, v.ReasonCodes);
    }

    [Fact]
    public void Expired_and_future_approvals_do_not_apply_and_ask_for_review()
    {
        var p = PolicyTestData.Parse(PolicyTestData.Minimal("\"approvals\":[" +
            "{\"modelId\":\"cohere.embed-english-v3\",\"approvedBy\":\"A\",\"approvedOn\":\"2025-01-01\",\"expiresOn\":\"2026-12-01\"}," +
            "{\"modelId\":\"cohere.command-r-plus-v1:0\",\"approvedBy\":\"B\",\"approvedOn\":\"2026-12-02\"}," +
            "{\"modelId\":\"ai21.jamba-1-5-large-v1:0\",\"approvedBy\":\"C\",\"approvedOn\":\"2025-01-01\",\"expiresOn\":\"2026-12-02\"}]"));
        // AsOf is 2026-12-01: expiresOn 2026-12-01 has expired (approval ends at the start of that day).
        var expired = PolicyTestData.Verdict(p, "cohere.embed-english-v3");
        Assert.Equal(LicenseVerdict.NeedsReview, expired.Verdict);
        Assert.Contains(ApprovalExpired, expired.ReasonCodes);
        var future = PolicyTestData.Verdict(p, "cohere.command-r-plus-v1:0");
        Assert.Equal(LicenseVerdict.NeedsReview, future.Verdict);
        Assert.Contains(ApprovalNotYetEffective, future.ReasonCodes);
        var valid = PolicyTestData.Verdict(p, "ai21.jamba-1-5-large-v1:0");
        Assert.Equal(LicenseVerdict.Allowed, valid.Verdict);
        Assert.Equal(new DateTime(2026, 12, 2), valid.ApprovalExpiresOn);
    }

    [Fact]
    public void Legacy_models_are_denied_when_known_and_unknown_status_is_said_so()
    {
        var v = PolicyTestData.Verdict(Example, "amazon.nova-pro-v1:0", lifecycle: "LEGACY");
        Assert.Equal(LicenseVerdict.Denied, v.Verdict);
        Assert.Equal(LegacyModel, v.ReasonCodes);
        Assert.Equal(LicenseVerdict.Allowed, PolicyTestData.Verdict(Example, "amazon.nova-pro-v1:0", lifecycle: "ACTIVE").Verdict);
        var allowLegacy = PolicyTestData.Parse(PolicyTestData.Minimal("\"allowLegacyModels\":true"));
        Assert.Equal(LicenseVerdict.Allowed, PolicyTestData.Verdict(allowLegacy, "amazon.nova-pro-v1:0", lifecycle: "LEGACY").Verdict);
        var offline = PolicyTestData.Verdict(Example, "amazon.nova-pro-v1:0");
        Assert.Contains(offline.Reasons, r => r.Code == LifecycleUnknown && r.Message.Contains("unknown"));
    }

    [Fact]
    public void Providers_match_the_catalog_name_or_the_id_segment_case_insensitively_and_allow_lists_restrict()
    {
        var p = PolicyTestData.Parse(PolicyTestData.Minimal("\"allowedProviders\":[\"Mistral AI\",\"amazon\"],\"allowedModelIds\":[\"mistral.*\",\"amazon.nova-?ro-*\"]"));
        Assert.Equal(LicenseVerdict.Allowed, PolicyTestData.Verdict(p, "mistral.mistral-7b-instruct-v0:2").Verdict);
        Assert.Equal(LicenseVerdict.Allowed, PolicyTestData.Verdict(p, "amazon.nova-pro-v1:0").Verdict);
        var micro = PolicyTestData.Verdict(p, "amazon.nova-micro-v1:0");
        Assert.Equal(LicenseVerdict.Denied, micro.Verdict);
        Assert.Equal(ModelIdNotAllowed, micro.ReasonCodes);
        var meta = PolicyTestData.Verdict(p, "meta.llama3-3-70b-instruct-v1:0");
        Assert.Contains(ProviderNotAllowed, meta.ReasonCodes);
        Assert.Contains(ModelIdNotAllowed, meta.ReasonCodes);
    }

    [Fact]
    public void Low_confidence_needs_review()
    {
        var p = PolicyTestData.Parse(PolicyTestData.Minimal("\"minimumConfidence\":\"Confirmed\""));
        var v = PolicyTestData.Verdict(p, "amazon.titan-tg1-large"); // likely
        Assert.Equal(LicenseVerdict.NeedsReview, v.Verdict);
        Assert.Equal(LowConfidence, v.ReasonCodes);
    }

    [Fact]
    public void Empty_allowed_categories_means_only_approvals()
    {
        var p = PolicyTestData.Parse("{\"schemaVersion\":1,\"allowedCategories\":[],\"approvals\":[{\"modelId\":\"amazon.nova-pro-v1:0\",\"approvedBy\":\"A\",\"approvedOn\":\"2026-01-01\"}]}");
        Assert.Equal(LicenseVerdict.Denied, PolicyTestData.Verdict(p, "amazon.nova-micro-v1:0").Verdict);
        Assert.Equal(LicenseVerdict.Allowed, PolicyTestData.Verdict(p, "amazon.nova-pro-v1:0").Verdict);
    }

    [Fact]
    public void Live_fields_pass_through()
    {
        var l = LicenseCatalog.Default.Classify("amazon.nova-pro-v1:0");
        l.AccountId = "222222222222"; l.Region = "eu-west-1"; l.LifecycleStatus = "ACTIVE";
        var v = new PolicyEvaluator(Example, new FixedTimeProvider(PolicyTestData.AsOf)).Evaluate(l);
        Assert.Equal("222222222222", v.AccountId);
        Assert.Equal("eu-west-1", v.Region);
        Assert.DoesNotContain(v.Reasons, r => r.Code == LifecycleUnknown);
        Assert.Same(l, v.License);
    }
}
