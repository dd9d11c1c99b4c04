using System.Collections.Concurrent;

namespace BedrockCompliance.Engine.Licenses;

/// <summary>
/// One read-only list per distinct content for the short lists every listed model repeats (modalities, inference
/// types: "TEXT", "ON_DEMAND"), so a hundred thousand licences share a handful of lists instead of holding a copy each.
/// </summary>
internal static class SharedStringLists
{
    // Distinct values are few (the service has a handful of modalities and inference types); past the bound a list
    // is copied as before, so unusual input cannot grow the cache without limit.
    const int MaxLists = 256;
    static readonly ConcurrentDictionary<IReadOnlyList<string>, ValueList<string>> Lists =
        new ConcurrentDictionary<IReadOnlyList<string>, ValueList<string>>(ContentComparer.Instance);

    public static ValueList<string> For(IReadOnlyList<string>? items)
    {
        if (items == null || items.Count == 0) return ValueList<string>.Empty;
        if (items is ValueList<string> list) return list;
        if (Lists.TryGetValue(items, out var shared)) return shared;
        var copy = ValueList<string>.From(items);
        return Lists.Count < MaxLists ? Lists.GetOrAdd(copy, copy) : copy;
    }

    sealed class ContentComparer : IEqualityComparer<IReadOnlyList<string>>
    {
        public static readonly ContentComparer Instance = new ContentComparer();

        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
        {
            if (ReferenceEquals(x, y)) return true;
            if (x == null || y == null || x.Count != y.Count) return false;
            for (int i = 0; i < x.Count; i++)
                if (!string.Equals(x[i], y[i], StringComparison.Ordinal)) return false;
            return true;
        }

        public int GetHashCode(IReadOnlyList<string> list)
        {
            int hash = list.Count;
            for (int i = 0; i < list.Count; i++) hash = unchecked(hash * 31 + (list[i]?.GetHashCode() ?? 0));
            return hash;
        }
    }
}
