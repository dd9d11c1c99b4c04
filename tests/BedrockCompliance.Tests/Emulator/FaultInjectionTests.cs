using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace BedrockCompliance.Tests.Emulator;

/// <summary>Latency, random throttling/errors (seeded), the per-account token bucket and denial.</summary>
public class FaultInjectionTests
{
    static async Task<List<HttpStatusCode>> CallManyAsync(TestEmulator emu, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++) statuses.Add((await emu.GetAsync("/foundation-models")).StatusCode);
        return statuses;
    }

    [Fact]
    public async Task Throttle_rate_is_roughly_honoured_and_reproducible_with_a_seed()
    {
        List<HttpStatusCode> first, second;
        await using (var emu = await TestEmulator.StartAsync(o => { o.ThrottleRate = 0.3; o.Seed = 7; }))
            first = await CallManyAsync(emu, 200);
        await using (var emu = await TestEmulator.StartAsync(o => { o.ThrottleRate = 0.3; o.Seed = 7; }))
            second = await CallManyAsync(emu, 200);

        Assert.Equal(first, second);
        Assert.InRange(first.Count(s => s == HttpStatusCode.TooManyRequests), 35, 85);
        Assert.All(first, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Error_rate_returns_internal_and_unavailable_errors()
    {
        await using var emu = await TestEmulator.StartAsync(o => { o.ErrorRate = 0.5; o.Seed = 3; });
        var statuses = await CallManyAsync(emu, 100);
        Assert.InRange(statuses.Count(s => s is HttpStatusCode.InternalServerError or HttpStatusCode.ServiceUnavailable), 30, 70);
        Assert.Contains(HttpStatusCode.InternalServerError, statuses);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);

        var state = await emu.StateAsync();
        Assert.Equal(statuses.Count(s => s != HttpStatusCode.OK), (int)state["totals"]!["injectedErrors"]!);
        var calls = TestEmulator.Account(state, "111111111111")["calls"]!["ListFoundationModels"]!;
        Assert.Equal(100, (int)calls["total"]!);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.OK), (int)calls["successful"]!);
    }

    [Fact]
    public async Task Injected_errors_use_each_services_shape()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.ThrottleRate = 1);
        var bedrock = await emu.GetAsync("/foundation-models");
        Assert.Equal(HttpStatusCode.TooManyRequests, bedrock.StatusCode);
        Assert.Equal("ThrottlingException", bedrock.Headers.GetValues("x-amzn-ErrorType").Single());

        var sts = await emu.PostFormAsync("Action=GetCallerIdentity&Version=2011-06-15", "sts");
        Assert.Equal(HttpStatusCode.BadRequest, sts.StatusCode);
        Assert.Contains("<Code>Throttling</Code><Message>Rate exceeded</Message>", await sts.Content.ReadAsStringAsync());

        var ec2 = await emu.PostFormAsync("Action=DescribeVpcEndpoints&Version=2016-11-15", "ec2");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ec2.StatusCode);
        Assert.Contains("<Response><Errors><Error><Code>RequestLimitExceeded</Code>", await ec2.Content.ReadAsStringAsync());

        var trail = await emu.CloudTrailAsync("DescribeTrails", new JsonObject());
        Assert.Equal(HttpStatusCode.BadRequest, trail.StatusCode);
        Assert.Equal("ThrottlingException", (string)(await TestEmulator.JsonAsync(trail))["__type"]!);
    }

    [Fact]
    public async Task Rate_limit_throttles_per_account_with_rate_exceeded()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.RateLimit = 5);
        var member = await emu.AssumeMemberAsync("200000000001");
        var burst = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => emu.GetAsync("/foundation-models")));
        var ok = burst.Count(r => r.StatusCode == HttpStatusCode.OK);
        Assert.InRange(ok, 5, 9); // the burst of 5 (AssumeRole is STS: not under the Bedrock quota), plus refill while the burst runs
        var throttled = burst.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("Rate exceeded", (string)(await TestEmulator.JsonAsync(throttled))["message"]!);

        // Another account has its own bucket.
        Assert.Equal(HttpStatusCode.OK, (await emu.GetAsync("/foundation-models", member)).StatusCode);
    }

    [Fact]
    public async Task Rate_limit_models_the_Bedrock_quota_and_leaves_sts_alone()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.RateLimit = 2);
        for (int i = 0; i < 8; i++)
            await emu.AssumeMemberAsync("200000000001");
    }

    [Fact]
    public async Task Latency_applies_to_aws_calls_but_not_to_the_control_api()
    {
        await using var emu = await TestEmulator.StartAsync(o => { o.LatencyMs = 150; o.ErrorRate = 1; });
        var sw = Stopwatch.StartNew();
        var response = await emu.GetAsync("/foundation-models");
        Assert.True(sw.ElapsedMilliseconds >= 140, $"took {sw.ElapsedMilliseconds} ms");
        Assert.True((int)response.StatusCode >= 500);

        sw.Restart();
        var state = await emu.Http.GetAsync("/_emulator/state");
        Assert.Equal(HttpStatusCode.OK, state.StatusCode);
        Assert.True(sw.ElapsedMilliseconds < 140, $"control API took {sw.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Faults_can_be_changed_at_runtime()
    {
        await using var emu = await TestEmulator.StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await emu.GetAsync("/foundation-models")).StatusCode);
        await emu.ControlAsync("faults", new JsonObject { ["throttleRate"] = 1.0 });
        Assert.Equal(HttpStatusCode.TooManyRequests, (await emu.GetAsync("/foundation-models")).StatusCode);
        await emu.ControlAsync("faults", new JsonObject { ["throttleRate"] = 0.0 });
        Assert.Equal(HttpStatusCode.OK, (await emu.GetAsync("/foundation-models")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await emu.ControlAsync("faults", new JsonObject { ["errorRate"] = 2.0 })).StatusCode);
    }

    [Fact]
    public async Task Deny_account_flag_denies_one_operation_with_iam_wording()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.DenyAccounts.Add("200000000001:Converse"));
        var member = await emu.AssumeMemberAsync("200000000001", "denied");
        Assert.Equal(HttpStatusCode.OK, (await emu.GetAsync("/foundation-models", member)).StatusCode);
        var converse = await emu.PostJsonAsync("/model/amazon.nova-micro-v1%3A0/converse",
            JsonNode.Parse("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]}")!, member);
        Assert.Equal(HttpStatusCode.Forbidden, converse.StatusCode);
        Assert.Equal("AccessDeniedException", converse.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("User: arn:aws:sts::200000000001:assumed-role/OrganizationAccountAccessRole/denied is not authorized to perform: bedrock:InvokeModel because no identity-based policy allows the bedrock:InvokeModel action",
            (string)(await TestEmulator.JsonAsync(converse))["message"]!);
        var availability = await TestEmulator.JsonAsync(await emu.GetAsync("/foundation-model-availability/amazon.nova-micro-v1%3A0", member));
        Assert.Equal("NOT_AUTHORIZED", (string)availability["authorizationStatus"]!);
    }

    [Fact]
    public async Task Blanket_denial_covers_everything_but_get_caller_identity()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.DenyAccounts.Add("200000000002"));
        var member = await emu.AssumeMemberAsync("200000000002");
        Assert.Equal(HttpStatusCode.Forbidden, (await emu.GetAsync("/foundation-models", member)).StatusCode);
        var ec2 = await emu.PostFormAsync("Action=DescribeVpcEndpoints&Version=2016-11-15", "ec2", member);
        Assert.Equal(HttpStatusCode.Forbidden, ec2.StatusCode);
        Assert.Contains("<Code>UnauthorizedOperation</Code>", await ec2.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await emu.PostFormAsync("Action=GetCallerIdentity&Version=2011-06-15", "sts", member)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_calls_across_accounts_are_counted_exactly()
    {
        await using var emu = await TestEmulator.StartAsync(o => { o.Accounts = 20; o.LatencyMs = 20; });
        var sessions = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => emu.AssumeMemberAsync(BedrockCompliance.Emulator.EmulatorOptions.MemberAccountId(i))));
        var responses = await Task.WhenAll(sessions.SelectMany(s => Enumerable.Range(0, 10).Select(_ => emu.GetAsync("/foundation-models", s))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var state = await emu.StateAsync();
        for (var i = 1; i <= 20; i++)
            Assert.Equal(10, (int)TestEmulator.Account(state, BedrockCompliance.Emulator.EmulatorOptions.MemberAccountId(i))["calls"]!["ListFoundationModels"]!["successful"]!);
        Assert.Equal(220, (int)state["totals"]!["successful"]!);
    }
}
