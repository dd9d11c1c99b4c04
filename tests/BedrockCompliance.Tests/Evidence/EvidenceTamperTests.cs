using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Tests.Evidence;

/// <summary>Every kind of damage is found, with the right line number and reason.</summary>
public class EvidenceTamperTests
{
    static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    static string Rehash(string line)
    {
        // What a tamperer who knows the format does: recompute the record's own hash.
        var node = JsonNode.Parse(line)!.AsObject();
        node.Remove("hash");
        string body = node.ToJsonString(JsonOptions);
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        return body.Substring(0, body.Length - 1) + ",\"hash\":\"" + hash + "\"}";
    }

    static string Set(string line, string member, object value, bool rehash)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        node[member] = JsonValue.Create(value);
        string s = node.ToJsonString(JsonOptions);
        return rehash ? Rehash(s) : s;
    }

    static void AssertProblem(EvidenceVerificationResult r, long line, EvidenceProblemReason reason, bool chainIntact = false)
    {
        Assert.False(r.Valid, "expected an invalid ledger");
        Assert.Equal(reason, r.Reason);
        Assert.Equal(line, r.FirstBadRecord);
        Assert.Equal(chainIntact, r.ChainIntact);
        Assert.Contains($"Line {line}", r.Message);
    }

    [Fact]
    public void Edited_content_without_rehash_is_Edited_at_that_line()
    {
        using var t = new TempLedger();
        t.Fill(6);
        var lines = t.Lines();
        lines[2] = lines[2].Replace("\"outcome\":\"Succeeded\"", "\"outcome\":\"Failed\"");
        t.WriteLines(lines);
        var r = t.Verify();
        AssertProblem(r, 3, EvidenceProblemReason.Edited);
        Assert.Equal(1, r.ProblemCount); // no cascade onto the following records
        Assert.Equal(6, r.RecordCount);
    }

    [Fact]
    public void A_single_byte_change_such_as_whitespace_is_Edited()
    {
        using var t = new TempLedger();
        t.Fill(3);
        var lines = t.Lines();
        lines[1] = lines[1].Replace("\"action\":", "\"action\": ");
        t.WriteLines(lines);
        AssertProblem(t.Verify(), 2, EvidenceProblemReason.Edited);
    }

    [Fact]
    public void Edited_and_rehashed_record_is_found_through_its_successor()
    {
        using var t = new TempLedger();
        t.Fill(6);
        var lines = t.Lines();
        lines[3] = Set(lines[3], "accountId", "222222222222", rehash: true);
        t.WriteLines(lines);
        var r = t.Verify();
        AssertProblem(r, 4, EvidenceProblemReason.Edited);
        Assert.Equal(1, r.ProblemCount);
    }

    [Fact]
    public void Edited_last_record_is_found_by_its_own_hash()
    {
        using var t = new TempLedger();
        t.Fill(4);
        var lines = t.Lines();
        lines[3] = lines[3].Replace("record 4", "record X");
        t.WriteLines(lines);
        AssertProblem(t.Verify(), 4, EvidenceProblemReason.Edited);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void Deleted_record_is_Deleted_at_the_line_where_it_is_missing(int index)
    {
        using var t = new TempLedger();
        t.Fill(7);
        var lines = t.Lines();
        lines.RemoveAt(index);
        t.WriteLines(lines);
        var r = t.Verify();
        AssertProblem(r, index + 1, EvidenceProblemReason.Deleted);
        Assert.Contains($"sequence {index + 1} is missing", r.Problems[0].Message);
        Assert.Equal(1, r.ProblemCount);
    }

    [Fact]
    public void Several_deleted_records_are_one_gap()
    {
        using var t = new TempLedger();
        t.Fill(8);
        var lines = t.Lines();
        lines.RemoveRange(2, 3);
        t.WriteLines(lines);
        var r = t.Verify();
        AssertProblem(r, 3, EvidenceProblemReason.Deleted);
        Assert.Contains("sequences 3–5 are missing", r.Message);
    }

    [Fact]
    public void Records_cut_from_the_end_are_found_with_the_expected_hash_anchor()
    {
        using var t = new TempLedger();
        var written = t.Fill(5);
        Assert.True(t.Verify(written[4].Hash).Valid);
        var lines = t.Lines();
        lines.RemoveAt(4);
        t.WriteLines(lines);
        Assert.True(t.Verify().Valid); // a hash chain alone cannot see this …
        var r = t.Verify(written[4].Hash); // … an anchor kept elsewhere can
        Assert.False(r.Valid);
        Assert.Equal(EvidenceProblemReason.Deleted, r.Reason);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void Swapped_records_are_Reordered(int index)
    {
        using var t = new TempLedger();
        t.Fill(6);
        var lines = t.Lines();
        (lines[index], lines[index + 1]) = (lines[index + 1], lines[index]);
        t.WriteLines(lines);
        var r = t.Verify();
        AssertProblem(r, index + 1, EvidenceProblemReason.Reordered);
        Assert.Equal(1, r.ProblemCount);
        Assert.Equal(6, r.RecordCount);
    }

    [Fact]
    public void A_record_moved_to_the_end_is_reported_where_it_is_missing_and_where_it_reappears()
    {
        using var t = new TempLedger();
        t.Fill(6);
        var lines = t.Lines();
        var moved = lines[1];
        lines.RemoveAt(1);
        lines.Add(moved);
        t.WriteLines(lines);
        var r = t.Verify();
        AssertProblem(r, 2, EvidenceProblemReason.Deleted);
        Assert.Contains(r.Problems, p => p.LineNumber == 6 && p.Reason == EvidenceProblemReason.Reordered);
    }

    [Fact]
    public void A_forged_record_chained_to_its_predecessor_is_Inserted()
    {
        using var t = new TempLedger();
        t.Fill(5);
        var lines = t.Lines();
        // The best forgery: correct prevHash and sequence, own hash recomputed.
        string forged = Set(Set(lines[2], "id", Guid.NewGuid().ToString(), false), "details", "forged acceptance", rehash: true);
        forged = Set(forged, "prevHash", JsonNode.Parse(lines[1])!["hash"]!.GetValue<string>(), false);
        forged = Set(forged, "sequence", 3, rehash: true);
        lines.Insert(2, forged);
        t.WriteLines(lines);
        var r = t.Verify();
        AssertProblem(r, 3, EvidenceProblemReason.Inserted);
        Assert.Equal(1, r.ProblemCount);
    }

    [Fact]
    public void A_naive_forged_line_is_Inserted_and_the_chain_continues_past_it()
    {
        using var t = new TempLedger();
        t.Fill(5);
        var lines = t.Lines();
        lines.Insert(3, Set(lines[0], "details", "copied", rehash: true));
        t.WriteLines(lines);
        var r = t.Verify();
        AssertProblem(r, 4, EvidenceProblemReason.Inserted);
        Assert.Equal(1, r.ProblemCount);
    }

    [Fact]
    public void A_duplicated_record_is_Inserted()
    {
        using var t = new TempLedger();
        t.Fill(4);
        var lines = t.Lines();
        lines.Insert(2, lines[1]);
        t.WriteLines(lines);
        var r = t.Verify();
        AssertProblem(r, 3, EvidenceProblemReason.Inserted);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("{\"v\":1,\"id\":\"x\"} trailing")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public void A_line_that_is_not_JSON_is_NotJson_with_its_line_number(string garbage)
    {
        using var t = new TempLedger();
        t.Fill(3);
        var lines = t.Lines();
        lines.Insert(1, garbage);
        t.WriteLines(lines);
        var r = t.Verify();
        AssertProblem(r, 2, EvidenceProblemReason.NotJson);
        Assert.Equal(3, r.RecordCount);
    }

    [Fact]
    public void A_record_overwritten_with_garbage_is_NotJson_and_the_chain_resynchronises()
    {
        using var t = new TempLedger();
        t.Fill(5);
        var lines = t.Lines();
        lines[2] = "garbage";
        t.WriteLines(lines);
        var r = t.Verify();
        AssertProblem(r, 3, EvidenceProblemReason.NotJson);
        Assert.Equal(1, r.ProblemCount);
        Assert.Equal(5, r.LastSequence);
    }

    [Fact]
    public void Invalid_UTF8_is_InvalidUtf8_with_its_line_number()
    {
        using var t = new TempLedger();
        t.Fill(4);
        byte[] bytes = File.ReadAllBytes(t.Path);
        // Replace the 'r' of "record 3" with 0xFF, an impossible UTF-8 byte.
        int at = Encoding.UTF8.GetString(bytes).IndexOf("record 3", StringComparison.Ordinal);
        bytes[at] = 0xFF;
        File.WriteAllBytes(t.Path, bytes);
        var r = t.Verify();
        AssertProblem(r, 3, EvidenceProblemReason.InvalidUtf8);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 0xAF })]              // overlong '/'
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]        // UTF-16 surrogate
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })]  // above U+10FFFF
    [InlineData(new byte[] { 0x80 })]                    // lone continuation byte
    public void Every_kind_of_invalid_UTF8_is_caught(byte[] bad)
    {
        using var t = new TempLedger();
        t.Fill(2);
        t.AppendRaw(Encoding.ASCII.GetBytes("{\"v\":1,\"details\":\"").Concat(bad).Concat(Encoding.ASCII.GetBytes("\"}\n")).ToArray());
        Assert.Equal(EvidenceProblemReason.InvalidUtf8, t.Verify().Reason);
    }

    [Fact]
    public void Valid_multibyte_text_is_fine()
    {
        using var t = new TempLedger();
        var d = TempLedger.Draft(1);
        d.Details = "José Müller – 日本語 – 🙂";
        t.Ledger.Append(d);
        Assert.True(t.Verify().Valid);
        Assert.Equal("José Müller – 日本語 – 🙂", EvidenceReader.Read(t.Path).Single().Record!.Details);
    }

    [Fact]
    public void JSON_without_required_members_is_Malformed()
    {
        using var t = new TempLedger();
        t.Fill(2);
        t.AppendRaw("{\"v\":1,\"id\":\"x\"}\n");
        AssertProblem(t.Verify(), 3, EvidenceProblemReason.Malformed);
    }

    [Fact]
    public void Problems_list_every_bad_line_in_order()
    {
        using var t = new TempLedger();
        t.Fill(6);
        var lines = t.Lines();
        lines[1] = lines[1].Replace("record 2", "record Z");
        lines[4] = "nope";
        t.WriteLines(lines);
        var r = t.Verify();
        Assert.Equal(2, r.ProblemCount);
        Assert.Equal(new long[] { 2, 5 }, r.Problems.Select(p => p.LineNumber));
        Assert.Equal(new[] { EvidenceProblemReason.Edited, EvidenceProblemReason.NotJson }, r.Problems.Select(p => p.Reason));
    }

    [Fact]
    public void An_empty_ledger_is_valid()
    {
        using var t = new TempLedger();
        File.WriteAllText(t.Path, "");
        var r = t.Verify();
        Assert.True(r.Valid);
        Assert.Equal(0, r.RecordCount);
        Assert.Null(r.LastHash);
    }
}
