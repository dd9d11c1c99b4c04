using System.Text.RegularExpressions;
using BedrockCompliance.Engine.Accounts;

namespace BedrockCompliance.Tests.Module;

/// <summary>
/// The layering rules the README promises, checked on the source tree and the built assemblies: cmdlets never
/// write evidence (engine services do), the engine knows no PowerShell, and no product file grows past 350 lines.
/// </summary>
public class ArchitectureTests
{
    const int MaxLines = 350;

    // Evidence-writing types and calls a cmdlet must not use: recording is the engine services' job.
    static readonly Regex EvidenceWriting = new Regex(
        @"\bEvidenceLedger\b|\bEvidenceRecorder\b|\bTargetEvidenceWriter\b|\bEvidenceFileLock\b|\bnew\s+EvidenceRecord\b|\.RecordAsync\s*\(|\.AppendAsync\s*\(|\bEvidenceFormat\s*\.",
        RegexOptions.CultureInvariant);

    static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BedrockCompliance.psd1")) && Directory.Exists(Path.Combine(dir.FullName, "src"))) return dir.FullName;
        throw new DirectoryNotFoundException("The repository root (with BedrockCompliance.psd1 and src/) is not above " + AppContext.BaseDirectory);
    }

    static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    static IEnumerable<string> SourceFiles(string root, string folder) =>
        Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar));

    [Fact]
    public void No_cmdlet_file_uses_an_evidence_writing_type()
    {
        string root = RepoRoot();
        var cmdletFiles = SourceFiles(root, "src/BedrockCompliance/Cmdlets").ToList();
        Assert.True(cmdletFiles.Count >= 14, $"expected the cmdlet files under src/BedrockCompliance/Cmdlets, found {cmdletFiles.Count}");
        var offenders = new List<string>();
        foreach (var file in cmdletFiles)
        {
            string rel = Relative(root, file);
            int n = 0;
            foreach (var line in File.ReadLines(file))
            {
                n++;
                string code = line.TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal)) continue; // a comment may name what the cmdlet does not do
                var m = EvidenceWriting.Match(code);
                if (m.Success) offenders.Add($"{rel}:{n}: {m.Value}");
            }
        }
        Assert.True(offenders.Count == 0, "Cmdlets must leave recording to engine services:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_pattern_catches_what_it_is_meant_to()
    {
        Assert.Matches(EvidenceWriting, "var ledger = EvidenceLedger.Open(path, ctx);");
        Assert.Matches(EvidenceWriting, "await recorder.RecordAsync(EvidenceAction.UseCaseSubmitted, outcome, null);");
        Assert.Matches(EvidenceWriting, "var r = new EvidenceRecord { Action = a };");
        Assert.DoesNotMatch(EvidenceWriting, "foreach (var record in EvidenceReader.Read(path, query, null, ct))");
    }

    [Fact]
    public void The_engine_does_not_reference_PowerShell()
    {
        var references = typeof(AccountWorkScheduler).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("BedrockCompliance.Models", references);
        Assert.DoesNotContain(references, r => r.StartsWith("System.Management.Automation", StringComparison.Ordinal) || r.StartsWith("Microsoft.PowerShell", StringComparison.Ordinal));
    }

    [Fact]
    public void No_product_source_file_is_over_350_lines()
    {
        string root = RepoRoot();
        var tooLong = new List<string>();
        foreach (var file in SourceFiles(root, "src"))
        {
            string rel = Relative(root, file);
            if (rel.StartsWith("src/BedrockCompliance.Emulator/", StringComparison.Ordinal) || rel.EndsWith(".g.cs", StringComparison.Ordinal)) continue;
            int lines = File.ReadLines(file).Count();
            if (lines > MaxLines) tooLong.Add($"{rel}: {lines} lines (limit {MaxLines})");
        }
        Assert.True(tooLong.Count == 0, "Split these files:\n" + string.Join("\n", tooLong));
    }
}
