using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using static BedrockCompliance.Tests.Privacy.PrivacyFixtures;

namespace BedrockCompliance.Tests.Privacy;

/// <summary>The reading and downgrade rules every check shares: a check that cannot verify is Unknown, never Pass.</summary>
public class CheckFailuresTests
{
    static readonly AwsServiceException Denied = new("Bedrock", "GetGuardrail", "AccessDeniedException", "no", 403, "r");

    static BedrockPrivacyCheck Result(PrivacyCheckStatus status) =>
        new() { Check = PrivacyCheck.GuardrailStrength, Status = status, Detail = "What was read is fine." };

    [Fact]
    public async Task Reading_each_item_keeps_the_answers_in_order_and_the_failures_as_unread()
    {
        var (read, unread) = await CheckFailures.ReadEachAsync(new[] { "a", "b", "c" },
            s => s == "b" ? Task.FromException<string>(Denied) : Task.FromResult(s.ToUpperInvariant()), default);
        Assert.Equal(new[] { "A", "C" }, read);
        var (item, error) = Assert.Single(unread);
        Assert.Equal("b", item);
        Assert.Same(Denied, error);
    }

    [Fact]
    public async Task An_exception_that_is_not_a_check_failure_is_not_hidden_as_unread() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            CheckFailures.ReadEachAsync(new[] { "a" }, _ => Task.FromException<string>(new InvalidOperationException("bug")), default));

    [Fact]
    public void A_pass_with_one_unread_item_is_unknown_naming_it_and_what_to_grant()
    {
        var r = CheckFailures.UnlessUnread(Result(PrivacyCheckStatus.Pass), "1 guardrail(s)", new[] { ("g2", (Exception)Denied) }, "bedrock:GetGuardrail", Region);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Equal("AccessDeniedException", r.ErrorCode);
        Assert.StartsWith("Could not read 1 guardrail(s): g2: AccessDeniedException: no", r.Detail);
        Assert.EndsWith("What was read is fine.", r.Detail);
        Assert.Contains($"Grant bedrock:GetGuardrail in {Region}", r.Remediation);
    }

    [Fact]
    public void A_fail_stands_despite_unread_items_and_nothing_unread_leaves_a_pass()
    {
        var unread = new[] { ("g2", (Exception)Denied) };
        Assert.Equal(PrivacyCheckStatus.Fail, CheckFailures.UnlessUnread(Result(PrivacyCheckStatus.Fail), "x", unread, "p", Region).Status);
        var pass = CheckFailures.UnlessUnread(Result(PrivacyCheckStatus.Pass), "x", Array.Empty<(string, Exception)>(), "p", Region);
        Assert.Equal(PrivacyCheckStatus.Pass, pass.Status);
        Assert.Equal("What was read is fine.", pass.Detail);
    }

    [Fact]
    public async Task A_check_whose_only_other_guardrail_is_strong_is_unknown_when_one_cannot_be_read()
    {
        var http = new RoutingHttp()
            .On("/guardrails", _ => RoutingHttp.Json(200, "{\"guardrails\":[{\"id\":\"g1\",\"version\":\"DRAFT\"},{\"id\":\"g2\",\"version\":\"DRAFT\"}]}", "application/json"))
            .On("/guardrails/g1", _ => RoutingHttp.Json(200, "{\"guardrailId\":\"g1\",\"name\":\"pii\",\"version\":\"DRAFT\",\"contentPolicy\":{\"filters\":[{\"type\":\"PROMPT_ATTACK\",\"inputStrength\":\"HIGH\"}]}," +
                "\"sensitiveInformationPolicy\":{\"piiEntities\":[{\"type\":\"EMAIL\",\"action\":\"ANONYMIZE\"}],\"regexes\":[]}}", "application/json"))
            .On("/guardrails/g2", _ => RoutingHttp.Denied("GetGuardrail"));
        var r = await Run(http, PrivacyCheck.GuardrailStrength);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Equal("AccessDeniedException", r.ErrorCode);
        Assert.StartsWith("Could not read 1 guardrail(s): g2: AccessDeniedException", r.Detail);
        Assert.Contains("bedrock:ListGuardrails and bedrock:GetGuardrail", r.Remediation);
    }
}
