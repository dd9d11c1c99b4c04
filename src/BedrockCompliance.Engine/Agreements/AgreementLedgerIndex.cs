using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Engine.Agreements;

/// <summary>
/// What the ledger already says about each (account, region, model): whether an acceptance or observation
/// stands (after the last revocation), and which intents a crashed run left without a result. Built by one
/// scan at the start of a run and kept current as the run records, so reruns write nothing twice. Before a
/// "record once" decision, <see cref="CatchUp"/> folds in what other processes appended since (under the lock).
/// </summary>
internal sealed class AgreementLedgerIndex
{
    sealed class Entry
    {
        /// <summary>The record that stands (AgreementAccepted or AgreementObserved), null when none does.</summary>
        public string? Standing;
        public readonly List<EvidenceRecord> OpenIntents = new List<EvidenceRecord>();
    }

    // Entries by account × region, then model: every target asks for its own open intents, and one flat map scanned
    // for each target was quadratic in the accounts of a run (issue 18).
    readonly Dictionary<string, Dictionary<string, Entry>> _byTarget = new Dictionary<string, Dictionary<string, Entry>>(StringComparer.Ordinal);
    readonly object _lock = new object();
    /// <summary>Bytes of the ledger already folded in (records at or beyond it are read by the next catch-up).</summary>
    long _scanned;

    static string TargetKey(string? accountId, string? region) => $"{accountId}|{region}";

    public static AgreementLedgerIndex Build(string ledgerPath, CancellationToken ct)
    {
        var index = new AgreementLedgerIndex();
        index.CatchUp(ledgerPath, ct);
        return index;
    }

    /// <summary>
    /// Folds in the records appended to <paramref name="ledgerPath"/> since the last scan (by any process). Called
    /// under the ledger lock it gives the exact state; records this run appended are folded again harmlessly.
    /// </summary>
    public void CatchUp(string ledgerPath, CancellationToken ct = default)
    {
        if (!File.Exists(ledgerPath)) return;
        using var fs = EvidenceReader.OpenRead(ledgerPath);
        long length = fs.Length;
        lock (_lock)
        {
            // A ledger shorter than what was read was rewritten: read it again from the start.
            long start = length < _scanned ? 0 : _scanned;
            if (start >= length) return;
            fs.Seek(start, SeekOrigin.Begin);
            using var lines = new EvidenceLineReader(new BoundedStream(fs, length - start), 64 * 1024, cancellationToken: ct);
            using var parser = new EvidenceLineParser();
            int tick = 0;
            long complete = start; // end of the last LF-terminated line: an unterminated tail is read again next time
            while (lines.Next())
            {
                if (lines.Terminated) complete = start + lines.Position;
                if ((++tick & 0x3FF) == 0) ct.ThrowIfCancellationRequested();
                var record = new EvidenceRecord { LineNumber = lines.LineNumber, LedgerPath = ledgerPath };
                // Torn and bad lines are the verifier's business; a partial first line (after a torn tail) never parses.
                if (parser.Parse(lines.Buffer, lines.Offset, lines.Length, lines.Terminated, lines.TooLong, out _, record) == LineStatus.Record
                    && record.ModelId != null)
                    Fold(record);
            }
            _scanned = complete;
        }
    }

    /// <summary>Folds one record this run appended into the index (records arrive in ledger order).</summary>
    public void Observe(EvidenceRecord r)
    {
        if (r.ModelId == null) return;
        lock (_lock) Fold(r);
    }

    void Fold(EvidenceRecord r)
    {
        var e = Get(r.AccountId, r.Region, r.ModelId!);
        switch (r.Action)
        {
            case EvidenceAction.AgreementIntent:
                if (!e.OpenIntents.Any(i => i.Id == r.Id)) e.OpenIntents.Add(r);
                break;
            case EvidenceAction.AgreementAccepted when r.Outcome == EvidenceOutcome.Succeeded:
            case EvidenceAction.AgreementObserved:
                // An observation after an acceptance does not hide that the acceptance stands.
                if (e.Standing != EvidenceAction.AgreementAccepted || r.Action == EvidenceAction.AgreementAccepted) e.Standing = r.Action;
                e.OpenIntents.Clear();
                break;
            case EvidenceAction.AgreementFailed:
            case EvidenceAction.IntentReconciled:
            case EvidenceAction.AgreementAccepted:
                e.OpenIntents.Clear();
                break;
            case EvidenceAction.AgreementRevoked when r.Outcome == EvidenceOutcome.Succeeded:
                e.Standing = null;
                break;
        }
    }

    public bool AcceptanceStands(string? accountId, string? region, string modelId) => Standing(accountId, region, modelId) != null;

    /// <summary>AgreementAccepted or AgreementObserved when one stands for the model (after the last revocation), else null.</summary>
    public string? Standing(string? accountId, string? region, string modelId)
    {
        lock (_lock)
            return _byTarget.TryGetValue(TargetKey(accountId, region), out var models) && models.TryGetValue(modelId, out var e) ? e.Standing : null;
    }

    /// <summary>Intents without a result, for one account and region (what a crashed run left behind).</summary>
    public IReadOnlyList<EvidenceRecord> OpenIntents(string? accountId, string? region)
    {
        lock (_lock)
            return _byTarget.TryGetValue(TargetKey(accountId, region), out var models)
                ? models.Values.SelectMany(e => e.OpenIntents).OrderBy(r => r.Sequence).ToList()
                : new List<EvidenceRecord>();
    }

    Entry Get(string? accountId, string? region, string modelId)
    {
        string target = TargetKey(accountId, region);
        if (!_byTarget.TryGetValue(target, out var models)) _byTarget[target] = models = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (!models.TryGetValue(modelId, out var e)) models[modelId] = e = new Entry();
        return e;
    }

    /// <summary>Reads at most the bytes present when the scan began, so a line being appended now is left for the next scan.</summary>
    sealed class BoundedStream : Stream
    {
        readonly Stream _inner;
        long _left;

        public BoundedStream(Stream inner, long length)
        {
            _inner = inner;
            _left = length;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_left <= 0) return 0;
            int n = _inner.Read(buffer, offset, (int)Math.Min(count, _left));
            _left -= n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
