using System.Text.Json.Nodes;
using BedrockCompliance.Engine.Access;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Tests.Emulator;

namespace BedrockCompliance.Tests.Safety;

/// <summary>Low items of issue 15: provisioned-only variants are not probed; the after-commit fault is set through the control API.</summary>
public class ProbeSafetyTests
{
    [Theory]
    [InlineData("amazon.nova-pro-v1:0:300k", new[] { "PROVISIONED" }, false)]
    [InlineData("cohere.embed-english-v3:0:512", new[] { "PROVISIONED" }, false)]
    [InlineData("meta.llama3-1-70b-instruct-v1:0:128k", new string[0], false)]
    [InlineData("meta.llama4-maverick-17b-instruct-v1:0:1m", new string[0], false)]
    [InlineData("amazon.nova-pro-v1:0", new[] { "ON_DEMAND", "INFERENCE_PROFILE" }, true)]
    [InlineData("anthropic.claude-haiku-4-5-20251001-v1:0", new[] { "INFERENCE_PROFILE" }, true)]
    [InlineData("mistral.devstral-2-123b", new string[0], true)]
    public void Only_models_served_on_demand_or_by_a_profile_are_probed(string modelId, string[] types, bool invocable)
    {
        var model = new FoundationModelSummary { ModelId = modelId, InferenceTypesSupported = types };
        Assert.Equal(invocable, AccessProbe.IsOnDemandInvocable(model));
    }

    [Fact]
    public async Task The_control_API_sets_and_validates_the_after_commit_fault()
    {
        await using var emu = await TestEmulator.StartAsync();
        var set = await emu.ControlAsync("faults", new JsonObject { ["afterCommitRate"] = 0.5, ["afterCommitMode"] = "drop" });
        set.EnsureSuccessStatusCode();
        var body = await TestEmulator.JsonAsync(set);
        Assert.Equal(0.5, (double)body["afterCommitRate"]!);
        Assert.Equal("drop", (string)body["afterCommitMode"]!);
        Assert.Equal("CreateFoundationModelAgreement", (string)body["afterCommitOperation"]!);

        Assert.False((await emu.ControlAsync("faults", new JsonObject { ["afterCommitMode"] = "explode" })).IsSuccessStatusCode);
        Assert.False((await emu.ControlAsync("faults", new JsonObject { ["afterCommitRate"] = 2 })).IsSuccessStatusCode);
        (await emu.ControlAsync("reset")).EnsureSuccessStatusCode();
        Assert.Equal(0, (double)(await TestEmulator.JsonAsync(await emu.Http.GetAsync("/_emulator/faults")))["afterCommitRate"]!);
    }
}
