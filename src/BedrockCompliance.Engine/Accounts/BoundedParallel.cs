using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace BedrockCompliance.Engine.Accounts
{
    public static class BoundedParallel
    {
        /// <summary>Runs <paramref name="work"/> for every item, at most <paramref name="limit"/> at once. Work handles its own errors.</summary>
        public static async Task ForEachAsync<T>(IEnumerable<T> items, int limit, Func<T, CancellationToken, Task> work, CancellationToken ct)
        {
            using var gate = new SemaphoreSlim(Math.Max(1, limit));
            var tasks = items.Select(async item =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try { await work(item, ct).ConfigureAwait(false); }
                finally { gate.Release(); }
            }).ToList();
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
    }
}
