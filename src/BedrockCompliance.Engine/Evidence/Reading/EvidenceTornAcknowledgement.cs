using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The recorded way to acknowledge a torn line (issue 15.7): after someone has looked at it, a
/// <see cref="EvidenceAction.TornLineAcknowledged"/> record names the line and the SHA-256 of its exact bytes in
/// Details (<c>torn line 17 sha256=&lt;64 hex&gt;</c>). The acknowledgement is itself evidence (who, when, on which
/// machine, chained like any record); verification then stops counting that line against Valid, and only while the
/// line's bytes are still the ones acknowledged. Only Torn lines can be acknowledged, never a chain break.
/// </summary>
internal static class EvidenceTornAcknowledgement
{
    static readonly Regex DetailsPattern = new Regex(@"^torn line (\d{1,18}) sha256=([0-9a-f]{64})\b", RegexOptions.CultureInvariant);

    public static string FormatDetails(long lineNumber, string sha256) =>
        string.Format(CultureInfo.InvariantCulture, "torn line {0} sha256={1} acknowledged as a crash artefact (not a committed record)", lineNumber, sha256);

    internal static bool TryParse(string? details, out long lineNumber, out string sha256)
    {
        lineNumber = 0;
        sha256 = "";
        var m = details == null ? null : DetailsPattern.Match(details);
        if (m == null || !m.Success) return false;
        lineNumber = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        sha256 = m.Groups[2].Value;
        return true;
    }

    internal static string HashLine(byte[] buf, int off, int len)
    {
        using var sha = SHA256.Create();
        return EvidenceFormat.ToHex(sha.ComputeHash(buf, off, len));
    }

    /// <summary>
    /// Records one acknowledgement per torn line of the ledger that has none yet (optionally only the given line
    /// numbers; <paramref name="confirm"/> may decline each). Returns the records written.
    /// </summary>
    public static IReadOnlyList<EvidenceRecord> Acknowledge(EvidenceLedger ledger, ICollection<long>? lineNumbers, Func<long, bool>? confirm, CancellationToken cancellationToken = default)
    {
        if (ledger == null) throw new ArgumentNullException(nameof(ledger));
        var drafts = new List<EvidenceRecord>();
        foreach (var torn in EvidenceVerifier.UnacknowledgedTornLines(ledger.Path, cancellationToken))
        {
            if (lineNumbers != null && lineNumbers.Count > 0 && !lineNumbers.Contains(torn.LineNumber)) continue;
            if (confirm != null && !confirm(torn.LineNumber)) continue;
            drafts.Add(new EvidenceRecord
            {
                Action = EvidenceAction.TornLineAcknowledged,
                Outcome = EvidenceOutcome.Observed,
                Details = FormatDetails(torn.LineNumber, torn.Sha256),
            });
        }
        return drafts.Count == 0 ? Array.Empty<EvidenceRecord>() : ledger.AppendRange(drafts, cancellationToken);
    }
}

/// <summary>A torn line found by verification: where, and the SHA-256 of its bytes (what an acknowledgement names).</summary>
internal sealed class EvidenceTornLine
{
    internal EvidenceTornLine(EvidenceProblem problem, string sha256)
    {
        Problem = problem;
        Sha256 = sha256;
    }

    internal EvidenceProblem Problem { get; }
    public long LineNumber => Problem.LineNumber;
    public string Sha256 { get; }
}
