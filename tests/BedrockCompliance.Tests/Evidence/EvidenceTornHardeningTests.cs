using System.Security.Cryptography;
using System.Text;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Tests.Evidence;

/// <summary>Issue 15 items 7 and 8: NUL-padded torn tails, acknowledging torn lines, cut newest records, reused sequences, duplicate ids.</summary>
public class EvidenceTornHardeningTests
{
    static byte[] LineBytes(TempLedger t, int index) => Encoding.UTF8.GetBytes(t.Lines()[index]);

    [Fact]
    public void A_torn_tail_padded_with_NULs_stays_Torn_after_the_next_append_not_a_changed_record()
    {
        using var t = new TempLedger();
        t.Fill(3);
        byte[] third = LineBytes(t, 2);
        var lines = t.Lines();
        t.WriteLines(lines.Take(2));
        // Delayed allocation after power loss: the first half of record 3 was written, the rest of its space reads as NULs.
        t.AppendRaw(third.Take(third.Length / 2).Concat(new byte[third.Length / 2 + 1]).ToArray());
        Assert.Equal(EvidenceProblemReason.Torn, t.Verify().Reason);
        var next = t.Ledger.Append(TempLedger.Draft(4));
        var r = t.Verify();
        Assert.True(r.ChainIntact, r.Message);
        Assert.Equal(EvidenceProblemReason.Torn, r.Reason);
        Assert.Equal(3, r.FirstBadRecord);
        Assert.Equal(1, r.TornLineCount);
        Assert.Equal(1, r.ProblemCount);
        Assert.Contains("NUL", r.Message);
        Assert.Equal(4, next.Sequence); // the torn record's sequence 3 is not reused
    }

    [Fact]
    public void A_torn_line_once_acknowledged_no_longer_makes_the_ledger_invalid_and_the_acknowledgement_is_a_record()
    {
        using var t = new TempLedger();
        var written = t.Fill(2);
        byte[] first = LineBytes(t, 0);
        byte[] fragment = first.Take(first.Length / 2).ToArray();
        t.AppendRaw(fragment);
        t.Ledger.Append(TempLedger.Draft(3));
        Assert.False(t.Verify().Valid);

        var acks = EvidenceTornAcknowledgement.Acknowledge(t.Ledger, null, null);
        var ack = Assert.Single(acks);
        Assert.Equal(EvidenceAction.TornLineAcknowledged, ack.Action);
        Assert.Equal(EvidenceOutcome.Observed, ack.Outcome);
        Assert.StartsWith($"torn line 3 sha256={Convert.ToHexStringLower(SHA256.HashData(fragment))}", ack.Details);
        Assert.Equal("arn:aws:sts::111111111111:assumed-role/Auditor/alice", ack.PrincipalArn);

        var r = t.Verify();
        Assert.True(r.Valid, r.Message);
        Assert.True(r.ChainIntact);
        Assert.Equal(0, r.TornLineCount);
        Assert.Equal(1, r.AcknowledgedTornLineCount);
        Assert.Equal(0, r.ProblemCount);
        Assert.Contains("acknowledged", r.Message);
        Assert.Empty(EvidenceTornAcknowledgement.Acknowledge(t.Ledger, null, null)); // nothing left to acknowledge

        // The acknowledgement covers those exact bytes only: change the torn line and it counts again.
        var all = File.ReadAllBytes(t.Path);
        int at = Array.IndexOf(all, (byte)'\n', Array.IndexOf(all, (byte)'\n') + 1) + 10;
        all[at] = (byte)(all[at] == (byte)'a' ? 'b' : 'a');
        File.WriteAllBytes(t.Path, all);
        var changed = t.Verify();
        Assert.False(changed.Valid);
        Assert.Equal(0, changed.AcknowledgedTornLineCount);
        Assert.Equal(written[1].Hash, EvidenceReader.Read(t.Path).First(i => i.Record?.Sequence == 2).Record!.Hash);
    }

    [Fact]
    public void Acknowledging_only_some_line_numbers_leaves_the_others_open()
    {
        using var t = new TempLedger();
        t.Fill(1);
        byte[] first = LineBytes(t, 0);
        t.AppendRaw(first.Take(30).ToArray());
        t.Ledger.Append(TempLedger.Draft(2));
        t.AppendRaw(first.Take(40).ToArray());
        t.Ledger.Append(TempLedger.Draft(3));
        Assert.Single(EvidenceTornAcknowledgement.Acknowledge(t.Ledger, new List<long> { 4 }, null));
        var r = t.Verify();
        Assert.False(r.Valid);
        Assert.True(r.ChainIntact);
        Assert.Equal(2, r.FirstBadRecord);
        Assert.Equal(1, r.TornLineCount);
        Assert.Equal(1, r.AcknowledgedTornLineCount);
        Assert.Empty(EvidenceTornAcknowledgement.Acknowledge(t.Ledger, null, _ => false)); // declined: nothing written
    }

    [Fact]
    public void The_newest_record_cut_to_look_torn_keeps_its_sequence_and_an_anchor_still_shows_the_cut()
    {
        using var t = new TempLedger();
        var written = t.Fill(3);
        string all = File.ReadAllText(t.Path);
        File.WriteAllText(t.Path, all.Substring(0, all.Length - 40)); // record 3 cut: looks like a crash
        var next = t.Ledger.Append(TempLedger.Draft(4));
        Assert.Equal(4, next.Sequence);            // sequence 3 is never handed out twice
        Assert.Equal(written[1].Hash, next.PrevHash);
        var r = t.Verify();
        Assert.True(r.ChainIntact, r.Message);       // indistinguishable from a crash without an anchor (README)
        Assert.Equal(EvidenceProblemReason.Torn, r.Reason);
        var anchored = t.Verify(written[2].Hash);
        Assert.False(anchored.ChainIntact);
        Assert.Contains(anchored.Problems, p => p.Reason == EvidenceProblemReason.Deleted);
    }

    [Fact]
    public void A_torn_line_whose_sequence_a_later_record_reuses_is_Deleted()
    {
        using var t = new TempLedger();
        t.Fill(3);
        var lines = t.Lines();
        // Record 3 cut short in place, then the same sequence 3 chained again from record 2 (what a writer that
        // reuses torn sequences, or a forger, leaves behind).
        t.WriteLines(new[] { lines[0], lines[1], lines[2].Substring(0, 90), lines[2] });
        var r = t.Verify();
        Assert.False(r.ChainIntact);
        var deleted = Assert.Single(r.Problems, p => p.Reason == EvidenceProblemReason.Deleted);
        Assert.Equal(3, deleted.LineNumber);
        Assert.Contains("sequence 3 is used again by line 4", deleted.Message);
    }

    [Fact]
    public void Two_records_with_the_same_id_do_not_verify()
    {
        using var t = new TempLedger();
        var first = t.Ledger.Append(TempLedger.Draft(1));
        // A forger who re-chains correctly but copies an id: every link and hash is right, only the id repeats.
        var copy = t.Ledger.Prepare(TempLedger.Draft(2));
        copy.Id = first.Id;
        copy.Sequence = 2;
        copy.PrevHash = first.Hash;
        copy.Timestamp = first.Timestamp;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        t.AppendRaw(EvidenceFormat.SerializeLine(copy, new MemoryStream(), sha));
        var r = t.Verify();
        Assert.False(r.Valid);
        Assert.False(r.ChainIntact);
        var p = Assert.Single(r.Problems);
        Assert.Equal(EvidenceProblemReason.Inserted, p.Reason);
        Assert.Equal(2, p.LineNumber);
        Assert.Contains(first.Id.ToString(), p.Message);
    }
}

/// <summary>Issue 15 (Low): a CRLF or BOM ledger says why it no longer verifies.</summary>
public class EvidenceEncodingMessageTests
{
    [Fact]
    public void A_ledger_saved_with_CRLF_line_ends_says_so()
    {
        using var t = new TempLedger();
        t.Fill(2);
        File.WriteAllText(t.Path, File.ReadAllText(t.Path).Replace("\n", "\r\n"));
        var r = t.Verify();
        Assert.False(r.Valid);
        Assert.Equal(EvidenceProblemReason.Edited, r.Reason);
        Assert.Contains("CRLF", r.Message);
    }

    [Fact]
    public void A_ledger_saved_with_a_BOM_says_so()
    {
        using var t = new TempLedger();
        t.Fill(2);
        File.WriteAllBytes(t.Path, new byte[] { 0xEF, 0xBB, 0xBF }.Concat(File.ReadAllBytes(t.Path)).ToArray());
        var r = t.Verify();
        Assert.False(r.Valid);
        Assert.Equal(1, r.FirstBadRecord);
        Assert.Contains("byte-order mark", r.Message);
    }
}
