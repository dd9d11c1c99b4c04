namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// The standard retry mode's retry quota (a token bucket of retries, as in every AWS SDK): 500 tokens; a retry costs
/// 5 (10 after a timeout); a call that succeeds first time adds 1 back, one that succeeds after retries returns
/// the cost of its last retry. When the quota is spent no more retries are made, so a failing service is not hammered.
/// </summary>
internal sealed class RetryQuota
{
    public const int InitialTokens = 500, RetryCost = 5, TimeoutRetryCost = 10, NoRetryIncrement = 1;
    readonly object _lock = new object();
    int _tokens = InitialTokens;

    public int Available { get { lock (_lock) return _tokens; } }

    /// <summary>Takes the cost of one retry; false (nothing taken) when the quota cannot pay for it.</summary>
    public bool TryAcquire(bool afterTimeout, out int cost)
    {
        cost = afterTimeout ? TimeoutRetryCost : RetryCost;
        lock (_lock)
        {
            if (_tokens < cost) { cost = 0; return false; }
            _tokens -= cost;
            return true;
        }
    }

    /// <summary>A call succeeded; <paramref name="lastRetryCost"/> is what its last retry took (0: it succeeded first time).</summary>
    public void OnSuccess(int lastRetryCost)
    {
        // A full quota stays full: no lock then (most calls, which all share it). Seeing it full just before a
        // retry takes from it is the same as refilling first, so the outcome is that of the locked path.
        if (Volatile.Read(ref _tokens) >= InitialTokens) return;
        lock (_lock) _tokens = Math.Min(InitialTokens, _tokens + (lastRetryCost > 0 ? lastRetryCost : NoRetryIncrement));
    }
}
