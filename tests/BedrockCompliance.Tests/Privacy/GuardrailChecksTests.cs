using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using BedrockCompliance.Engine.Privacy.Checks;
using BedrockCompliance.Engine.Privacy.Retention;

namespace BedrockCompliance.Tests.Privacy;

public class EnforcedGuardrailCheckTests
{
    static EnforcedGuardrailConfiguration Config(string? messages = "COMPREHENSIVE", string[]? included = null, string[]? excluded = null) => new(
        ConfigId: "c1", GuardrailArn: "arn:aws:bedrock:us-east-1:1:guardrail/g1", GuardrailVersion: "1", SystemGuarding: "COMPREHENSIVE", MessagesGuarding: messages,
        IncludedModels: included, ExcludedModels: excluded ?? Array.Empty<string>());

    [Fact]
    public void A_configuration_covering_every_model_passes_when_required()
    {
        var r = EnforcedGuardrailCheck.Judge("us-east-1", new[] { Config(included: new[] { "ALL" }) }, required: true);
        Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
        Assert.Equal(new[] { "arn:aws:bedrock:us-east-1:1:guardrail/g1" }, r.Resources);
    }

    [Fact]
    public void Selective_guarding_or_excluded_models_fail()
    {
        Assert.Equal(PrivacyCheckStatus.Fail, EnforcedGuardrailCheck.Judge("us-east-1", new[] { Config(messages: "SELECTIVE") }, true).Status);
        var r = EnforcedGuardrailCheck.Judge("us-east-1", new[] { Config(included: new[] { "ALL" }, excluded: new[] { "cohere.embed-english-v3" }) }, true);
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Contains("excludes cohere.embed-english-v3", r.Detail);
    }

    [Fact]
    public void None_at_account_level_is_unknown_because_organisation_enforcement_is_not_listed()
    {
        var r = EnforcedGuardrailCheck.Judge("us-east-1", Array.Empty<EnforcedGuardrailConfiguration>(), true);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Contains("BEDROCK_POLICY", r.Detail);
    }

    [Fact]
    public void Not_required_is_reported_not_judged() =>
        Assert.Equal(PrivacyCheckStatus.Unknown, EnforcedGuardrailCheck.Judge("us-east-1", new[] { Config() }, false).Status);
}

public class GuardrailStrengthCheckTests
{
    static GuardrailDetail Guardrail(string id, string? attack = "HIGH", bool pii = true) => new(
        Id: id, Arn: null, Name: id, Version: "DRAFT", Status: null,
        ContentFilters: attack == null ? Array.Empty<GuardrailContentFilter>() : new[] { new GuardrailContentFilter("PROMPT_ATTACK", InputStrength: attack) },
        HasSensitiveInformationPolicy: pii, PiiEntities: pii ? new[] { "EMAIL" } : Array.Empty<string>(), Regexes: Array.Empty<string>());

    [Fact]
    public void Strong_guardrails_pass_and_weak_ones_fail_with_what_they_lack()
    {
        Assert.Equal(PrivacyCheckStatus.Pass, GuardrailStrengthCheck.Judge("us-east-1", new[] { Guardrail("g1") }).Status);
        var r = GuardrailStrengthCheck.Judge("us-east-1", new[] { Guardrail("g1"), Guardrail("g2", attack: "MEDIUM", pii: false), Guardrail("g3", attack: null) });
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Equal(new[] { "g2", "g3" }, r.Resources);
        Assert.Contains("no sensitive-information (PII) filter, PROMPT_ATTACK input strength MEDIUM, not HIGH", r.Detail);
        Assert.Contains("no PROMPT_ATTACK filter", r.Detail);
    }

    [Fact]
    public void No_guardrail_at_all_fails() =>
        Assert.Equal(PrivacyCheckStatus.Fail, GuardrailStrengthCheck.Judge("us-east-1", Array.Empty<GuardrailDetail>()).Status);
}
