using BedrockCompliance.Emulator;

WebApplication app;
try
{
    app = EmulatorApp.Build(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"bedrock emulator: {e.Message}");
    return 2;
}

await app.StartAsync();
// Contract: the first stdout line, parsed by tests, benchmarks and the demo.
Console.WriteLine($"Bedrock emulator listening on {app.Address()}");
Console.Out.Flush();
await app.WaitForShutdownAsync();
return 0;
