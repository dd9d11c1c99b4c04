using BedrockCompliance.Engine.Accounts;

namespace BedrockCompliance.Tests.Scale;

/// <summary>-Shard i/n: the documented hash, a partition (every account in exactly one shard), clear errors.</summary>
public class AccountShardTests
{
    // Expected values from the documented rule, computed outside .NET: printf %s ID | sha256sum, first 16 hex digits mod n, plus 1.
    [Theory]
    [InlineData("123456789012", 4, 3)]
    [InlineData("123456789012", 3, 2)]
    [InlineData("200000000001", 4, 3)]
    [InlineData("200000000002", 4, 1)]
    [InlineData("000000000007", 3, 3)]
    public void The_shard_of_an_account_follows_the_documented_hash(string accountId, int count, int expected) =>
        Assert.Equal(expected, AccountShard.ShardOf(accountId, count));

    [Fact]
    public void Shards_partition_the_accounts_and_spread_them_evenly()
    {
        var ids = Enumerable.Range(1, 4000).Select(i => (200000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var shards = Enumerable.Range(1, 4).Select(i => AccountShard.Parse($"{i}/4")).ToList();
        foreach (var id in ids) Assert.Single(shards, s => s.Contains(id));
        foreach (var s in shards) Assert.InRange(ids.Count(s.Contains), 850, 1150);
        Assert.All(ids, id => Assert.True(AccountShard.Parse("1/1").Contains(id)));
    }

    [Theory]
    [InlineData("2/4", 2, 4)]
    [InlineData(" 1/1 ", 1, 1)]
    [InlineData("10000/10000", 10000, 10000)]
    public void A_shard_reads_index_over_count(string text, int index, int count)
    {
        var shard = AccountShard.Parse(text);
        Assert.Equal(index, shard.Index);
        Assert.Equal(count, shard.Count);
        Assert.Equal($"{index}/{count}", shard.ToString());
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1/0")]
    [InlineData("4")]
    [InlineData("a/b")]
    [InlineData("-1/4")]
    [InlineData("1/4/2")]
    [InlineData("١/٤")]
    [InlineData("1/10001")]
    [InlineData("")]
    public void A_bad_shard_is_refused_naming_the_value_and_the_form(string text)
    {
        var ex = Assert.Throws<ArgumentException>(() => AccountShard.Parse(text));
        Assert.Contains($"'{text}'", ex.Message);
        Assert.Contains("<index>/<count>", ex.Message);
    }
}
