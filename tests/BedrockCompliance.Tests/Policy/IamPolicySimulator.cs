using System.Text.Json;
using System.Text.RegularExpressions;

namespace BedrockCompliance.Tests.Policy;

/// <summary>
/// A small, deliberately independent IAM evaluator for Deny statements, used to prove the generated documents.
/// Semantics (IAM User Guide, "IAM JSON policy elements: Resource" / "NotResource" / "Condition"):
/// '*' = any run of characters, '?' = one character, case-sensitive on the ARN; Action matching is
/// case-insensitive; a Deny with Resource applies when any pattern matches, with NotResource when none does;
/// every condition operator in a statement must hold (String[Not]Equals, String[Not]Like, Arn[Not]Like,
/// ForAnyValue:StringEquals; a missing key makes a positive operator false and a negated one true). A call is a
/// list of authorisation legs (<see cref="IsCallDenied"/>): a cross-Region profile call is allowed only if no leg is denied. Two ARN match modes are offered — whole-ARN glob and
/// segment-wise glob (the first five colons split the ARN) — and tests require both to agree, so the policy
/// is right under either reading of IAM's wildcard rule.
/// </summary>
public sealed class IamPolicySimulator
{
    readonly List<JsonElement> _statements = new();
    readonly List<JsonDocument> _docs = new();

    public IamPolicySimulator(IEnumerable<string> documents)
    {
        foreach (var d in documents)
        {
            var doc = JsonDocument.Parse(d);
            _docs.Add(doc);
            Assert.Equal("2012-10-17", doc.RootElement.GetProperty("Version").GetString());
            foreach (var s in doc.RootElement.GetProperty("Statement").EnumerateArray()) _statements.Add(s);
        }
    }

    public int StatementCount => _statements.Count;

    /// <summary>True when some statement explicitly denies the request.</summary>
    public bool IsDenied(string action, string resource, IDictionary<string, string> context, bool segmentwise)
    {
        foreach (var s in _statements)
        {
            Assert.Equal("Deny", s.GetProperty("Effect").GetString());
            if (!Values(s, "Action").Any(a => Glob(a, action, ignoreCase: true))) continue;
            bool resourceMatch;
            if (s.TryGetProperty("Resource", out _))
                resourceMatch = Values(s, "Resource").Any(p => ArnMatch(p, resource, segmentwise));
            else if (s.TryGetProperty("NotResource", out _))
                resourceMatch = !Values(s, "NotResource").Any(p => ArnMatch(p, resource, segmentwise));
            else throw new InvalidOperationException("statement without Resource/NotResource");
            if (!resourceMatch) continue;
            if (s.TryGetProperty("Condition", out var cond) && !ConditionHolds(cond, context)) continue;
            return true;
        }
        return false;
    }

    /// <summary>A call is denied when any of its legs is (IAM authorises each leg of a cross-Region call on its own).</summary>
    public bool IsCallDenied(string action, IEnumerable<(string Resource, IDictionary<string, string> Context)> legs, bool segmentwise) =>
        legs.Any(l => IsDenied(action, l.Resource, l.Context, segmentwise));

    static IEnumerable<string> Values(JsonElement s, string name)
    {
        var v = s.GetProperty(name);
        return v.ValueKind == JsonValueKind.String ? new[] { v.GetString()! } : v.EnumerateArray().Select(e => e.GetString()!);
    }

    static bool ConditionHolds(JsonElement cond, IDictionary<string, string> context)
    {
        foreach (var op in cond.EnumerateObject())
        {
            foreach (var key in op.Value.EnumerateObject())
            {
                var values = key.Value.ValueKind == JsonValueKind.String ? new[] { key.Value.GetString()! } : key.Value.EnumerateArray().Select(e => e.GetString()!).ToArray();
                // Condition key names are case-insensitive in IAM; values are compared as the operator says.
                string? actual = context.FirstOrDefault(kv => string.Equals(kv.Key, key.Name, StringComparison.OrdinalIgnoreCase)).Value;
                // IAM: a missing key makes a positive operator false and a negated one (…Not…) true.
                bool holds = op.Name switch
                {
                    // Single-valued key: present and equal to one of the values.
                    "StringEquals" => actual != null && values.Contains(actual, StringComparer.Ordinal),
                    "StringNotEquals" => actual == null || !values.Contains(actual, StringComparer.Ordinal),
                    "StringLike" => actual != null && values.Any(v => Glob(v, actual, ignoreCase: false)),
                    "StringNotLike" => actual == null || !values.Any(v => Glob(v, actual, ignoreCase: false)),
                    "ArnLike" => actual != null && values.Any(v => ArnMatch(v, actual, segmentwise: true)),
                    "ArnNotLike" => actual == null || !values.Any(v => ArnMatch(v, actual, segmentwise: true)),
                    // Multi-valued key (one value in our requests): any request value equals a policy value.
                    "ForAnyValue:StringEquals" => actual != null && values.Contains(actual, StringComparer.Ordinal),
                    _ => throw new InvalidOperationException($"The simulator does not know condition operator {op.Name}."),
                };
                if (!holds) return false;
            }
        }
        return true;
    }

    public static bool ArnMatch(string pattern, string arn, bool segmentwise)
    {
        if (pattern == "*") return true;
        if (!segmentwise) return Glob(pattern, arn, ignoreCase: false);
        var p = Split(pattern);
        var a = Split(arn);
        if (p.Length != 6 || a.Length != 6) return false;
        for (int i = 0; i < 6; i++)
            if (!Glob(p[i], a[i], ignoreCase: false)) return false;
        return true;
    }

    static string[] Split(string arn) => arn.Split(new[] { ':' }, 6);

    static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool), Regex> Cache = new();

    public static bool Glob(string pattern, string value, bool ignoreCase)
    {
        var rx = Cache.GetOrAdd((pattern, ignoreCase), k => new Regex(
            "^" + string.Concat(k.Item1.Select(c => c == '*' ? ".*" : c == '?' ? "." : Regex.Escape(c.ToString()))) + "$",
            (k.Item2 ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.Singleline | RegexOptions.CultureInvariant));
        return rx.IsMatch(value);
    }
}
