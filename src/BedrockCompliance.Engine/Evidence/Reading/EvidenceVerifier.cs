namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// Verifies a ledger in one streaming pass (constant memory, one record of look-ahead).
/// <list type="bullet">
/// <item>Each committed record must hash to its <c>hash</c> (else Edited), carry <c>prevHash</c> = the previous
/// committed record's hash and <c>sequence</c> = previous + 1 (else Deleted / Reordered / Inserted / Edited, by
/// what the neighbours show).</item>
/// <item>Lines that are not records are reported with their line number: Torn (an incomplete write from a crash —
/// unterminated last line, or an incomplete record a later writer terminated), NotJson, InvalidUtf8, Malformed.
/// Torn lines are not part of the chain, so they leave <see cref="EvidenceVerificationResult.ChainIntact"/> true but
/// make <see cref="EvidenceVerificationResult.Valid"/> false.</item>
/// </list>
/// A hash chain cannot show that whole records were cut from the end; compare <c>LastHash</c>/<c>LastSequence</c>
/// with a value kept elsewhere (or pass it as the expected anchor) to detect that.
/// </summary>
internal static partial class EvidenceVerifier
{
    public const int MaxProblemsListed = 100;

    public static EvidenceVerificationResult Verify(string path, string? expectedHash = null, Action<long, long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var fs = EvidenceReader.OpenStream(path, cancellationToken);
        return Verify(fs, path, expectedHash, progress, cancellationToken);
    }

    public static EvidenceVerificationResult Verify(Stream stream, string path, string? expectedHash = null, Action<long, long>? progress = null, CancellationToken cancellationToken = default)
    {
        var run = new Run(stream, path, progress, cancellationToken);
        return run.Execute(expectedHash?.Trim().ToLowerInvariant());
    }

    /// <summary>The torn lines no <see cref="EvidenceAction.TornLineAcknowledged"/> record covers yet.</summary>
    internal static IReadOnlyList<EvidenceTornLine> UnacknowledgedTornLines(string path, CancellationToken cancellationToken)
    {
        using var fs = EvidenceReader.OpenRead(path);
        var run = new Run(fs, path, null, cancellationToken);
        run.Execute(null);
        return run.Unacknowledged;
    }

    sealed class Item
    {
        public bool IsRecord;
        public ChainFields Chain;
        public Guid Id;
        /// <summary>Why the line does not match its hash, when the parser can say (CRLF line ends …).</summary>
        public string? Mismatch;
        public EvidenceProblem? Problem;
        /// <summary>For a torn line: the SHA-256 of its bytes and the sequence it had started to write.</summary>
        public string? TornHash;
        public long? TornSequence;
    }

    sealed partial class Run
    {
        readonly Stream _stream;
        readonly string _path;
        readonly Action<long, long>? _progress;
        readonly CancellationToken _ct;
        readonly List<EvidenceProblem> _problems = new List<EvidenceProblem>();
        long _problemCount, _tornCount, _recordCount, _firstBadLine = long.MaxValue;
        EvidenceProblemReason _firstReason;
        string _firstMessage = "";
        bool _chainBroken;

        ChainFields _last = new ChainFields { Sequence = 0, Hash = EvidenceFormat.GenesisHash, HashMatches = true, LineNumber = 0 };
        ChainFields? _beforeLast;
        bool _damagedSinceLast;
        long _tornSinceLast;
        bool _anchorSeen;
        string? _anchor;

        EvidenceLineReader _lines = null!;
        EvidenceLineParser _parser = null!;
        Item? _pending;
        long _total;
        int _tick;

        public Run(Stream stream, string path, Action<long, long>? progress, CancellationToken ct)
        {
            _stream = stream;
            _path = path;
            _progress = progress;
            _ct = ct;
        }

        Item? NextItem()
        {
            if (_pending != null) { var p = _pending; _pending = null; return p; }
            if (!_lines.Next()) return null;
            if ((++_tick & 0x3FF) == 0)
            {
                _ct.ThrowIfCancellationRequested();
                _progress?.Invoke(_lines.Position, _total);
            }
            var status = _parser.Parse(_lines.Buffer, _lines.Offset, _lines.Length, _lines.Terminated, _lines.TooLong, out var chain, null);
            if (status == LineStatus.Record)
            {
                chain.LineNumber = _lines.LineNumber;
                _recordCount++;
                if (_parser.AcknowledgementDetails != null && EvidenceTornAcknowledgement.TryParse(_parser.AcknowledgementDetails, out long ackLine, out string ackHash))
                    _acknowledged.Add(AckKey(ackLine, ackHash));
                return new Item { IsRecord = true, Chain = chain, Id = _parser.Id, Mismatch = chain.HashMatches ? null : _parser.Message };
            }
            var item = new Item { Problem = new EvidenceProblem(_lines.LineNumber, EvidenceReader.ToReason(status), _parser.Message) };
            if (status == LineStatus.Torn)
            {
                item.TornHash = EvidenceTornAcknowledgement.HashLine(_lines.Buffer, _lines.Offset, _lines.Length);
                item.TornSequence = EvidenceLineParser.TornSequence(_lines.Buffer, _lines.Offset, _lines.Length);
            }
            return item;
        }

        public EvidenceVerificationResult Execute(string? anchor)
        {
            _anchor = anchor;
            _total = _stream.CanSeek ? _stream.Length : 0;
            using (_lines = new EvidenceLineReader(_stream, leaveOpen: true, cancellationToken: _ct))
            using (_parser = new EvidenceLineParser())
            {
                Item? item;
                while ((item = NextItem()) != null)
                {
                    if (!item.IsRecord) { BadLine(item); continue; }
                    bool duplicateId = !_ids.Add(item.Id);
                    long problemsBefore = _problemCount;
                    _currentMismatch = item.Mismatch;
                    Check(item.Chain);
                    // Ids are unique; a repeated one is only worth its own problem when the chain did not already object.
                    if (duplicateId && _problemCount == problemsBefore)
                        Add(new EvidenceProblem(item.Chain.LineNumber, EvidenceProblemReason.Inserted, $"id {item.Id} was already used by an earlier record: a copied or forged record"), true);
                }
                _progress?.Invoke(_total, _total);
            }

            if (_anchor != null && !_anchorSeen)
                Add(new EvidenceProblem(_lines.LineNumber + 1, EvidenceProblemReason.Deleted,
                    $"no committed record has the expected hash {_anchor}: records were removed (possibly from the end) or the anchor belongs to another ledger"), chainBreak: true);

            RemoveAcknowledgedTornLines();
            var result = new EvidenceVerificationResult
            {
                Path = _path,
                LineCount = _lines.LineNumber,
                RecordCount = _recordCount,
                ChainIntact = !_chainBroken,
                Valid = _problemCount == 0,
                TornLineCount = _tornCount,
                AcknowledgedTornLineCount = _acknowledgedCount,
                ProblemCount = _problemCount,
                Problems = SortByLine(_problems),
                LastHash = _last.LineNumber > 0 ? _last.Hash : null,
                LastSequence = _last.LineNumber > 0 ? _last.Sequence : (long?)null,
            };
            if (_problemCount == 0)
            {
                result.Message = _recordCount == 0 ? "The ledger is empty." : $"All {_recordCount} records verify; the hash chain is unbroken."
                    + (_acknowledgedCount > 0 ? $" {_acknowledgedCount} torn line(s) are acknowledged crash artefacts." : "");
            }
            else
            {
                result.FirstBadRecord = _firstBadLine;
                result.Reason = _firstReason;
                string summary = _chainBroken
                    ? "The hash chain is broken: committed evidence was changed."
                    : $"The hash chain over the {_recordCount} committed records is intact; {_tornCount} torn line(s) from interrupted writes are not records"
                      + " (after review, acknowledge them with Test-BedrockComplianceEvidence -AcknowledgeTornLine).";
                result.Message = $"Line {_firstBadLine}: {_firstReason}: {_firstMessage}. {summary}" + (_problemCount > 1 ? $" {_problemCount} problems in all." : "");
            }
            return result;
        }

        static EvidenceProblem[] SortByLine(List<EvidenceProblem> list)
        {
            var a = list.ToArray();
            // Stable: problems on the same line keep their discovery order.
            var keys = new long[a.Length];
            for (int i = 0; i < a.Length; i++) keys[i] = a[i].LineNumber * 1000 + i;
            Array.Sort(keys, a);
            return a;
        }

        void BadLine(Item item)
        {
            var p = item.Problem!;
            if (p.Reason == EvidenceProblemReason.Torn)
            {
                _tornCount++;
                _tornSinceLast = p.LineNumber;
                if (item.TornSequence > _tornMaxSequence) { _tornMaxSequence = item.TornSequence.Value; _tornMaxSequenceLine = p.LineNumber; }
                if (_tornLines.Count < MaxTornTracked) _tornLines.Add(new EvidenceTornLine(p, item.TornHash!));
                Add(p, chainBreak: false);
            }
            else
            {
                _damagedSinceLast = true;
                Add(p, chainBreak: true);
            }
        }

        static bool Links(in ChainFields x, in ChainFields to) =>
            x.HashMatches && x.Sequence == to.Sequence + 1 && string.Equals(x.PrevHash, to.Hash, StringComparison.Ordinal);

        void Check(ChainFields x)
        {
            if (Links(x, _last))
            {
                // Writers never reuse a sequence a torn line had started to use, so a reuse means that line held a
                // committed record that was cut short afterwards (or an older writer reused it).
                if (_tornSinceLast > 0 && _tornMaxSequence >= x.Sequence && _tornMaxSequenceLine > _last.LineNumber)
                    Add(new EvidenceProblem(_tornMaxSequenceLine, EvidenceProblemReason.Deleted,
                        $"this line looks torn, but its sequence {x.Sequence} is used again by line {x.LineNumber}: it held a committed record that was cut short"), true);
                Accept(x);
                return;
            }
            // The next writer skips the sequence a torn line had started to use: x links to the last committed record.
            if (x.HashMatches && _tornSinceLast > 0 && _tornMaxSequenceLine > _last.LineNumber && x.Sequence == _tornMaxSequence + 1
                && _tornMaxSequence > _last.Sequence && string.Equals(x.PrevHash, _last.Hash, StringComparison.Ordinal))
            {
                Accept(x);
                return;
            }

            // One record of look-ahead tells an inserted or swapped record from a deleted one.
            Item? next = NextItem();
            _pending = next;
            if (next != null && next.IsRecord && Links(next.Chain, _last))
            {
                var y = next.Chain;
                if (x.HashMatches && x.Sequence == y.Sequence + 1 && string.Equals(x.PrevHash, y.Hash, StringComparison.Ordinal))
                {
                    Add(new EvidenceProblem(x.LineNumber, EvidenceProblemReason.Reordered,
                        $"sequence {x.Sequence} comes before sequence {y.Sequence} (line {y.LineNumber}): the records were swapped"), true);
                    _pending = null;
                    Accept(y);
                    Accept(x);
                }
                else
                {
                    Add(new EvidenceProblem(x.LineNumber, x.HashMatches && x.Sequence > _last.Sequence + 1 ? EvidenceProblemReason.Reordered : EvidenceProblemReason.Inserted,
                        $"this record (sequence {x.Sequence}) is not part of the chain: the next record, line {y.LineNumber}, links directly to line {_last.LineNumber}"), true);
                    // x is skipped; the chain continues from _last.
                }
                return;
            }

            if (_damagedSinceLast)
            {
                // The break is explained by the damaged line already reported; resynchronise on this record.
                if (!x.HashMatches) Add(new EvidenceProblem(x.LineNumber, EvidenceProblemReason.Edited, _parserMessageFor(x)), true);
                Accept(x);
                return;
            }

            if (!x.HashMatches)
            {
                Add(new EvidenceProblem(x.LineNumber, EvidenceProblemReason.Edited, _parserMessageFor(x)), true);
            }
            else if (x.Sequence == _last.Sequence + 1)
            {
                if (_last.LineNumber == 0)
                    Add(new EvidenceProblem(x.LineNumber, EvidenceProblemReason.Edited, "the first record does not start the chain (its prevHash is not the genesis value)"), true);
                else
                    Add(new EvidenceProblem(_last.LineNumber, EvidenceProblemReason.Edited,
                        $"the record (sequence {_last.Sequence}) is not the one its successor on line {x.LineNumber} was chained to: it was changed and re-hashed"), true);
            }
            else if (x.Sequence == _last.Sequence && _beforeLast.HasValue && string.Equals(x.PrevHash, _beforeLast.Value.Hash, StringComparison.Ordinal))
            {
                Add(new EvidenceProblem(_last.LineNumber, EvidenceProblemReason.Inserted,
                    $"this record (sequence {_last.Sequence}) is not part of the chain: line {x.LineNumber} links past it to line {_beforeLast.Value.LineNumber}"), true);
                var before = _beforeLast;
                _last = x;
                _beforeLast = before;
                AfterAccept(x);
                return;
            }
            else if (x.Sequence > _last.Sequence + 1)
            {
                string missing = x.Sequence == _last.Sequence + 2 ? $"sequence {_last.Sequence + 1} is" : $"sequences {_last.Sequence + 1}–{x.Sequence - 1} are";
                string torn = _tornSinceLast > 0 ? $"; line {_tornSinceLast} looks torn but held a committed record" : "";
                Add(new EvidenceProblem(x.LineNumber, EvidenceProblemReason.Deleted, $"{missing} missing before this line (deleted or moved){torn}"), true);
            }
            else if (x.Sequence == _last.Sequence)
            {
                Add(new EvidenceProblem(x.LineNumber, EvidenceProblemReason.Inserted, $"sequence {x.Sequence} appears twice (also on line {_last.LineNumber})"), true);
            }
            else if (x.Sequence < _last.Sequence)
            {
                Add(new EvidenceProblem(x.LineNumber, EvidenceProblemReason.Reordered, $"sequence {x.Sequence} comes after sequence {_last.Sequence} (line {_last.LineNumber}): out of order"), true);
            }
            else
            {
                Add(new EvidenceProblem(x.LineNumber, EvidenceProblemReason.Edited, $"prevHash does not match the hash of the previous record (line {_last.LineNumber})"), true);
            }
            Accept(x);
        }

        string? _currentMismatch;

        string _parserMessageFor(ChainFields x) =>
            _currentMismatch != null && _currentMismatch.Contains("CRLF") ? _currentMismatch
            : "the line's content does not match its hash: it was edited after it was written";

        void Accept(ChainFields x)
        {
            _beforeLast = _last;
            _last = x;
            AfterAccept(x);
        }

        void AfterAccept(ChainFields x)
        {
            _damagedSinceLast = false;
            _tornSinceLast = 0;
            if (_anchor != null && string.Equals(x.Hash, _anchor, StringComparison.Ordinal)) _anchorSeen = true;
        }

        void Add(EvidenceProblem p, bool chainBreak)
        {
            _problemCount++;
            if (chainBreak) _chainBroken = true;
            if (_problems.Count < MaxProblemsListed) _problems.Add(p);
            if (p.LineNumber < _firstBadLine)
            {
                _firstBadLine = p.LineNumber;
                _firstReason = p.Reason;
                _firstMessage = p.Message;
            }
        }
    }
}
