using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The on-disk format of a ledger line and its hash.
/// <para>
/// A line is one JSON object, UTF-8, no BOM, ending with LF. Members appear in the order of
/// <see cref="EvidenceFields"/>, null optional ones omitted. <c>hash</c> is always last and the line ends with <c>,"hash":"&lt;64 hex&gt;"}</c>.
/// </para>
/// <para>
/// Hash rule: <c>hash</c> = lowercase hex SHA-256 of the line's exact UTF-8 bytes with that 75-byte suffix
/// <c>,"hash":"&lt;64 hex&gt;"}</c> replaced by the single byte <c>}</c> — i.e. the JSON object as written,
/// minus its hash member. No re-serialisation is involved, so any byte change is detected.
/// Chain rule: <c>prevHash</c> = <c>hash</c> of the previous committed record (64 zeros for the first);
/// <c>sequence</c> = previous sequence + 1. A committed record is a line that ends with LF and verifies;
/// torn lines (crash artefacts) are not records and are skipped by the chain.
/// </para>
/// </summary>
internal static class EvidenceFormat
{
    public const int FormatVersion = 1;
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
    /// <summary>Every line starts with these bytes; a later line that starts so but is incomplete is a torn write.</summary>
    internal static readonly byte[] LinePrefix = Encoding.ASCII.GetBytes("{\"v\":");

    /// <summary>
    /// Links <paramref name="records"/> after (<paramref name="lastSequence"/>, <paramref name="prevHash"/>): sequence,
    /// prevHash and one millisecond-truncated UTC timestamp each, serialised to <paramref name="output"/>. The one chaining
    /// rule of every store (local ledger, S3). Returns the last hash.
    /// </summary>
    public static string Chain(IReadOnlyList<EvidenceRecord> records, long lastSequence, string prevHash, Stream output, MemoryStream scratch, IncrementalHash sha)
    {
        DateTime now = DateTime.UtcNow;
        var timestamp = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        foreach (var r in records)
        {
            r.Sequence = ++lastSequence;
            r.PrevHash = prevHash;
            r.Timestamp = timestamp;
            byte[] line = SerializeLine(r, scratch, sha);
            output.Write(line, 0, line.Length);
            prevHash = r.Hash!;
        }
        return prevHash;
    }
    internal static readonly byte[] HashMemberPrefix = Encoding.ASCII.GetBytes(",\"hash\":\"");
    /// <summary>Length of <c>,"hash":"&lt;64 hex&gt;"}</c>.</summary>
    public const int HashSuffixLength = 9 + 64 + 2;
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
    /// <summary>Longest value kept in one field; longer ones are cut with a marker.</summary>
    public const int MaxFieldLength = 8192;

    internal static readonly JsonWriterOptions WriterOptions = new JsonWriterOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    public static string FormatTimestamp(DateTime utc) =>
        utc.ToUniversalTime().ToString(TimestampFormat, CultureInfo.InvariantCulture);

    [ThreadStatic] static Utf8JsonWriter? t_writer;

    /// <summary>Serialises a complete record (its Hash is computed here) and returns the line bytes including LF.</summary>
    internal static byte[] SerializeLine(EvidenceRecord r, MemoryStream scratch, IncrementalHash sha)
    {
        scratch.SetLength(0);
        // One writer per thread, reset for each line: a new one per record grew its own buffer from empty every time.
        var w = t_writer ??= new Utf8JsonWriter(scratch, WriterOptions);
        w.Reset(scratch);
        w.WriteStartObject();
        foreach (var f in EvidenceFields.Stored)
        {
            if (f == EvidenceFields.Hash) break; // the hash is the line's suffix, added below
            if (f.IsNumber) { w.WriteNumber(f.JsonText, f.GetNumber!(r)); continue; }
            string? value = f.Get(r);
            if (value != null || f.Required) w.WriteString(f.JsonText, value); // optional members: null ones omitted
        }
        w.WriteEndObject();
        w.Flush();
        byte[] body = scratch.GetBuffer();
        int bodyLength = (int)scratch.Length; // ends with '}'
        sha.AppendData(body, 0, bodyLength);
        byte[] digest = sha.GetHashAndReset();
        string hex = ToHex(digest);
        r.Hash = hex;

        var line = new byte[bodyLength - 1 + HashSuffixLength + 1];
        Buffer.BlockCopy(body, 0, line, 0, bodyLength - 1);
        int p = bodyLength - 1;
        Buffer.BlockCopy(HashMemberPrefix, 0, line, p, HashMemberPrefix.Length);
        p += HashMemberPrefix.Length;
        for (int i = 0; i < 64; i++) line[p++] = (byte)hex[i];
        line[p++] = (byte)'"';
        line[p++] = (byte)'}';
        line[p] = (byte)'\n';
        return line;
    }

    /// <summary>
    /// Checks the hash suffix of a line (without its LF) and whether the content matches it.
    /// Returns false with <paramref name="storedHash"/> null when the suffix is not in the canonical form.
    /// </summary>
    internal static bool CheckLineHash(byte[] buffer, int offset, int length, IncrementalHash sha, out string? storedHash, out bool matches)
    {
        storedHash = null;
        matches = false;
        if (length < HashSuffixLength + 2) return false;
        int s = offset + length - HashSuffixLength;
        for (int i = 0; i < HashMemberPrefix.Length; i++)
            if (buffer[s + i] != HashMemberPrefix[i]) return false;
        int h = s + HashMemberPrefix.Length;
        if (buffer[h + 64] != (byte)'"' || buffer[h + 65] != (byte)'}') return false;
        for (int i = 0; i < 64; i++)
        {
            byte b = buffer[h + i];
            if (!((b >= (byte)'0' && b <= (byte)'9') || (b >= (byte)'a' && b <= (byte)'f'))) return false;
        }
        storedHash = Encoding.ASCII.GetString(buffer, h, 64);
        sha.AppendData(buffer, offset, s - offset);
        sha.AppendData(ClosingBrace, 0, 1);
        byte[] digest = sha.GetHashAndReset();
        matches = true;
        for (int i = 0; i < 32; i++)
        {
            if (HexValue(buffer[h + 2 * i]) << 4 != (digest[i] & 0xF0) || HexValue(buffer[h + 2 * i + 1]) != (digest[i] & 0x0F))
            {
                matches = false;
                break;
            }
        }
        return true;
    }

    static readonly byte[] ClosingBrace = { (byte)'}' };

    static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : b - 'a' + 10;

    public static string ToHex(byte[] bytes)
    {
        var c = new char[bytes.Length * 2];
        const string digits = "0123456789abcdef";
        for (int i = 0; i < bytes.Length; i++)
        {
            c[2 * i] = digits[bytes[i] >> 4];
            c[2 * i + 1] = digits[bytes[i] & 0xF];
        }
        return new string(c);
    }

    internal static bool IsLowerHex64(string? s)
    {
        if (s == null || s.Length != 64) return false;
        foreach (char ch in s)
            if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'))) return false;
        return true;
    }
}

