using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace BedrockCompliance.Engine.Evidence
{
    internal enum LineStatus { Record, Torn, NotJson, InvalidUtf8, Malformed }

    /// <summary>The chain-relevant members of a record line.</summary>
    internal struct ChainFields
    {
        public long Sequence;
        public string PrevHash;
        /// <summary>The hash stored in the line.</summary>
        public string Hash;
        /// <summary>Whether the line's bytes hash to <see cref="Hash"/> (and the hash member is in canonical position).</summary>
        public bool HashMatches;
        public long LineNumber;
    }

    /// <summary>Classifies and parses one ledger line. Not thread-safe (owns a hash instance).</summary>
    internal sealed class EvidenceLineParser : IDisposable
    {
        readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 4 };

        public string Message { get; private set; } = "";

        /// <summary>
        /// Classifies the line. With <paramref name="record"/> non-null the record's fields are filled too.
        /// </summary>
        public LineStatus Parse(byte[] buf, int off, int len, bool terminated, bool tooLong, out ChainFields chain, EvidenceRecord? record)
        {
            chain = default;
            Message = "";
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
            int bad = EvidenceFormat.FindInvalidUtf8(buf, off, len, out bool truncatedAtEnd);
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
            string? prevHash = null, jsonHash = null, id = null, timestamp = null, action = null, outcome = null;
            try
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(buf, off, len), isFinalBlock: true, new JsonReaderState(ReaderOptions));
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    Message = "the line is not a JSON object";
                    return LineStatus.NotJson;
                }
                int nextMember = 1;
                while (reader.Read())
                {
                    if (reader.TokenType == JsonTokenType.EndObject) break;
                    // property name
                    var name = reader.ValueSpan;
                    bool nameEscaped = reader.ValueIsEscaped;
                    string? propertyName = nameEscaped ? reader.GetString() : null;
                    if (!reader.Read()) break;
                    Member m = propertyName != null ? MemberOf(Encoding.UTF8.GetBytes(propertyName)) : MemberOf(name, ref nextMember);
                    if (reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray)
                    {
                        reader.Skip();
                        if (m != Member.Unknown) { Message = $"member '{m}' must be a string or number"; return MalformedAfterDrain(ref reader); }
                        continue;
                    }
                    switch (m)
                    {
                        case Member.V:
                            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int v)) { Message = "member 'v' must be a number"; return MalformedAfterDrain(ref reader); }
                            version = v; break;
                        case Member.Sequence:
                            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long s)) { Message = "member 'sequence' must be an integer"; return MalformedAfterDrain(ref reader); }
                            sequence = s; break;
                        case Member.Unknown:
                            break;
                        default:
                            if (reader.TokenType == JsonTokenType.Null) break;
                            if (reader.TokenType != JsonTokenType.String) { Message = $"member '{Name(m)}' must be a string"; return MalformedAfterDrain(ref reader); }
                            switch (m)
                            {
                                case Member.Id: id = reader.GetString(); break;
                                case Member.Timestamp: timestamp = reader.GetString(); break;
                                case Member.Action: action = reader.GetString(); break;
                                case Member.Outcome: outcome = reader.GetString(); break;
                                case Member.PrevHash: prevHash = reader.GetString(); break;
                                case Member.Hash: jsonHash = reader.GetString(); break;
                                default:
                                    if (record != null) Assign(record, m, reader.GetString());
                                    break;
                            }
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

            if (version == null) { Message = "member 'v' (format version) is missing"; return LineStatus.Malformed; }
            if (version != EvidenceFormat.FormatVersion) { Message = $"format version {version} is not supported (expected {EvidenceFormat.FormatVersion})"; return LineStatus.Malformed; }
            if (sequence == null || sequence < 1) { Message = "member 'sequence' is missing or not positive"; return LineStatus.Malformed; }
            if (!EvidenceFormat.IsLowerHex64(prevHash)) { Message = "member 'prevHash' is missing or not 64 lowercase hex digits"; return LineStatus.Malformed; }
            if (!EvidenceFormat.IsLowerHex64(jsonHash)) { Message = "member 'hash' is missing or not 64 lowercase hex digits"; return LineStatus.Malformed; }
            if (id == null || !Guid.TryParse(id, out Guid guid)) { Message = "member 'id' is missing or not a GUID"; return LineStatus.Malformed; }
            if (timestamp == null || !TryParseTimestamp(timestamp, out DateTime ts)) { Message = "member 'timestamp' is missing or not an ISO-8601 UTC time"; return LineStatus.Malformed; }
            if (string.IsNullOrEmpty(action)) { Message = "member 'action' is missing"; return LineStatus.Malformed; }
            if (string.IsNullOrEmpty(outcome)) { Message = "member 'outcome' is missing"; return LineStatus.Malformed; }

            chain.Sequence = sequence.Value;
            chain.PrevHash = prevHash!;
            chain.Hash = jsonHash!;
            chain.HashMatches = canonical && matches && string.Equals(suffixHash, jsonHash, StringComparison.Ordinal);
            if (!canonical) Message = "the hash member is not in its canonical place at the end of the line (the line was re-serialised or edited)";
            else if (!chain.HashMatches) Message = "the line's content does not match its hash (edited)";

            if (record != null)
            {
                record.Version = version.Value;
                record.Id = guid;
                record.Sequence = sequence.Value;
                record.Timestamp = ts;
                record.Action = action!;
                record.Outcome = outcome!;
                record.PrevHash = prevHash;
                record.Hash = jsonHash;
            }
            return LineStatus.Record;
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

        internal enum Member
        {
            Unknown, V, Id, Sequence, Timestamp, Action, Outcome, AccountId, Region, ModelId, Provider, LicenseCategory,
            LicenseName, OfferId, LegalTermUrl, PrincipalArn, OsUser, Machine, UseCase, ModuleVersion, CorrelationId,
            Details, PrevHash, Hash,
        }

        internal static readonly string[] MemberNames =
        {
            "", "v", "id", "sequence", "timestamp", "action", "outcome", "accountId", "region", "modelId", "provider", "licenseCategory",
            "licenseName", "offerId", "legalTermUrl", "principalArn", "osUser", "machine", "useCase", "moduleVersion", "correlationId",
            "details", "prevHash", "hash",
        };

        static readonly byte[][] MemberBytes = Array.ConvertAll(MemberNames, n => Encoding.ASCII.GetBytes(n));

        internal static string Name(Member m) => MemberNames[(int)m];

        internal static Member MemberOf(ReadOnlySpan<byte> name)
        {
            int next = 1;
            return MemberOf(name, ref next);
        }

        /// <summary>
        /// Members are written in a fixed order, so the one after the previous match is tried first (<paramref name="next"/>,
        /// start at 1): one comparison per member on canonical lines instead of a scan.
        /// </summary>
        internal static Member MemberOf(ReadOnlySpan<byte> name, ref int next)
        {
            if (next < MemberBytes.Length && name.SequenceEqual(MemberBytes[next])) return (Member)next++;
            for (int i = 1; i < MemberBytes.Length; i++)
                if (name.SequenceEqual(MemberBytes[i])) { next = i + 1; return (Member)i; }
            return Member.Unknown;
        }

        static void Assign(EvidenceRecord r, Member m, string? v)
        {
            switch (m)
            {
                case Member.AccountId: r.AccountId = v; break;
                case Member.Region: r.Region = v; break;
                case Member.ModelId: r.ModelId = v; break;
                case Member.Provider: r.Provider = v; break;
                case Member.LicenseCategory: r.LicenseCategory = v; break;
                case Member.LicenseName: r.LicenseName = v; break;
                case Member.OfferId: r.OfferId = v; break;
                case Member.LegalTermUrl: r.LegalTermUrl = v; break;
                case Member.PrincipalArn: r.PrincipalArn = v; break;
                case Member.OsUser: r.OsUser = v; break;
                case Member.Machine: r.Machine = v; break;
                case Member.UseCase: r.UseCase = v; break;
                case Member.ModuleVersion: r.ModuleVersion = v; break;
                case Member.CorrelationId: r.CorrelationId = v; break;
                case Member.Details: r.Details = v; break;
            }
        }

        public void Dispose() => _sha.Dispose();
    }
}
