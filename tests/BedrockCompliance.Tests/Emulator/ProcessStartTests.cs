using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Xunit;

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
