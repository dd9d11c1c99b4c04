using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Privacy.CloudTrail;

/// <summary>
/// Whether a trail's event selectors record the management events, reads and writes, of both Bedrock event sources:
/// bedrock.amazonaws.com and bedrock-mantle.amazonaws.com (the mantle endpoint's retention and project changes).
/// Basic selectors: IncludeManagementEvents with ReadWriteType All/ReadOnly/WriteOnly. Advanced selectors: a selector
/// whose eventCategory matches Management, narrowed by readOnly and eventSource; a field this evaluator does not know
/// makes that selector count for nothing (it cannot be proven to cover Bedrock).
/// </summary>
internal sealed class ManagementEventCoverage
{
    /// <summary>The event sources a trail must record; control plane first (its name appears first in notes).</summary>
    public static readonly string[] BedrockEventSources = { "bedrock.amazonaws.com", "bedrock-mantle.amazonaws.com" };

    readonly Dictionary<string, (bool Read, bool Write)> _bySource = BedrockEventSources.ToDictionary(s => s, _ => (false, false), StringComparer.Ordinal);

    /// <summary>Reads of every Bedrock event source are recorded.</summary>
    public bool Read => _bySource.Values.All(v => v.Read);
    /// <summary>Writes of every Bedrock event source are recorded.</summary>
    public bool Write => _bySource.Values.All(v => v.Write);
    public string Source { get; private set; } = "";
    public List<string> Notes { get; } = new List<string>();

    static readonly string[] KnownFields = { "eventCategory", "readOnly", "eventSource" };

    void Add(string source, bool read, bool write)
    {
        var v = _bySource[source];
        _bySource[source] = (v.Read || read, v.Write || write);
    }

    public static ManagementEventCoverage Evaluate(CloudTrailEventSelectors selectors)
    {
        var c = new ManagementEventCoverage();
        if (selectors.Advanced.Count > 0)
        {
            c.Source = "advanced event selectors";
            foreach (var s in selectors.Advanced)
            {
                string name = s.Name ?? "(unnamed)";
                var byField = s.FieldSelectors.GroupBy(f => f.Field, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
                bool Matches(string field, string value) => !byField.TryGetValue(field, out var fs) || fs.All(f => f.Matches(value));
                if (!byField.ContainsKey("eventCategory") || !Matches("eventCategory", "Management")) continue;
                var unknown = byField.Keys.Where(k => !KnownFields.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
                if (unknown.Count > 0)
                {
                    c.Notes.Add($"selector '{name}' filters on {string.Join(", ", unknown)}, which cannot be proven to keep Bedrock events");
                    continue;
                }
                foreach (var source in BedrockEventSources)
                {
                    if (!Matches("eventSource", source))
                    {
                        c.Notes.Add($"selector '{name}' excludes {source}");
                        continue;
                    }
                    c.Add(source, Matches("readOnly", "true"), Matches("readOnly", "false"));
                }
            }
            return c;
        }
        c.Source = selectors.Basic.Count > 0 ? "basic event selectors" : "no event selectors";
        foreach (var s in selectors.Basic)
        {
            if (!s.IncludeManagementEvents) continue;
            bool read, write;
            switch (s.ReadWriteType)
            {
                case "All": read = true; write = true; break;
                case "ReadOnly": read = true; write = false; break;
                case "WriteOnly": read = false; write = true; break;
                default: c.Notes.Add($"ReadWriteType '{s.ReadWriteType}' is not one of All, ReadOnly, WriteOnly"); continue;
            }
            foreach (var source in BedrockEventSources)
            {
                if (s.ExcludeManagementEventSources.Contains(source, StringComparer.OrdinalIgnoreCase))
                    c.Notes.Add($"a selector excludes {source}");
                else
                    c.Add(source, read, write);
            }
        }
        return c;
    }
}
