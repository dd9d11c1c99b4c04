using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace BedrockCompliance.Tests.Emulator;

/// <summary>The start-up contract others parse: the first stdout line names the bound address.</summary>
public class ProcessStartTests
{
    [Fact]
    public async Task First_stdout_line_is_the_listening_address()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "BedrockCompliance.Emulator.dll");
        Assert.True(File.Exists(dll), dll);
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0", "--accounts", "2", "--latency-ms", "0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        using var process = Process.Start(start)!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var match = Regex.Match(line ?? "", "^Bedrock emulator listening on (http://127\\.0\\.0\\.1:[0-9]+)$");
            Assert.True(match.Success, $"first line was: {line}");

            using var http = new HttpClient();
            var state = await http.GetAsync(match.Groups[1].Value + "/_emulator/state");
            Assert.Equal(HttpStatusCode.OK, state.StatusCode);
            Assert.Contains("\"200000000002\"", await state.Content.ReadAsStringAsync());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}

public class EmulatorOptionsTests
{
    [Fact]
    public void Own_flags_are_parsed_and_host_flags_pass_through()
    {
        var (o, rest) = BedrockCompliance.Emulator.EmulatorOptions.Parse(new[]
        {
            "--urls", "http://127.0.0.1:0", "--accounts", "5", "--throttle-rate=0.25", "--deny-account", "200000000001:Converse",
            "--deny-account", "200000000002", "--unassumable-account", "200000000003", "--seed", "9",
        });
        Assert.Equal(new[] { "--urls", "http://127.0.0.1:0" }, rest);
        Assert.Equal(5, o.Accounts);
        Assert.Equal(0.25, o.ThrottleRate);
        Assert.Equal(new[] { "200000000001:Converse", "200000000002" }, o.DenyAccounts);
        Assert.Equal(new[] { "200000000003" }, o.UnassumableAccounts);
        Assert.Equal(9, o.Seed);
        Assert.Equal("200000000005", BedrockCompliance.Emulator.EmulatorOptions.MemberAccountId(5));
    }

    [Theory]
    [InlineData("--error-rate", "1.5")]
    [InlineData("--accounts", "many")]
    [InlineData("--latency-ms", "-1")]
    public void Invalid_flags_are_argument_errors(string flag, string value) =>
        Assert.Throws<ArgumentException>(() => BedrockCompliance.Emulator.EmulatorOptions.Parse(new[] { flag, value }));
}
