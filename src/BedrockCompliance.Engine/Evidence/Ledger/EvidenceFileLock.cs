using System.Diagnostics;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// Cross-process exclusive lock: the file '&lt;ledger&gt;.lock' opened with FileShare.None (Windows: a sharing lock;
/// Unix: .NET takes flock(LOCK_EX)). The lock file is never deleted (deleting it would let two writers hold locks
/// on different inodes). The OS releases the lock if the holder dies. Waits with jittered exponential backoff.
/// </summary>
internal sealed class EvidenceFileLock : IDisposable
{
    readonly FileStream _stream;

    EvidenceFileLock(FileStream stream) => _stream = stream;

    public static string LockPathFor(string ledgerPath) => ledgerPath + ".lock";

    public static EvidenceFileLock Acquire(string ledgerPath, TimeSpan timeout, CancellationToken ct) =>
        // The sleep completes every wait before it returns, so the loop runs to its end on this thread.
        AcquireCore(ledgerPath, timeout, ms => { Thread.Sleep(ms); return Task.CompletedTask; }, ct).GetAwaiter().GetResult();

    public static Task<EvidenceFileLock> AcquireAsync(string ledgerPath, TimeSpan timeout, CancellationToken ct) =>
        AcquireCore(ledgerPath, timeout, ms => Task.Delay(ms, ct), ct);

    /// <summary>
    /// The one wait loop (the two entry points differ only in how they back off): the lock, or a timeout error once
    /// <paramref name="timeout"/> has passed.
    /// </summary>
    static async Task<EvidenceFileLock> AcquireCore(string ledgerPath, TimeSpan timeout, Func<int, Task> backOff, CancellationToken ct)
    {
        CheckLockingEnabled();
        string path = LockPathFor(ledgerPath);
        var clock = Stopwatch.StartNew();
        for (int attempt = 0; ; attempt++)
        {
            ct.ThrowIfCancellationRequested();
            if (TryOpen(path, out var fs, out var error)) return new EvidenceFileLock(fs!);
            if (clock.Elapsed >= timeout)
                throw new EvidenceLockTimeoutException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for the evidence ledger lock '{path}' (another process is writing; the ledger comes from -EvidencePath or $env:BEDROCK_COMPLIANCE_EVIDENCE).", error);
            await backOff(Backoff(attempt)).ConfigureAwait(false);
        }
    }

    static bool TryOpen(string path, out FileStream? fs, out Exception? error)
    {
        try
        {
            fs = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            error = null;
            return true;
        }
        catch (IOException ex) when (EvidenceWriteErrors.IsSharingViolation(ex))
        {
            // Sharing violation (held by another writer) — retry. Anything else (read-only file system, a directory,
            // a full disk) fails at once with its own error instead of waiting out the timeout.
            fs = null;
            error = ex;
            return false;
        }
    }

    [ThreadStatic] static Random? _random;

    static int Backoff(int attempt)
    {
        _random ??= new Random(Guid.NewGuid().GetHashCode());
        int cap = Math.Min(50, 1 << Math.Min(attempt, 6)); // 1, 2, 4 … 50 ms
        return 1 + _random.Next(cap);
    }

    static void CheckLockingEnabled()
    {
        // On Unix, .NET's FileShare emulation (flock) can be switched off; then the lock would silently not exclude.
        if (EvidenceContext.IsWindows) return;
        string? env = Environment.GetEnvironmentVariable("DOTNET_SYSTEM_IO_DISABLEFILELOCKING");
        bool disabled = env == "1" || string.Equals(env, "true", StringComparison.OrdinalIgnoreCase)
            || (AppContext.TryGetSwitch("System.IO.DisableFileLocking", out bool sw) && sw);
        if (disabled)
            throw new InvalidOperationException("File locking is disabled (DOTNET_SYSTEM_IO_DISABLEFILELOCKING / System.IO.DisableFileLocking), so concurrent evidence writers cannot be kept apart; unset it to record evidence.");
    }

    public void Dispose() => _stream.Dispose();
}
