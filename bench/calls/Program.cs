using System.Diagnostics;
using Amazon.Runtime;
using BedrockCompliance.Engine.Aws;

// Usage: dotnet run -c Release --project bench/calls -- <emulator url> [calls] [concurrency] [accounts] [rate]
// Start the emulator with no latency and no rate limit (see bench/README.md). Prints CPU per call, warm, for
// HttpClient alone (unsigned GET), for BedrockClient.GetFoundationModelAvailabilityAsync (signed, retried, parsed)
// and for the same call answered in memory.
var url = new Uri(args.Length > 0 ? args[0] : throw new ArgumentException("the emulator URL is required"));
int calls = args.Length > 1 ? int.Parse(args[1]) : 50_000;
int concurrency = args.Length > 2 ? int.Parse(args[2]) : 256;
const string model = "meta.llama3-1-70b-instruct-v1:0";

var http = new HttpClient();
var endpoints = new Dictionary<AwsService, Uri> { [AwsService.Bedrock] = url, [AwsService.BedrockRuntime] = url };
var connection = new AwsConnection("us-east-1", new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    null, endpoints, new AwsRetryPolicy());
var bedrock = new BedrockClient(new AwsHttpSender(connection));
var raw = new Uri(url, $"foundation-models/{Uri.EscapeDataString(model)}/availability");
// The same call answered in memory, without sockets: the engine's own CPU (sign, policy, limiter, parse), free of
// the network's and the emulator's share of the machine, so a change to the send path shows above the noise.
var answer = System.Text.Encoding.UTF8.GetBytes($"{{\"modelId\":\"{model}\",\"agreementAvailability\":{{\"status\":\"AVAILABLE\"}},\"authorizationStatus\":\"AUTHORIZED\",\"entitlementAvailability\":\"AVAILABLE\",\"regionAvailability\":\"AVAILABLE\"}}");
var inMemory = new BedrockClient(new AwsHttpSender(connection, new HttpMessageInvoker(new CannedAnswer(answer))));

async Task Run(string name, Func<Task> one, int n)
{
    await Parallel.ForEachAsync(Enumerable.Range(0, 2_000), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, _) => await one());
    var self = Process.GetCurrentProcess();
    self.Refresh();
    var cpu0 = self.TotalProcessorTime; long alloc0 = GC.GetTotalAllocatedBytes(false); var gc0 = GC.CollectionCount(0);
    var watch = Stopwatch.StartNew();
    await Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, _) => await one());
    watch.Stop(); self.Refresh();
    double cpu = (self.TotalProcessorTime - cpu0).TotalSeconds;
    Console.WriteLine($"{name,-44} {n,8:N0} calls {watch.Elapsed.TotalSeconds,6:N1} s  {cpu / n * 1e6,6:N0} us CPU/call  {(GC.GetTotalAllocatedBytes(false) - alloc0) / (double)n / 1024,6:N1} KiB/call  gen0 {GC.CollectionCount(0) - gc0}");
}

for (int round = 0; round < 2; round++)
{
    await Run("HttpClient GET (unsigned, body read)", async () => { using var r = await http.GetAsync(raw); await r.Content.ReadAsByteArrayAsync(); }, calls);
    await Run("BedrockClient.GetFoundationModelAvailability", async () => await bedrock.GetFoundationModelAvailabilityAsync(model, CancellationToken.None), calls);
    await Run("the same, answered in memory (no sockets)", async () => await inMemory.GetFoundationModelAvailabilityAsync(model, CancellationToken.None), calls);
}

// Paced like a rollout: `accounts` accounts, each with its own limiter of `rate` calls/s, all sharing one gate of
// `concurrency` calls in flight. The same calls arrive sparsely, so threads sleep and wake between them.
int accounts = args.Length > 3 ? int.Parse(args[3]) : 0;
double rate = args.Length > 4 ? double.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 10;
if (accounts > 0)
{
    var gate = new SemaphoreSlim(concurrency, concurrency);
    var clients = Enumerable.Range(0, accounts).Select(_ => new BedrockClient(new AwsHttpSender(
        connection.WithRateLimiter(new BedrockCompliance.Engine.Accounts.AccountRateLimiter(rate)).WithConcurrencyGate(gate)))).ToArray();
    var paced = Enumerable.Range(0, accounts).Select(_ => new BedrockCompliance.Engine.Accounts.AccountRateLimiter(rate)).ToArray();
    int perAccount = Math.Max(1, calls / accounts);
    var self = Process.GetCurrentProcess();
    async Task Paced(string name, Func<int, Task> one)
    {
        self.Refresh(); var cpu0 = self.TotalProcessorTime; long alloc0 = GC.GetTotalAllocatedBytes(false); var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, accounts).Select(a => Task.Run(async () => { for (int i = 0; i < perAccount; i++) await one(a); })));
        self.Refresh(); int n = accounts * perAccount;
        Console.WriteLine($"{name,-44} {n,8:N0} calls {watch.Elapsed.TotalSeconds,6:N1} s  {(self.TotalProcessorTime - cpu0).TotalSeconds / n * 1e6,6:N0} us CPU/call  {(GC.GetTotalAllocatedBytes(false) - alloc0) / (double)n / 1024,6:N1} KiB/call  ({accounts} accounts at {rate} calls/s)");
    }
    await Paced("paced HttpClient GET (limiter, gate, no signing)", async a =>
    {
        await paced[a].For("us-east-1", "Bedrock").BeforeGateAsync(false, CancellationToken.None);
        await gate.WaitAsync();
        try { using var r = await http.GetAsync(raw); await r.Content.ReadAsByteArrayAsync(); } finally { gate.Release(); }
    });
    await Paced("paced BedrockClient.GetFoundationModelAvailability", a => clients[a].GetFoundationModelAvailabilityAsync(model, CancellationToken.None));
}

/// <summary>A 200 with the given JSON body, a request ID and a Content-Length, as the emulator answers.</summary>
sealed class CannedAnswer(byte[] body) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(body), RequestMessage = request };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "7e1c2bd4-5f1c-4c8a-9a53-0d2a4b1f3c11");
        return Task.FromResult(response);
    }
}
