namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// Fills documents item by item up to the size limit. The size is kept incrementally: a list's first item changes
/// the document's shape (a statement appears), so only then is the draft rendered; later items add their known cost.
/// </summary>
internal static class AccessPolicyPacker
{
    public static List<AccessPolicyDraft> Pack(AccessPolicyOptions o, IReadOnlyList<string> allowed, IReadOnlyList<string> deniedPatterns,
        IReadOnlyList<string> productIds, int limit, out bool fits)
    {
        fits = true;
        var current = new AccessPolicyDraft { First = true };
        if (o.Strategy == AccessPolicyStrategy.AllowListOnly) current.AllowList = allowed.ToList();
        current.Size = Measure(current, o);
        var docs = new List<AccessPolicyDraft> { current };
        if (current.Size > limit) { fits = false; return docs; }

        bool Add(AccessPolicyListKind kind, string item)
        {
            if (TryAdd(current, kind, item, o, limit)) return true;
            if (current.IsEmpty) return false;
            current = new AccessPolicyDraft();
            docs.Add(current);
            current.Size = Measure(current, o);
            return TryAdd(current, kind, item, o, limit);
        }

        var denyKind = o.Strategy == AccessPolicyStrategy.DenyListed ? AccessPolicyListKind.Deny : AccessPolicyListKind.Agreement;
        foreach (var p in deniedPatterns)
            if (!Add(denyKind, p)) { fits = false; return docs; }
        foreach (var id in productIds)
            if (!Add(AccessPolicyListKind.Product, id)) { fits = false; return docs; }
        if (docs.Count > 1 && docs[docs.Count - 1].IsEmpty) docs.RemoveAt(docs.Count - 1);
        return docs;
    }

    static bool TryAdd(AccessPolicyDraft d, AccessPolicyListKind kind, string item, AccessPolicyOptions o, int limit)
    {
        var list = ListOf(d, kind);
        int size;
        if (list.Count == 0)
        {
            list.Add(item);
            size = Measure(d, o);
        }
        else
        {
            size = d.Size + AccessPolicyRenderer.AddedCost(kind, item, o);
            list.Add(item);
        }
        if (size <= limit) { d.Size = size; return true; }
        list.RemoveAt(list.Count - 1);
        return false;
    }

    static List<string> ListOf(AccessPolicyDraft d, AccessPolicyListKind kind) => kind switch
    {
        AccessPolicyListKind.Deny => d.DenyPatterns,
        AccessPolicyListKind.Agreement => d.AgreementPatterns,
        _ => d.ProductIds,
    };

    static int Measure(AccessPolicyDraft d, AccessPolicyOptions o) => AccessPolicyGenerator.MeasureSize(AccessPolicyRenderer.Render(d, o), o.Type);
}
