namespace BedrockCompliance.Engine.Evidence;

internal static partial class EvidenceVerifier
{
    /// <summary>What one verification keeps about torn lines (issue 15.7/15.8) and record ids.</summary>
    sealed partial class Run
    {
        // Issue 15.7/15.8: sequences torn lines had started to use, the ids seen, torn lines and their acknowledgements.
        long _tornMaxSequence;
        long _tornMaxSequenceLine;
        readonly HashSet<Guid> _ids = new HashSet<Guid>();
        const int MaxTornTracked = 10_000;
        readonly List<EvidenceTornLine> _tornLines = new List<EvidenceTornLine>();
        readonly HashSet<string> _acknowledged = new HashSet<string>(StringComparer.Ordinal);
        long _acknowledgedCount;
        public IReadOnlyList<EvidenceTornLine> Unacknowledged { get; private set; } = Array.Empty<EvidenceTornLine>();

        static string AckKey(long line, string hash) => line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + hash;

        /// <summary>Torn lines an acknowledgement covers no longer count against Valid; the rest are what is left to acknowledge.</summary>
        void RemoveAcknowledgedTornLines()
        {
            var open = new List<EvidenceTornLine>();
            foreach (var t in _tornLines)
            {
                if (!_acknowledged.Contains(AckKey(t.LineNumber, t.Sha256))) { open.Add(t); continue; }
                _acknowledgedCount++;
                _tornCount--;
                _problemCount--;
                _problems.Remove(t.Problem);
            }
            Unacknowledged = open;
            if (_acknowledgedCount == 0) return;
            _firstBadLine = long.MaxValue;
            foreach (var p in _problems)
            {
                if (p.LineNumber >= _firstBadLine) continue;
                _firstBadLine = p.LineNumber;
                _firstReason = p.Reason;
                _firstMessage = p.Message;
            }
        }

    }
}
