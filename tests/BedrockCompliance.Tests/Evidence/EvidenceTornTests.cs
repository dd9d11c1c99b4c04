using System.Text;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Tests.Evidence;

/// <summary>Crash artefacts: a torn last line is reported, never merged into or dropped; writers continue the chain.</summary>
public class EvidenceTornTests
{
    static string TornFragmentOf(TempLedger t)
    {
        // A real record's first bytes, as a crash mid-write would leave them.
        string full = File.ReadAllLines(t.Path)[0];
        return full.Substring(0, full.Length / 2);
    }

    [Fact]
    public void A_torn_tail_is_reported_as_Torn_and_the_chain_is_still_intact()
    {
        using var t = new TempLedger();
        var written = t.Fill(3);
        t.AppendRaw(TornFragmentOf(t));
        var r = t.Verify();
        Assert.False(r.Valid);
        Assert.True(r.ChainIntact);
        Assert.Equal(EvidenceProblemReason.Torn, r.Reason);
        Assert.Equal(4, r.FirstBadRecord);
        Assert.Equal(3, r.RecordCount);
        Assert.Equal(written[2].Hash, r.LastHash);
        Assert.Contains("no line end", r.Message);
    }

    [Fact]
    public void The_next_writer_terminates_the_torn_line_and_chains_from_the_last_good_record()
    {
        using var t = new TempLedger();
        var written = t.Fill(3);
        string fragment = TornFragmentOf(t);
        t.AppendRaw(fragment);
        var next = t.Ledger.Append(TempLedger.Draft(4));
        Assert.Equal(4, next.Sequence);
        Assert.Equal(written[2].Hash, next.PrevHash);

        var lines = t.Lines();
        Assert.Equal(5, lines.Count);
        Assert.Equal(fragment, lines[3]);            // the torn bytes stay, on their own line
        Assert.StartsWith("{\"v\":1,", lines[4]);    // never merged into them

        var r = t.Verify();
        Assert.False(r.Valid);
        Assert.True(r.ChainIntact);
        Assert.Equal(EvidenceProblemReason.Torn, r.Reason);
        Assert.Equal(4, r.FirstBadRecord);
        Assert.Equal(4, r.RecordCount);
        Assert.Equal(5, r.LineCount);
        Assert.Equal(1, r.TornLineCount);
        Assert.Equal(next.Hash, r.LastHash);

        // Reading reports the torn line instead of skipping it.
        var items = EvidenceReader.Read(t.Path).ToList();
        Assert.Equal(4, items.Count(i => i.Record != null));
        var bad = Assert.Single(items, i => i.Problem != null);
        Assert.Equal(4, bad.Problem!.LineNumber);
        Assert.Equal(EvidenceProblemReason.Torn, bad.Problem.Reason);

        // More writers keep going; the torn line stays visible.
        t.Ledger.Append(TempLedger.Draft(5));
        var r2 = t.Verify();
        Assert.True(r2.ChainIntact);
        Assert.Equal(5, r2.LastSequence);
        Assert.Equal(4, r2.FirstBadRecord);
    }

    [Fact]
    public void A_tail_cut_inside_a_multibyte_character_is_Torn_not_InvalidUtf8()
    {
        using var t = new TempLedger();
        t.Fill(1);
        var d = TempLedger.Draft(2);
        d.Details = "日本語";
        t.Ledger.Append(d);
        byte[] all = File.ReadAllBytes(t.Path);
        int secondStart = Array.IndexOf(all, (byte)'\n') + 1;
        int cut = Encoding.UTF8.GetString(all).IndexOf("日本語", StringComparison.Ordinal);
        int byteCut = Encoding.UTF8.GetByteCount(Encoding.UTF8.GetString(all).Substring(0, cut)) + 1; // inside 日
        File.WriteAllBytes(t.Path, all.Take(byteCut).ToArray());
        Assert.Equal(EvidenceProblemReason.Torn, t.Verify().Reason);
        t.Ledger.Append(TempLedger.Draft(3));   // terminated by the next writer: still Torn, not InvalidUtf8
        var r = t.Verify();
        Assert.Equal(EvidenceProblemReason.Torn, r.Reason);
        Assert.Equal(2, r.FirstBadRecord);
        Assert.True(r.ChainIntact);
        Assert.True(secondStart > 0);
    }

    [Fact]
    public void A_complete_record_missing_only_its_line_end_is_not_committed()
    {
        using var t = new TempLedger();
        t.Fill(2);
        string all = File.ReadAllText(t.Path);
        File.WriteAllText(t.Path, all.Substring(0, all.Length - 1)); // crash before the LF
        var r = t.Verify();
        Assert.Equal(EvidenceProblemReason.Torn, r.Reason);
        Assert.Equal(2, r.FirstBadRecord);
        Assert.Equal(1, r.RecordCount);
        var next = t.Ledger.Append(TempLedger.Draft(3));
        // Changed on purpose (issue 15.7/15.8): record 2 was whole but for its LF, so the LF the next writer writes
        // completes it and the chain goes on from it (before, its sequence was handed out again, and the ledger then
        // failed verification with a break that no one had caused).
        Assert.Equal(3, next.Sequence);
        var after = t.Verify();
        Assert.True(after.Valid, after.Message);
        Assert.Equal(3, after.RecordCount);
    }

    [Fact]
    public void NUL_filled_space_from_a_power_loss_is_Torn()
    {
        using var t = new TempLedger();
        t.Fill(2);
        t.AppendRaw(new byte[300]);
        Assert.Equal(EvidenceProblemReason.Torn, t.Verify().Reason);
        t.Ledger.Append(TempLedger.Draft(3));
        var r = t.Verify();
        Assert.True(r.ChainIntact);
        Assert.Equal(3, r.FirstBadRecord);
        Assert.Equal(3, r.LastSequence);
    }

    [Fact]
    public void A_committed_record_truncated_to_look_torn_breaks_the_chain()
    {
        using var t = new TempLedger();
        t.Fill(5);
        var lines = t.Lines();
        lines[2] = lines[2].Substring(0, 80); // an attacker cuts record 3 short
        t.WriteLines(lines);
        var r = t.Verify();
        Assert.False(r.ChainIntact);
        Assert.Equal(3, r.FirstBadRecord);
        Assert.Equal(EvidenceProblemReason.Torn, r.Reason);
        Assert.Contains(r.Problems, p => p.LineNumber == 4 && p.Reason == EvidenceProblemReason.Deleted && p.Message.Contains("looks torn"));
    }
}
