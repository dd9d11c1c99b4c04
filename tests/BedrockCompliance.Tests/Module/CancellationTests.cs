using System.Management.Automation;
using System.Management.Automation.Runspaces;
using BedrockCompliance.Commands;
using BedrockCompliance.Tests.Aws;
using BedrockCompliance.Tests.Emulator;

namespace BedrockCompliance.Tests.Module;

/// <summary>Ctrl+C (PowerShell.Stop) cancels the call in flight instead of waiting for its answer.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public class CancellationTests
{
    [Fact]
    public async Task Stop_cancels_an_in_flight_call()
    {
        // Each answer takes a minute: if Stop returns sooner, the call was cancelled, not waited for.
        await using var emu = await TestEmulator.StartAsync(o => o.LatencyMs = 60_000);
        // Bearer auth: no STS lookup, so the only call in flight is the Bedrock listing the command owns.
        using var env = new EnvironmentScope().Set("AWS_BEARER_TOKEN_BEDROCK", "bedrock-api-key-EXAMPLE").Set("AWS_REGION", "us-east-1");
        var iss = InitialSessionState.CreateDefault2();
        iss.Commands.Add(new SessionStateCmdletEntry("Get-BedrockModelLicense", typeof(GetBedrockModelLicenseCommand), null));
        using var ps = PowerShell.Create(iss);
        ps.AddCommand("Get-BedrockModelLicense").AddParameter("EndpointUrl", emu.Url);
        var invocation = ps.BeginInvoke();
        // Until the first Bedrock call has reached the emulator (and sits in its delay).
        while ((int)System.Text.Json.Nodes.JsonNode.Parse(await emu.Http.GetStringAsync("/_emulator/state"))!["totals"]!["calls"]! == 0)
            await Task.Delay(20);

        var stopping = Task.Run(() => ps.Stop());
        Assert.Same(stopping, await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(45))));
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(invocation));
    }
}
