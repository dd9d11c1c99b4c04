using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// Classifies and parses one ledger line. Members are looked up and text members assigned through
/// <see cref="EvidenceFields"/>; the required ones are checked here in <see cref="EvidenceFields.RequiredInCheckOrder"/>
/// order, each with its own message. Not thread-safe (owns a hash instance and a scratch array).
/// </summary>
internal sealed class EvidenceLineParser : IDisposable
{
    readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    /// <summary>String members of the current line, by <see cref="EvidenceField.Index"/>.</summary>
    readonly string?[] _text = new string?[EvidenceFields.Stored.Length];
    /// <summary>Shared with the export fast path, so both reject the same depth and comments.</summary>
    internal static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 4 };

    public string Message { get; private set; } = "";
    /// <summary>The id of the last line that parsed as a record.</summary>
    public Guid Id { get; private set; }
    /// <summary>The action of the last line that parsed as a record.</summary>
    public string? Action { get; private set; }
    /// <summary>Details of the last record when it is a <see cref="EvidenceAction.TornLineAcknowledged"/> (read even without a record).</summary>
    public string? AcknowledgementDetails { get; private set; }

    /// <summary>
    /// Classifies the line. With <paramref name="record"/> non-null the record's fields are filled too.
    /// </summary>
    public LineStatus Parse(byte[] buf, int off, int len, bool terminated, bool tooLong, out ChainFields chain, EvidenceRecord? record)
    {
        chain = default;
        Message = "";
        Id = Guid.Empty;
        Action = null;
        AcknowledgementDetails = null;
        bool prefixed = StartsWithPrefix(buf, off, len);
        if (!terminated)
        {
            Message = "the last line has no line end: an incomplete write (a crash while appending); it is not a committed record";
            return LineStatus.Torn;
        }
        if (tooLong)
        {
            Message = $"the line is longer than {EvidenceLineReader.MaxLineLength} bytes";
            return LineStatus.NotJson;
        }
        if (len == 0)
        {
            Message = "empty line";
            return LineStatus.NotJson;
        }
        if (buf[off] == 0)
        {
            Message = "the line starts with NUL bytes: space allocated by a write that never completed (a crash)";
            return LineStatus.Torn;
        }
        if (prefixed && IsNulPadded(buf, off, len, out int contentLength) && (contentLength <= EvidenceFormat.LinePrefix.Length || IsIncompleteJson(buf, off, contentLength)))
        {
            // Delayed allocation after a power loss: the file grew, the last bytes were never written and read as NULs.
            Message = "an incomplete record padded with NUL bytes: space allocated by a write that never completed (a crash after power loss); it is not a committed record";
            return LineStatus.Torn;
        }
        if (len >= 3 && buf[off] == 0xEF && buf[off + 1] == 0xBB && buf[off + 2] == 0xBF)
        {
            Message = "the line starts with a UTF-8 byte-order mark (EF BB BF): the file was re-saved by an editor; the ledger is UTF-8 without BOM, so remove those 3 bytes";
            return LineStatus.NotJson;
        }
        int bad = Utf8Validation.FindInvalidUtf8(buf, off, len, out bool truncatedAtEnd);
        if (bad >= 0)
        {
            if (prefixed && truncatedAtEnd)
            {
                Message = "an incomplete record cut inside a character: a write that did not complete (a crash), terminated by the next writer";
                return LineStatus.Torn;
            }
            Message = $"invalid UTF-8 at byte {bad - off + 1} of the line (0x{buf[bad]:X2})";
            return LineStatus.InvalidUtf8;
        }

        bool canonical = EvidenceFormat.CheckLineHash(buf, off, len, _sha, out string? suffixHash, out bool matches);

        long? sequence = null; int? version = null;
        var text = _text;
        Array.Clear(text, 0, text.Length);
        try
        {
            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(buf, off, len), isFinalBlock: true, new JsonReaderState(ReaderOptions));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                Message = "the line is not a JSON object";
                return LineStatus.NotJson;
            }
            int nextMember = 0;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject) break;
                // property name
                var name = reader.ValueSpan;
                bool nameEscaped = reader.ValueIsEscaped;
                string? propertyName = nameEscaped ? reader.GetString() : null;
                if (!reader.Read()) break;
                int index = propertyName != null ? EvidenceFields.IndexOf(Encoding.UTF8.GetBytes(propertyName)) : EvidenceFields.IndexOf(name, ref nextMember);
                var field = index >= 0 ? EvidenceFields.Stored[index] : null;
                if (reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray)
                {
                    reader.Skip();
                    if (field != null) { Message = $"member '{field.JsonName}' must be a string or number"; return MalformedAfterDrain(ref reader); }
                    continue;
                }
                if (field == null) continue; // unknown members are kept in the line (and its hash) but not read
                switch (field.Form)
                {
                    case EvidenceFieldForm.Version:
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int v)) { Message = "member 'v' must be a number"; return MalformedAfterDrain(ref reader); }
                        version = v; break;
                    case EvidenceFieldForm.Sequence:
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long s)) { Message = $"member '{field.JsonName}' must be an integer"; return MalformedAfterDrain(ref reader); }
                        sequence = s; break;
                    default:
                        if (reader.TokenType == JsonTokenType.Null) break;
                        if (reader.TokenType != JsonTokenType.String) { Message = $"member '{field.JsonName}' must be a string"; return MalformedAfterDrain(ref reader); }
                        // Optional members are only materialised when a record is wanted (the chain walk needs the required ones).
                        if (field.Required || record != null || (field == EvidenceFields.Details && IsAcknowledgement(text[EvidenceFields.Action.Index])))
                            text[index] = reader.GetString();
                        break;
                }
            }
            if (reader.CurrentDepth != 0 || reader.TokenType != JsonTokenType.EndObject)
                throw new JsonException("the JSON object is not closed");
            if (reader.Read())
            {
                Message = "there is more than one JSON value on the line";
                return LineStatus.NotJson;
            }
        }
        catch (JsonException ex)
        {
            if (prefixed && IsIncompleteJson(buf, off, len))
            {
                Message = "an incomplete record: a write that did not complete (a crash), terminated by the next writer; it is not a committed record";
                return LineStatus.Torn;
            }
            Message = "not valid JSON: " + ex.Message;
            return LineStatus.NotJson;
        }
        catch (InvalidOperationException ex)
        {
            Message = "not valid JSON: " + ex.Message;
            return LineStatus.NotJson;
        }

        string? prevHash = text[EvidenceFields.PrevHash.Index], jsonHash = text[EvidenceFields.Hash.Index], id = text[EvidenceFields.Id.Index];
        string? timestamp = text[EvidenceFields.Timestamp.Index], action = text[EvidenceFields.Action.Index], outcome = text[EvidenceFields.Outcome.Index];
        if (version == null) { Message = "member 'v' (format version) is missing"; return LineStatus.Malformed; }
        if (version != EvidenceFormat.FormatVersion) { Message = $"format version {version} is not supported (expected {EvidenceFormat.FormatVersion})"; return LineStatus.Malformed; }
        if (sequence == null || sequence < 1) { Message = "member 'sequence' is missing or not positive"; return LineStatus.Malformed; }
        if (!EvidenceFormat.IsLowerHex64(prevHash)) { Message = "member 'prevHash' is missing or not 64 lowercase hex digits"; return LineStatus.Malformed; }
        if (!EvidenceFormat.IsLowerHex64(jsonHash)) { Message = "member 'hash' is missing or not 64 lowercase hex digits"; return LineStatus.Malformed; }
        if (id == null || !Guid.TryParse(id, out Guid guid)) { Message = "member 'id' is missing or not a GUID"; return LineStatus.Malformed; }
        if (timestamp == null || !TryParseTimestamp(timestamp, out DateTime ts)) { Message = "member 'timestamp' is missing or not an ISO-8601 UTC time"; return LineStatus.Malformed; }
        if (string.IsNullOrEmpty(action)) { Message = "member 'action' is missing"; return LineStatus.Malformed; }
        if (string.IsNullOrEmpty(outcome)) { Message = "member 'outcome' is missing"; return LineStatus.Malformed; }

        Id = guid;
        Action = action;
        if (IsAcknowledgement(action)) AcknowledgementDetails = text[EvidenceFields.Details.Index];
        chain.Sequence = sequence.Value;
        chain.PrevHash = prevHash!;
        chain.Hash = jsonHash!;
        chain.HashMatches = canonical && matches && string.Equals(suffixHash, jsonHash, StringComparison.Ordinal);
        if (!canonical && buf[off + len - 1] == (byte)'\r')
            Message = "the line ends with CR: the file was saved with CRLF (Windows) line ends, so its bytes no longer match the hash; convert the line ends back to LF";
        else if (!canonical) Message = "the hash member is not in its canonical place at the end of the line (the line was re-serialised or edited)";
        else if (!chain.HashMatches) Message = "the line's content does not match its hash (edited)";

        if (record != null)
        {
            // The typed members were checked above; every text member is set through the table.
            record.Version = version.Value;
            record.Id = guid;
            record.Sequence = sequence.Value;
            record.Timestamp = ts;
            foreach (var f in EvidenceFields.Stored)
                if (f.Set != null && text[f.Index] != null) f.Set(record, text[f.Index]);
        }
        return LineStatus.Record;
    }

    static bool IsAcknowledgement(string? action) => string.Equals(action, EvidenceAction.TornLineAcknowledged, StringComparison.Ordinal);

    /// <summary>The line ends in NUL bytes (and has no other NUL before them); <paramref name="contentLength"/> is what comes before.</summary>
    static bool IsNulPadded(byte[] buf, int off, int len, out int contentLength)
    {
        contentLength = len;
        if (len == 0 || buf[off + len - 1] != 0) return false;
        int firstNul = new ReadOnlySpan<byte>(buf, off, len).IndexOf((byte)0);
        for (int i = off + firstNul; i < off + len; i++)
            if (buf[i] != 0) return false;
        contentLength = firstNul;
        return true;
    }

    static readonly byte[] SequenceMember = Encoding.ASCII.GetBytes(",\"sequence\":");

    /// <summary>
    /// The sequence number an incomplete record line had started to write, if its bytes got that far (writers never
    /// reuse it, so the verifier can tell a later reuse); null when it cannot be read.
    /// </summary>
    internal static long? TornSequence(byte[] buf, int off, int len)
    {
        if (!StartsWithPrefix(buf, off, len)) return null;
        var line = new ReadOnlySpan<byte>(buf, off, Math.Min(len, 256));
        int at = line.IndexOf(SequenceMember);
        if (at < 0) return null;
        long value = 0;
        int i = at + SequenceMember.Length, digits = 0;
        for (; i < line.Length && line[i] >= (byte)'0' && line[i] <= (byte)'9' && digits < 18; i++, digits++) value = value * 10 + (line[i] - '0');
        // Only a number known to be complete (followed by the next member) counts.
        return digits > 0 && i < line.Length && line[i] == (byte)',' ? value : (long?)null;
    }

    LineStatus MalformedAfterDrain(ref Utf8JsonReader reader)
    {
        // Still report NotJson if the rest of the line is not JSON at all.
        try
        {
            while (reader.Read()) { }
        }
        catch (JsonException ex)
        {
            Message = "not valid JSON: " + ex.Message;
            return LineStatus.NotJson;
        }
        return LineStatus.Malformed;
    }

    /// <summary>True when the bytes are the start of some JSON text that simply stops (a cut-off write).</summary>
    static bool IsIncompleteJson(byte[] buf, int off, int len)
    {
        try
        {
            var r = new Utf8JsonReader(new ReadOnlySpan<byte>(buf, off, len), isFinalBlock: false, new JsonReaderState(ReaderOptions));
            while (r.Read())
            {
                if (r.CurrentDepth == 0 && r.TokenType == JsonTokenType.EndObject) return false; // complete, so not cut off
            }
            return true; // ran out of data without an error
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static bool TryParseTimestamp(string s, out DateTime utc) =>
        DateTime.TryParseExact(s, new[] { EvidenceFormat.TimestampFormat, "o", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'" },
            CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc);

    static bool StartsWithPrefix(byte[] buf, int off, int len)
    {
        var p = EvidenceFormat.LinePrefix;
        if (len < p.Length) return len > 0 && new ReadOnlySpan<byte>(buf, off, len).SequenceEqual(new ReadOnlySpan<byte>(p, 0, len));
        return new ReadOnlySpan<byte>(buf, off, p.Length).SequenceEqual(p);
    }

    public void Dispose() => _sha.Dispose();
}
