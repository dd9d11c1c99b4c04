namespace BedrockCompliance.Commands.Completion;

/// <summary>
/// The model IDs live listings returned in this process, so -ModelId can complete real IDs (which the catalog's
/// prefixes are not) after one Get-BedrockModelLicense (UI state of the session: it lives with the completers, fed through
/// LiveLicenseQuery.Listed). Bounded and thread-safe: listings run in parallel
/// across accounts, and completion reads from the pipeline thread.
/// </summary>
internal static class RecentModelIds
{
    /// <summary>Enough for every model of several Regions; the oldest IDs go first beyond it.</summary>
    public const int Capacity = 2000;

    static readonly object Gate = new object();
    // Most recently seen last; the set makes Remember O(1) per ID.
    static readonly LinkedList<string> Order = new LinkedList<string>();
    static readonly Dictionary<string, LinkedListNode<string>> Index = new Dictionary<string, LinkedListNode<string>>(StringComparer.Ordinal);

    public static void Remember(IEnumerable<string?> modelIds)
    {
        lock (Gate)
        {
            foreach (var id in modelIds)
            {
                if (string.IsNullOrWhiteSpace(id)) continue;
                if (Index.TryGetValue(id!, out var node)) Order.Remove(node);
                Index[id!] = Order.AddLast(id!);
                if (Order.Count > Capacity)
                {
                    Index.Remove(Order.First!.Value);
                    Order.RemoveFirst();
                }
            }
        }
    }

    /// <summary>A snapshot, most recently listed first.</summary>
    public static IReadOnlyList<string> Snapshot()
    {
        lock (Gate) return Order.Reverse().ToList();
    }

    /// <summary>For tests.</summary>
    public static void Clear()
    {
        lock (Gate) { Order.Clear(); Index.Clear(); }
    }
}
