// Appends evidence records to a ledger from its own process, through the same engine API the cmdlets use.
//   BedrockCompliance.LedgerWriter <ledger> <count> <writerTag> [--batch N] [--start-at-utc <ticks>] [--pause-ms N]
// --pause-ms: time between appends, as a cmdlet doing real work between records has (lets writers interleave).
// Each record: Action AccessVerified, Outcome Succeeded, Details "writer=<tag> n=<i>". Prints "ok <count>".
using BedrockCompliance;
using BedrockCompliance.Engine.Evidence;

if (args.Length < 3)
{
    Console.Error.WriteLine("usage: BedrockCompliance.LedgerWriter <ledger> <count> <writerTag> [--batch N] [--start-at-utc <ticks>]");
    return 2;
}
string path = args[0];
int count = int.Parse(args[1]);
string tag = args[2];
int batch = 1;
long startAt = 0;
int pauseMs = 0;
for (int i = 3; i < args.Length - 1; i++)
{
    if (args[i] == "--batch") batch = int.Parse(args[i + 1]);
    if (args[i] == "--start-at-utc") startAt = long.Parse(args[i + 1]);
    if (args[i] == "--pause-ms") pauseMs = int.Parse(args[i + 1]);
}
// Line up several writers so they really contend for the lock.
if (startAt > 0)
{
    var wait = new DateTime(startAt, DateTimeKind.Utc) - DateTime.UtcNow;
    if (wait > TimeSpan.Zero) Thread.Sleep(wait);
}
var ledger = EvidenceLedger.Open(path, EvidenceContext.Create("arn:aws:sts::111111111111:assumed-role/Writer/" + tag));
EvidenceRecord Make(int n) => new()
{
    Action = EvidenceAction.AccessVerified,
    Outcome = EvidenceOutcome.Succeeded,
    AccountId = "111111111111",
    Region = "us-east-1",
    ModelId = "anthropic.claude-3-5-sonnet-20241022-v2:0",
    Provider = "Anthropic",
    Details = $"writer={tag} n={n}",
};
if (batch <= 1)
{
    for (int n = 0; n < count; n++)
    {
        ledger.Append(Make(n));
        if (pauseMs > 0) Thread.Sleep(pauseMs);
    }
}
else
{
    for (int n = 0; n < count; n += batch)
        ledger.AppendRange(Enumerable.Range(n, Math.Min(batch, count - n)).Select(Make));
}
Console.WriteLine($"ok {count}");
return 0;
