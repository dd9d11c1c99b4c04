using System.Runtime.CompilerServices;
using System.Text.Json;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The export's fast path: accepts only a valid UTF-8 JSON object of the canonical shape (v = 1, every required
/// member present in its canonical form, no escaped names) and records where each value is, without building
/// strings. Anything else is declined and goes to <see cref="EvidenceLineParser"/>, which classifies it. The
/// contract (tested differentially): an accepted line yields exactly the CSV row the parser's record yields.
/// </summary>
internal static class FastRecordExtractor
{
    [MethodImpl(HotPath.Optimize)]
    public static bool TryExtract(byte[] buf, int off, int len, ExtractedFields f)
    {
        if (len < 2 || buf[off] != (byte)'{') return false;
        if (Utf8Validation.FindInvalidUtf8(buf, off, len, out _) >= 0) return false;
        f.Reset();
        bool versionOk = false;
        try
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(buf, off, len), isFinalBlock: true, new JsonReaderState(EvidenceLineParser.ReaderOptions));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            int nextMember = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject) break;
                if (reader.ValueIsEscaped) return false;
                int m = EvidenceFields.IndexOf(reader.ValueSpan, ref nextMember);
                if (!reader.Read()) return false;
                var form = m >= 0 ? EvidenceFields.Stored[m].Form : EvidenceFieldForm.LineNumber;
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        if (m < 0) break;
                        if (form == EvidenceFieldForm.Version || form == EvidenceFieldForm.Sequence) return false;
                        if (reader.ValueIsEscaped) f.Strings[m] = reader.GetString();
                        else
                        {
                            f.Strings[m] = null; // a repeated member: the last one counts, as in the parser
                            f.Start[m] = off + (int)reader.TokenStartIndex + 1;
                            f.Length[m] = reader.ValueSpan.Length;
                        }
                        break;
                    case JsonTokenType.Number:
                        if (m < 0) break;
                        if (form == EvidenceFieldForm.Version) versionOk = reader.TryGetInt32(out int v) && v == EvidenceFormat.FormatVersion;
                        else if (form == EvidenceFieldForm.Sequence)
                        {
                            if (!reader.TryGetInt64(out long s) || s < 1) return false;
                            f.Start[m] = off + (int)reader.TokenStartIndex;
                            f.Length[m] = reader.ValueSpan.Length;
                        }
                        else return false;
                        break;
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (m >= 0) return false;
                        reader.Skip();
                        break;
                    default: // null, true, false
                        if (m >= 0) return false;
                        break;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0 || reader.Read()) return false;
        }
        catch (JsonException) { return false; }
        if (!versionOk) return false;
        // Required members in their canonical form; the full parser decides about anything unusual.
        foreach (var field in EvidenceFields.RequiredInCheckOrder)
            if (!IsCanonical(buf, f, field)) return false;
        return true;
    }

    [MethodImpl(HotPath.Optimize)]
    static bool IsCanonical(byte[] buf, ExtractedFields f, EvidenceField field)
    {
        int i = field.Index;
        if (f.Strings[i] != null) return false;
        int len = f.Length[i], s = f.Start[i];
        switch (field.Form)
        {
            case EvidenceFieldForm.Version: return true; // checked while reading
            case EvidenceFieldForm.Sequence: return len >= 1 && len <= 19;
            case EvidenceFieldForm.Hash: return len == 64 && LowerHex(buf, s, 64);
            case EvidenceFieldForm.Guid: return len == 36 && GuidShape(buf, s);
            case EvidenceFieldForm.Timestamp: return len == 24 && TimestampShape(buf, s);
            case EvidenceFieldForm.Vocabulary:
            case EvidenceFieldForm.Text: return len >= 1;
            default: return false;
        }
    }

    // 1 for '0'-'9' and 'a'-'f'. A table lookup without branches: hash digits are random, so a branch per byte
    // mispredicted often enough to cost a tenth of the whole export.
    static readonly byte[] LowerHexDigit = CreateLowerHexDigit();

    static byte[] CreateLowerHexDigit()
    {
        var t = new byte[256];
        for (int c = '0'; c <= '9'; c++) t[c] = 1;
        for (int c = 'a'; c <= 'f'; c++) t[c] = 1;
        return t;
    }

    [MethodImpl(HotPath.Optimize)]
    static bool LowerHex(byte[] b, int s, int count)
    {
        var digits = new ReadOnlySpan<byte>(b, s, count);
        var table = LowerHexDigit;
        int ok = 1;
        for (int i = 0; i < digits.Length; i++) ok &= table[digits[i]];
        return ok != 0;
    }

    /// <summary>Lowercase "D" form, exactly what <c>Guid.ToString("D")</c> gives back (the parser's row re-formats the id).</summary>
    [MethodImpl(HotPath.Optimize)]
    static bool GuidShape(byte[] b, int s)
    {
        if (b[s + 8] != '-' || b[s + 13] != '-' || b[s + 18] != '-' || b[s + 23] != '-') return false;
        return LowerHex(b, s, 8) && LowerHex(b, s + 9, 4) && LowerHex(b, s + 14, 4) && LowerHex(b, s + 19, 4) && LowerHex(b, s + 24, 12);
    }

    /// <summary>
    /// yyyy-MM-ddTHH:mm:ss.fffZ with a real date and time: what the parser accepts and formats back to the same text.
    /// </summary>
    [MethodImpl(HotPath.Optimize)]
    static bool TimestampShape(byte[] b, int s)
    {
        for (int i = 0; i < 24; i++)
        {
            byte c = b[s + i];
            bool ok = i switch
            {
                4 or 7 => c == '-',
                10 => c == 'T',
                13 or 16 => c == ':',
                19 => c == '.',
                23 => c == 'Z',
                _ => c >= '0' && c <= '9',
            };
            if (!ok) return false;
        }
        int year = Digits(b, s, 4), month = Digits(b, s + 5, 2), day = Digits(b, s + 8, 2);
        return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && Digits(b, s + 11, 2) < 24 && Digits(b, s + 14, 2) < 60 && Digits(b, s + 17, 2) < 60;
    }

    [MethodImpl(HotPath.Optimize)]
    static int Digits(byte[] b, int s, int count)
    {
        int v = 0;
        for (int i = 0; i < count; i++) v = v * 10 + (b[s + i] - '0');
        return v;
    }
}
