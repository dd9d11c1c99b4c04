using System.Text;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Tests.Evidence;

/// <summary>A temporary ledger and helpers to fill and tamper with it.</summary>
internal sealed class TempLedger : IDisposable
{
    public TempLedger()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "bc-evidence-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Path = System.IO.Path.Combine(Directory, "evidence.jsonl");
        Ledger = EvidenceLedger.Open(Path, EvidenceContext.Create("arn:aws:sts::111111111111:assumed-role/Auditor/alice"));
    }

    public string Directory { get; }
    public string Path { get; }
    public EvidenceLedger Ledger { get; }

    public static EvidenceRecord Draft(int n, string action = EvidenceAction.AgreementAccepted) => new()
    {
        Action = action,
        Outcome = EvidenceOutcome.Succeeded,
        AccountId = "111111111111",
        Region = "us-east-1",
        ModelId = $"meta.llama3-1-{n}b-instruct-v1:0",
        Provider = "Meta",
        LicenseCategory = "OpenWeight",
        LicenseName = "Llama 3.1 Community License",
        OfferId = "offer-" + n,
        LegalTermUrl = "https://www.llama.com/llama3_1/license/",
        UseCase = "Internal summarisation",
        Details = "record " + n,
    };

    public List<EvidenceRecord> Fill(int count)
    {
        var list = new List<EvidenceRecord>();
        for (int i = 1; i <= count; i++) list.Add(Ledger.Append(Draft(i)));
        return list;
    }

    public List<string> Lines() => File.ReadAllText(Path).Split('\n').SkipLast(1).ToList();

    public void WriteLines(IEnumerable<string> lines) => File.WriteAllText(Path, string.Concat(lines.Select(l => l + "\n")));

    public void AppendRaw(byte[] bytes)
    {
        using var fs = new FileStream(Path, FileMode.Append);
        fs.Write(bytes);
    }

    public void AppendRaw(string text) => AppendRaw(Encoding.UTF8.GetBytes(text));

    public EvidenceVerificationResult Verify(string? anchor = null)
    {
        Snapshot();
        return EvidenceVerifier.Verify(Path, anchor);
    }

    /// <summary>
    /// When set (by <see cref="EvidenceExportDifferentialTests"/>), every ledger state a test verifies, and its final
    /// state, is copied here: the tamper and torn tests then double as the export's differential corpus.
    /// </summary>
    public static readonly AsyncLocal<List<byte[]>?> Capture = new();

    void Snapshot()
    {
        if (Capture.Value != null && File.Exists(Path)) Capture.Value.Add(File.ReadAllBytes(Path));
    }

    public void Dispose()
    {
        Snapshot();
        try { System.IO.Directory.Delete(Directory, true); } catch (IOException) { }
    }
}
