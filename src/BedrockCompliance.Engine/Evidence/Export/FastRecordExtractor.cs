using System.Runtime.CompilerServices;
using System.Text.Json;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The export's fast path: accepts only a valid UTF-8 line of exactly the shape the ledger writes (one JSON object,
/// no whitespace, only known members, each once and in table order, v = 1, every required member present in its
/// canonical form, no escaped names) and records where each value is, without building strings. Anything else is declined and goes to
/// <see cref="EvidenceLineParser"/>, which classifies it. The contract (tested differentially): an accepted line
/// yields exactly the CSV row the parser's record yields.
/// <para>
/// It scans the bytes itself rather than through <c>Utf8JsonReader</c>: the general reader (token states, depth,
/// whitespace, comments) was a fifth of the export's CPU, and as library code it also ran its first hundred thousand
/// lines in the slower tiers. Only escaped string values go through the reader, which unescapes them exactly as the
/// parser does.
/// </para>
/// </summary>
internal static class FastRecordExtractor
{
    [MethodImpl(HotPath.Optimize)]
    public static bool TryExtract(byte[] buf, int off, int len, ExtractedFields f)
    {
        if (len < 2 || buf[off] != (byte)'{' || buf[off + len - 1] != (byte)'}') return false;
        if (Utf8Validation.FindInvalidUtf8(buf, off, len, out _) >= 0) return false;
        f.Reset();
        int end = off + len - 1; // the closing brace
        int i = off + 1, nextMember = 0;
        bool versionOk = false;
        while (i < end)
        {
            int m = NextMember(buf, ref i, end, ref nextMember);
            if (m < 0) return false;
            var form = Forms[m];
            if (form == EvidenceFieldForm.Version || form == EvidenceFieldForm.Sequence)
            {
                int digits = Integer(buf, i, end, out long value);
                if (digits == 0) return false;
                if (form == EvidenceFieldForm.Version) versionOk = value == EvidenceFormat.FormatVersion;
                else if (value < 1) return false;
                f.Start[m] = i;
                f.Length[m] = digits;
                i += digits;
            }
            else
            {
                if (buf[i] != (byte)'"') return false;
                int close = PlainStringEnd(buf, i + 1, end);
                if (close >= 0)
                {
                    f.Start[m] = i + 1;
                    f.Length[m] = close - i - 1;
                }
                else
                {
                    close = EscapedStringEnd(buf, i + 1, end);
                    if (close < 0 || (f.Strings[m] = Unescape(buf, i, close + 1 - i)) == null) return false;
                }
                i = close + 1;
            }
            if (buf[i] == (byte)',' && i + 1 < end) i++;
            else if (i != end) return false;
        }
        if (!versionOk) return false;
        // Required members in their canonical form; the full parser decides about anything unusual.
        foreach (var field in EvidenceFields.RequiredInCheckOrder)
            if (!IsCanonical(buf, f, field)) return false;
        return true;
    }

    /// <summary>Each stored member's form, by <see cref="EvidenceField.Index"/> (read per member of every line).</summary>
    static readonly EvidenceFieldForm[] Forms = Array.ConvertAll(EvidenceFields.Stored, f => f.Form);

    /// <summary>Each stored member's <c>"name":</c>, by <see cref="EvidenceField.Index"/>.</summary>
    static readonly byte[][] MemberPrefixes = Array.ConvertAll(EvidenceFields.Stored, f => Encoding.ASCII.GetBytes("\"" + f.JsonName + "\":"));

    /// <summary>
    /// The member whose <c>"name":</c> is at <paramref name="i"/> (then moved past it), looked for after the previous
    /// one (<paramref name="next"/>): the writer keeps table order, so an unknown, repeated or out-of-order name is -1.
    /// </summary>
    [MethodImpl(HotPath.Optimize)]
    static int NextMember(byte[] b, ref int i, int end, ref int next)
    {
        var prefixes = MemberPrefixes;
        for (int k = next; k < prefixes.Length; k++)
        {
            byte[] p = prefixes[k];
            if (i + p.Length <= end && b[i + 1] == p[1] && PrefixAt(b, i, p))
            {
                i += p.Length;
                next = k + 1;
                return k;
            }
        }
        return -1;
    }

    /// <summary>Whether <paramref name="b"/> holds <paramref name="p"/> at <paramref name="i"/> (in range): eight bytes at a time, inlined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static bool PrefixAt(byte[] b, int i, byte[] p)
    {
        int n = p.Length;
        if (n < 8)
        {
            for (int j = 0; j < n; j++)
                if (b[i + j] != p[j]) return false;
            return true;
        }
        // Whole words, the last one overlapping the one before.
        for (int k = 0; k < n - 8; k += 8)
            if (Unsafe.ReadUnaligned<ulong>(ref b[i + k]) != Unsafe.ReadUnaligned<ulong>(ref p[k])) return false;
        return Unsafe.ReadUnaligned<ulong>(ref b[i + n - 8]) == Unsafe.ReadUnaligned<ulong>(ref p[n - 8]);
    }

    /// <summary>
    /// The closing quote of a JSON string starting at <paramref name="i"/> that has no escapes and no control characters
    /// (which JSON forbids raw), or -1. Eight bytes at a time: a word without a quote, backslash or byte below 0x20 is skipped.
    /// </summary>
    [MethodImpl(HotPath.Optimize)]
    static int PlainStringEnd(byte[] b, int i, int end)
    {
        const ulong Ones = 0x0101010101010101UL, Highs = 0x8080808080808080UL;
        while (i + 8 <= end)
        {
            ulong w = Unsafe.ReadUnaligned<ulong>(ref b[i]), q = w ^ (Ones * '"'), e = w ^ (Ones * '\\');
            // SWAR "has a byte equal to zero / less than n": exact about whether the word holds any such byte.
            ulong hit = ((q - Ones) & ~q) | ((e - Ones) & ~e) | ((w - Ones * 0x20) & ~w);
            if ((hit & Highs) != 0) break;
            i += 8;
        }
        for (; i < end; i++)
        {
            byte c = b[i];
            if (c == (byte)'"') return i;
            if (c == (byte)'\\' || c < 0x20) return -1;
        }
        return -1;
    }

    /// <summary>The closing quote of a JSON string with escapes (the reader checks them when it unescapes), or -1.</summary>
    static int EscapedStringEnd(byte[] b, int i, int end)
    {
        for (; i < end; i++)
        {
            byte c = b[i];
            if (c == (byte)'"') return i;
            if (c == (byte)'\\') i++;
            else if (c < 0x20) return -1;
        }
        return -1;
    }

    /// <summary>The value of a quoted JSON string with escapes, read as the parser reads it; null when it is not valid.</summary>
    static string? Unescape(byte[] b, int quote, int count)
    {
        try
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(b, quote, count), isFinalBlock: true, new JsonReaderState(EvidenceLineParser.ReaderOptions));
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) return null;
            string? value = reader.GetString(); // before the next Read, which clears the token
            return reader.Read() ? null : value;
        }
        catch (JsonException) { return null; }
        catch (InvalidOperationException) { return null; }
    }

    /// <summary>
    /// A JSON integer without sign, fraction or exponent (no leading zero, at most 19 digits, within long) followed by
    /// ',' or the closing brace: its digit count, else 0.
    /// </summary>
    [MethodImpl(HotPath.Optimize)]
    static int Integer(byte[] b, int i, int end, out long value)
    {
        value = 0;
        int n = 0;
        while (i + n < end && b[i + n] >= '0' && b[i + n] <= '9')
        {
            if (n == 19) return 0;
            int d = b[i + n] - '0';
            if (value > (long.MaxValue - d) / 10) return 0;
            value = value * 10 + d;
            n++;
        }
        if (n == 0 || (n > 1 && b[i] == '0')) return 0;
        return i + n == end || b[i + n] == (byte)',' ? n : 0;
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
