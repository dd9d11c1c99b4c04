using System.Reflection;
using System.Text;
using BedrockCompliance.Engine.Evidence;
using CsvHelper;
using Xunit.Sdk;

namespace BedrockCompliance.Tests.Evidence;

/// <summary>
/// The export has two parsers: the fast extractor and <see cref="EvidenceLineParser"/>. For every line of the
/// tamper and torn corpora and of generated ledgers, the fast path must either decline the line or give exactly
/// the CSV row (and the query fields) that the parser's record gives.
/// </summary>
public class EvidenceExportDifferentialTests
{
    sealed class Tally
    {
        public int Accepted, Declined, Lines;
    }

    /// <summary>Runs every tamper and torn test with ledger capture on: each ledger state it verified, and its last.</summary>
    static List<(string Name, byte[] Ledger)> TestCorpora()
    {
        var corpus = new List<(string, byte[])>();
        foreach (var type in new[] { typeof(EvidenceTamperTests), typeof(EvidenceTornTests) })
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                if (method.GetCustomAttribute<FactAttribute>() == null) continue; // Theory derives from Fact
                var cases = method.GetCustomAttributes<InlineDataAttribute>().SelectMany(d => d.GetData(method)).ToList();
                if (cases.Count == 0) cases.Add(Array.Empty<object>());
                foreach (var args in cases)
                {
                    var captured = new List<byte[]>();
                    TempLedger.Capture.Value = captured;
                    try { method.Invoke(Activator.CreateInstance(type), args); }
                    finally { TempLedger.Capture.Value = null; }
                    string name = $"{type.Name}.{method.Name}({string.Join(", ", args.Select(a => a is byte[] b ? Convert.ToHexString(b) : a?.ToString()))})";
                    foreach (var ledger in captured) corpus.Add((name, ledger));
                }
            }
        }
        return corpus;
    }

    [Fact]
    public void The_fast_path_declines_or_matches_the_parser_on_every_line_of_the_tamper_and_torn_corpora()
    {
        var corpus = TestCorpora();
        Assert.True(corpus.Count >= 40, $"only {corpus.Count} ledgers captured from the tamper and torn tests");
        var tally = new Tally();
        foreach (var (name, ledger) in corpus) CompareLines(name, ledger, tally);
        Assert.True(tally.Accepted > 100, $"the fast path took only {tally.Accepted} of {tally.Lines} lines");
        Assert.True(tally.Declined > 10, $"the fast path declined only {tally.Declined} of {tally.Lines} lines");
    }

    [Fact]
    public void The_fast_path_declines_or_matches_the_parser_on_generated_records_with_every_member_unicode_escapes_and_secrets()
    {
        using var t = new TempLedger();
        string[] texts =
        {
            "plain", "José Müller – 日本語 – 🙂", "quote \" backslash \\ slash /", "tab\tnewline\ncr\rnul\u0001end", "=SUM(1,2)",
            "+1", "-1", "@cmd", "\tlead tab", "\rlead cr", "'already quoted", "comma, and \"quotes\"", "<script>&amp;</script>",
            "\u2028line separator\u2029", "\uFEFFbom inside", "surrogate pair 𝄞", "lone \uD800 surrogate",
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAIOSFODNN7EXAMPLE",
            "Authorization: Bearer abcdefghijklmnop.qrstuv", new string('x', 9000),
        };
        var drafts = new List<EvidenceRecord>();
        for (int i = 0; i < texts.Length; i++)
        {
            var d = TempLedger.Draft(i);
            // Every caller-set text member, in turn, gets each awkward value.
            foreach (var f in EvidenceFields.Cleaned.Where(f => f.Source != EvidenceFieldSource.Context && f != EvidenceFields.AccountId && f != EvidenceFields.Region && f != EvidenceFields.PrincipalArn))
                f.Set!(d, texts[(i + f.Index) % texts.Length]);
            d.CorrelationId = texts[i];
            drafts.Add(d);
        }
        t.Ledger.AppendRange(drafts);
        var everyMember = TempLedger.Draft(99);
        everyMember.PrincipalArn = "arn:aws:iam::111111111111:role/=Admin";
        everyMember.CorrelationId = "-run-";
        t.Ledger.Append(everyMember);
        byte[] ledger = File.ReadAllBytes(t.Path);
        string text = Encoding.UTF8.GetString(ledger);
        Assert.DoesNotContain("wJalrXUtnFEMI", text);

        // Hand-made variants of a real line: each is either declined or must agree.
        string line = text.Split('\n')[0];
        var variants = new List<string>(Variants(line)) { line };
        var all = Encoding.UTF8.GetBytes(text + string.Concat(variants.Select(v => v + "\n")));

        var tally = new Tally();
        CompareLines("generated", all, tally);
        Assert.True(tally.Accepted >= texts.Length + 2, $"the fast path took only {tally.Accepted} of {tally.Lines} lines");
        Assert.True(tally.Declined >= 20, $"the fast path declined only {tally.Declined} of {tally.Lines} lines");
    }

    /// <summary>Edits of a canonical line, aimed at the differences between the two parsers.</summary>
    static IEnumerable<string> Variants(string line)
    {
        string id = Member(line, "id"), ts = Member(line, "timestamp");
        yield return line.Replace(id, id.ToUpperInvariant());                                   // uppercase GUID
        yield return line.Replace(id, "{" + id + "}");                                          // braced GUID
        yield return line.Replace(id, "  " + id.Replace("-", "") + "  ");                       // 36 chars, N form padded
        yield return line.Replace(id, "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz");                  // GUID shape, not hex
        yield return line.Replace(ts, ts.Substring(0, 19) + "Z");                               // no milliseconds
        yield return line.Replace(ts, ts.Substring(0, 23) + "0000Z");                           // 7 fraction digits
        yield return line.Replace(ts, "2026-02-30T10:00:00.000Z");                              // no such day
        yield return line.Replace(ts, "2026-13-01T10:00:00.000Z");                              // no such month
        yield return line.Replace(ts, "2026-01-01T24:00:00.000Z");                              // no such hour
        yield return line.Replace(ts, "2026-01-01T10:00:60.000Z");                              // leap second
        yield return line.Replace(ts, "0000-01-01T10:00:00.000Z");                              // year 0
        yield return line.Replace(ts, "2024-02-29T23:59:59.999Z");                              // leap day: valid
        yield return line.Replace(ts, "2026-01-01T10:00:00.000+01:00");                         // offset
        yield return line.Replace("\"v\":1,", "\"v\":2,");
        yield return line.Replace("\"v\":1,", "\"v\":1.0,");
        yield return line.Replace("\"v\":1,", "\"v\":\"1\",");
        yield return line.Replace("\"sequence\":", "\"sequence\":0,\"x\":");
        yield return Sub(line, "\"sequence\":(\\d+)", "\"sequence\":\"$1\"");
        yield return Sub(line, "\"sequence\":(\\d+)", "\"sequence\":$1.0");
        yield return Sub(line, "\"sequence\":(\\d+)", "\"sequence\":$1e0");
        yield return line.Replace("\"action\":\"", "\"action\":\"\\u0041");                     // escaped required value
        yield return line.Replace("\"action\":\"", "\"\\u0061ction\":\"");                      // escaped member name
        yield return line.Replace("\"modelId\":\"", "\"modelId\":\"\\u003dx");                  // escaped optional value, formula start
        yield return line.Replace("\"modelId\":", "\"modelId\":\"first\",\"modelId\":");        // duplicate member (last counts)
        yield return line.Replace("\"modelId\":", "\"modelId\":\"fir\\\"st\",\"modelId\":");    // escaped, then plain duplicate
        yield return line.Replace("\"modelId\":\"", "\"modelId\":\"x\",\"modelId\":\"\\u00e9");  // plain, then escaped duplicate
        yield return line.Replace("\"modelId\":", "\"modelId\":null,\"y\":");                  // null optional member
        yield return line.Replace("\"modelId\":\"", "\"modelId\":null,\"modelId\":\"");        // null then value
        yield return line.Replace("\"modelId\":", "\"modelId\":42,\"y\":");                    // number for text
        yield return line.Replace("\"modelId\":", "\"modelId\":true,\"y\":");                  // bool for text
        yield return line.Replace("\"modelId\":", "\"modelId\":{\"a\":1},\"y\":");             // object for text
        yield return line.Replace("\"modelId\":", "\"extra\":{\"a\":[1,{\"b\":2}]},\"modelId\":"); // unknown, nested (depth 4)
        yield return line.Replace("\"modelId\":", "\"extra\":{\"a\":[1,{\"b\":[[2]]}]},\"modelId\":"); // unknown, too deep
        yield return line.Replace("\"modelId\":", "\"extra\":null,\"more\":false,\"n\":1.5,\"modelId\":"); // unknown scalars
        yield return line.Replace("\"details\":\"", "\"details\":\"\"");                        // empty optional
        yield return Sub(line, "\"outcome\":\"[^\"]*\"", "\"outcome\":\"\"");                  // empty required
        yield return Sub(line, "\"prevHash\":\"([0-9a-f]{64})\"", m => "\"prevHash\":\"" + m.Groups[1].Value.ToUpperInvariant() + "\"");
        yield return Sub(line, ",\"prevHash\":\"[0-9a-f]{64}\"", "");                          // missing required
        yield return " " + line;                                                                 // leading space
        yield return line + " ";                                                                 // trailing space
        yield return line + "{}";                                                                // two values
        yield return line.Substring(0, line.Length - 1);                                          // not closed
        yield return "\uFEFF" + line;                                                            // BOM
        yield return line.Replace("{\"v\":1,", "{\"v\":1,/*c*/");                                // comment
    }

    static string Member(string line, string name)
    {
        var m = System.Text.RegularExpressions.Regex.Match(line, "\"" + name + "\":\"([^\"]*)\"");
        Assert.True(m.Success, name);
        return m.Groups[1].Value;
    }

    static string Sub(string s, string pattern, string replacement) => System.Text.RegularExpressions.Regex.Replace(s, pattern, replacement);

    static string Sub(string s, string pattern, System.Text.RegularExpressions.MatchEvaluator e) => System.Text.RegularExpressions.Regex.Replace(s, pattern, e);

    static void CompareLines(string name, byte[] ledger, Tally tally)
    {
        var fields = new ExtractedFields();
        using var parser = new EvidenceLineParser();
        using var lines = new EvidenceLineReader(new MemoryStream(ledger));
        while (lines.Next())
        {
            tally.Lines++;
            // The exporter gives the fast path only complete lines; the others always go to the parser.
            if (!lines.Terminated || lines.TooLong) { tally.Declined++; continue; }
            byte[] buf = lines.Buffer;
            int off = lines.Offset, len = lines.Length;
            string where = $"{name}, line {lines.LineNumber}: {Encoding.UTF8.GetString(buf, off, Math.Min(len, 400))}";
            if (!FastRecordExtractor.TryExtract(buf, off, len, fields)) { tally.Declined++; continue; }
            tally.Accepted++;

            var record = new EvidenceRecord { LineNumber = lines.LineNumber };
            var status = parser.Parse(buf, off, len, terminated: true, tooLong: false, out _, record);
            Assert.True(status == LineStatus.Record, $"the fast path accepted a line the parser calls {status} ({parser.Message}) — {where}");

            string fast = Csv(csv => EvidenceCsvRowWriter.WriteSpans(csv, buf, fields.Start, fields.Length, 0, fields.Strings, lines.LineNumber, new byte[32]));
            string slow = Csv(csv => EvidenceCsvRowWriter.WriteStrings(csv, EvidenceCsvRowWriter.ToRow(record)));
            Assert.True(fast == slow, $"rows differ — {where}\nfast: {fast}\nslow: {slow}");

            var filter = fields.ToFilterRecord(buf);
            Assert.True(filter.Action == record.Action && filter.AccountId == record.AccountId && filter.ModelId == record.ModelId
                && filter.CorrelationId == record.CorrelationId && filter.Timestamp == record.Timestamp, $"query fields differ — {where}");
        }
    }

    static string Csv(Action<CsvWriter> write)
    {
        var ms = new MemoryStream();
        using (var csv = CsvWriter.Create(ms, EvidenceCsvRowWriter.WriterOptions(false), leaveOpen: true))
        {
            write(csv);
            csv.Flush();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
