using System.Text.RegularExpressions;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// An evidence chain in S3: <c>s3://bucket/prefix</c>. Each object under the prefix holds one record or one batch,
/// named by the sequence of its first record (<c>prefix/00000000000000000001.jsonl</c>, 20 digits so key order is
/// chain order).
/// </summary>
internal sealed class S3EvidenceLocation
{
    public const string Scheme = "s3://";
    const int SequenceDigits = 20;
    const string Suffix = ".jsonl";
    // S3's rules for new general-purpose buckets (lowercase, digits, dots, hyphens; 3–63; starts/ends alphanumeric).
    static readonly Regex BucketPattern = new Regex(@"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", RegexOptions.Compiled | RegexOptions.CultureInvariant);

    S3EvidenceLocation(string bucket, string prefix)
    {
        Bucket = bucket;
        Prefix = prefix;
    }

    public string Bucket { get; }
    /// <summary>Empty, or ends with '/'.</summary>
    public string Prefix { get; }

    /// <summary>The canonical form, <c>s3://bucket/prefix/</c>.</summary>
    public string Uri => Scheme + Bucket + "/" + Prefix;

    public override string ToString() => Uri;

    /// <summary>Whether <paramref name="path"/> names S3 rather than a file (case-insensitive scheme).</summary>
    public static bool IsS3(string? path) =>
        path != null && path.TrimStart().StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <exception cref="ArgumentException">Not <c>s3://bucket[/prefix]</c> with a valid bucket name.</exception>
    public static S3EvidenceLocation Parse(string uri)
    {
        string s = (uri ?? throw new ArgumentNullException(nameof(uri))).Trim();
        if (!IsS3(s))
            throw new ArgumentException($"'{uri}' is not an S3 evidence location. Expected s3://bucket/prefix, e.g. s3://contoso-evidence/bedrock.", nameof(uri));
        string rest = s.Substring(Scheme.Length);
        int slash = rest.IndexOf('/');
        string bucket = slash < 0 ? rest : rest.Substring(0, slash);
        string prefix = slash < 0 ? "" : rest.Substring(slash + 1).Trim('/');
        if (!BucketPattern.IsMatch(bucket) || bucket.Contains(".."))
            throw new ArgumentException($"'{bucket}' in '{uri}' is not an S3 bucket name. Expected 3–63 lowercase letters, digits, dots or hyphens, e.g. s3://contoso-evidence/bedrock.", nameof(uri));
        if (prefix.IndexOf('?') >= 0 || prefix.IndexOf('#') >= 0 || prefix.Contains("//") || prefix.IndexOf('\\') >= 0)
            throw new ArgumentException($"The prefix '{prefix}' in '{uri}' is not a plain S3 key prefix (no '?', '#', '\\' or empty segments). Expected e.g. s3://contoso-evidence/bedrock/prod.", nameof(uri));
        return new S3EvidenceLocation(bucket, prefix.Length == 0 ? "" : prefix + "/");
    }

    /// <summary>The key of the object whose first record has <paramref name="sequence"/>.</summary>
    public string KeyFor(long sequence) => Prefix + sequence.ToString("D" + SequenceDigits, System.Globalization.CultureInfo.InvariantCulture) + Suffix;

    /// <summary>The first sequence of a chain object's key, or null for any other key under the prefix.</summary>
    public long? SequenceOf(string key)
    {
        if (key.Length != Prefix.Length + SequenceDigits + Suffix.Length || !key.StartsWith(Prefix, StringComparison.Ordinal) || !key.EndsWith(Suffix, StringComparison.Ordinal))
            return null;
        long value = 0;
        for (int i = Prefix.Length; i < Prefix.Length + SequenceDigits; i++)
        {
            char c = key[i];
            if (c < '0' || c > '9') return null;
            if (value > (long.MaxValue - (c - '0')) / 10) return null;
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
