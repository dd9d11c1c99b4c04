using System.Text.RegularExpressions;
using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Tests.Evidence;

/// <summary>The field table is the contract: the README, the record type and the ledger's cleaning agree with it.</summary>
public class EvidenceFieldsTests
{
    static string ReadmeEvidenceSection()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "README.md"))) dir = dir.Parent;
        Assert.NotNull(dir);
        string readme = File.ReadAllText(Path.Combine(dir!.FullName, "README.md"));
        int start = readme.IndexOf("\n## Evidence", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Evidence' section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return readme.Substring(start, (end < 0 ? readme.Length : end) - start);
    }

    static string Paragraph(string section, string bold)
    {
        int at = section.IndexOf(bold, StringComparison.Ordinal);
        Assert.True(at >= 0, $"the README's Evidence section has no {bold} paragraph");
        int end = section.IndexOf("\n\n", at, StringComparison.Ordinal);
        return Regex.Replace(section.Substring(at, (end < 0 ? section.Length : end) - at), @"\s+", " ");
    }

    [Fact]
    public void The_README_member_list_is_the_table_in_JSON_order()
    {
        string p = Paragraph(ReadmeEvidenceSection(), "**Record.**");
        // The members are the code spans outside parentheses; inside them are values and formats.
        string outside = Regex.Replace(p.Substring(0, p.IndexOf("The file is", StringComparison.Ordinal)), @"\([^()]*\)", "");
        var names = Regex.Matches(outside, "`([^`]+)`").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(EvidenceFields.Stored.Select(f => f.JsonName!).ToArray(), names);
    }

    [Theory]
    [InlineData("action")]
    [InlineData("outcome")]
    public void The_README_lists_each_vocabulary_as_its_constants(string member)
    {
        string p = Paragraph(ReadmeEvidenceSection(), "**Record.**");
        var m = Regex.Match(p, "`" + member + @"` \(([^()]*)\)");
        Assert.True(m.Success, $"no '`{member}` (…)' list in the README's Record paragraph");
        var words = Regex.Matches(m.Groups[1].Value, "`([^`]+)`").Select(w => w.Groups[1].Value).OrderBy(w => w, StringComparer.Ordinal);
        var vocabulary = member == "action" ? EvidenceAction.All : EvidenceOutcome.All;
        Assert.Equal(vocabulary.OrderBy(w => w, StringComparer.Ordinal), words);
        Assert.Equal(member == "action" ? 14 : 6, vocabulary.Count);
    }

    [Fact]
    public void The_README_CSV_column_list_is_the_table_in_column_order()
    {
        string p = Paragraph(ReadmeEvidenceSection(), "**CSV export.**");
        var m = Regex.Match(p, @"Columns, in this order[^:]*: `([^`]+)`");
        Assert.True(m.Success, "no 'Columns, in this order …: `…`' list in the CSV export paragraph");
        var columns = m.Groups[1].Value.Split(',').Select(c => c.Trim()).ToArray();
        Assert.Equal(EvidenceFields.ColumnNames, columns);
        Assert.Equal(EvidenceFields.ColumnNames, EvidenceCsvExporter.Columns);
    }

    [Fact]
    public void Every_stored_record_property_has_exactly_one_row()
    {
        // LineNumber is a column but not stored; LedgerPath is neither, nor a read-only companion computed from a stored
        // member (TimestampIso, for Export-Csv). Anything else on the record must be in the table.
        var properties = typeof(EvidenceRecord).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).Where(n => n != nameof(EvidenceRecord.LedgerPath)).OrderBy(n => n).ToArray();
        var rows = EvidenceFields.All.Select(f => f.Column ?? "Version").OrderBy(n => n).ToArray();
        Assert.Equal(properties, rows);
        Assert.Equal(EvidenceFields.All.Count, EvidenceFields.All.Distinct().Count());
        Assert.Equal(EvidenceFields.Stored.Length, EvidenceFields.Stored.Select(f => f.JsonName).Distinct().Count());
        Assert.Equal("v", EvidenceFields.Stored[0].JsonName);
        Assert.Equal("hash", EvidenceFields.Stored[^1].JsonName);
    }

    [Fact]
    public void The_serialised_line_has_the_members_in_table_order()
    {
        using var t = new TempLedger();
        var d = TempLedger.Draft(1);
        d.CorrelationId = "run-1";
        // Every caller member set, including those appended later, so each one's position in the line is checked.
        foreach (var f in EvidenceFields.Cleaned.Where(f => f.Source == EvidenceFieldSource.Caller && f.Get(d) == null)) f.Set!(d, "value of " + f.JsonName);
        t.Ledger.Append(d);
        string line = File.ReadAllLines(t.Path)[0];
        var names = Regex.Matches(line, "\"([A-Za-z][A-Za-z0-9]*)\":").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(EvidenceFields.Stored.Select(f => f.JsonName!).ToArray(), names);
        var back = EvidenceReader.Read(t.Path).Single().Record!;
        foreach (var f in EvidenceFields.Cleaned.Where(f => f.Source == EvidenceFieldSource.Caller)) Assert.Equal(f.Get(d), f.Get(back));
        Assert.Equal("run-1", back.CorrelationId);
    }

    [Fact]
    public void The_parser_rejects_a_line_without_any_one_required_member_and_names_it()
    {
        using var t = new TempLedger();
        t.Fill(1);
        string line = File.ReadAllLines(t.Path)[0];
        Assert.Equal(new[] { "v", "sequence", "prevHash", "hash", "id", "timestamp", "action", "outcome" },
            EvidenceFields.RequiredInCheckOrder.Select(f => f.JsonName));
        using var parser = new EvidenceLineParser();
        foreach (var f in EvidenceFields.RequiredInCheckOrder)
        {
            // Rename the member, so the line stays JSON but lacks it.
            string edited = line.Replace("\"" + f.JsonName + "\":", "\"x" + f.JsonName + "\":");
            byte[] bytes = System.Text.Encoding.UTF8.GetBytes(edited);
            var status = parser.Parse(bytes, 0, bytes.Length, terminated: true, tooLong: false, out _, new EvidenceRecord());
            Assert.Equal(LineStatus.Malformed, status);
            Assert.Contains("'" + f.JsonName + "'", parser.Message);
        }
    }

    public static TheoryData<string> CallerTextMembers()
    {
        var data = new TheoryData<string>();
        foreach (var f in EvidenceFields.Cleaned.Where(f => f.Source != EvidenceFieldSource.Context)) data.Add(f.JsonName!);
        return data;
    }

    [Theory]
    [MemberData(nameof(CallerTextMembers))]
    public void A_secret_in_any_caller_member_never_reaches_the_ledger(string member)
    {
        const string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        using var t = new TempLedger();
        var d = TempLedger.Draft(1);
        EvidenceFields.Stored.Single(f => f.JsonName == member).Set!(d, "key " + secret + " used");
        try
        {
            t.Ledger.Append(d);
            string text = File.ReadAllText(t.Path);
            Assert.DoesNotContain(secret, text);
            Assert.Contains("[REDACTED:AwsSecretAccessKey]", text);
        }
        catch (ArgumentException ex)
        {
            // Validated members (account, region, ARN) reject the value, and the message shows it redacted.
            Assert.DoesNotContain(secret, ex.Message);
            Assert.Contains("[REDACTED", ex.Message);
        }
    }
}
