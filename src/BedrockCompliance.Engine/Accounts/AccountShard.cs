using System.Globalization;
using System.Security.Cryptography;

namespace BedrockCompliance.Engine.Accounts;

/// <summary>
/// One of N stable partitions of account IDs (a class: a cmdlet holding an engine struct would load the engine in the
/// default context when PowerShell reflects over it), so N runners split an organisation without coordinating. An account's
/// shard is 1 + (the first 8 bytes of SHA-256 of its 12 ASCII digits, read as a big-endian unsigned integer) mod N:
/// the same on every machine and in any language (e.g. <c>printf %s 123456789012 | sha256sum</c>, first 16 hex digits).
/// </summary>
internal sealed class AccountShard
{
    public const int MaxCount = 10000;

    AccountShard(int index, int count)
    {
        Index = index;
        Count = count;
    }

    /// <summary>1-based: shard 1 to <see cref="Count"/>.</summary>
    public int Index { get; }
    public int Count { get; }

    /// <summary>Reads "i/n" (1 ≤ i ≤ n ≤ 10000); throws ArgumentException naming the value and the expected form.</summary>
    public static AccountShard Parse(string? text)
    {
        string value = text?.Trim() ?? "";
        int slash = value.IndexOf('/');
        if (slash > 0
            && int.TryParse(value.Substring(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out int index)
            && int.TryParse(value.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int count)
            && count >= 1 && count <= MaxCount && index >= 1 && index <= count)
            return new AccountShard(index, count);
        throw new ArgumentException($"'{text}' is not a shard; expected <index>/<count> with 1 <= index <= count <= {MaxCount}, such as 1/4 (the first of four runners).");
    }

    /// <summary>The 1-based shard of <paramref name="accountId"/> among <paramref name="count"/>.</summary>
    public static int ShardOf(string accountId, int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "At least one shard.");
        byte[] hash;
        using (var sha = SHA256.Create()) hash = sha.ComputeHash(System.Text.Encoding.ASCII.GetBytes(accountId));
        ulong head = 0;
        for (int i = 0; i < 8; i++) head = (head << 8) | hash[i];
        return (int)(head % (ulong)count) + 1;
    }

    public bool Contains(string accountId) => ShardOf(accountId, Count) == Index;

    public override string ToString() => $"{Index}/{Count}";
}
