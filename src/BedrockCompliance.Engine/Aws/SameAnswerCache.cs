using System.Collections.Concurrent;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// The last parsed answer per request, handed out again while the service keeps answering the same bytes. Across an
/// organisation the accounts of one Region mostly list the same models; parsed once per account, each copy lived for
/// that account's whole listing (seconds, at a paced rate), so thousands of copies reached gen2 (issue 18). The bytes
/// decide, never the key: an account with a different answer gets its own parse. Only for results nobody changes.
/// </summary>
internal sealed class SameAnswerCache<T> where T : class
{
    /// <summary>Distinct requests remembered at most (Regions × filters × endpoints); beyond, answers are parsed as before.</summary>
    const int MaxKeys = 64;
    readonly ConcurrentDictionary<string, (byte[] Body, T Value)> _last = new ConcurrentDictionary<string, (byte[] Body, T Value)>(StringComparer.Ordinal);

    /// <summary>The cached result when <paramref name="body"/> equals the last body seen for <paramref name="key"/>; else <paramref name="parse"/>'s.</summary>
    public T GetOrParse(string key, byte[] body, Func<T> parse)
    {
        if (_last.TryGetValue(key, out var last) && last.Body.AsSpan().SequenceEqual(body)) return last.Value;
        var value = parse(); // a malformed answer throws here and is not remembered
        if (_last.Count < MaxKeys || _last.ContainsKey(key)) _last[key] = (body, value);
        return value;
    }
}
