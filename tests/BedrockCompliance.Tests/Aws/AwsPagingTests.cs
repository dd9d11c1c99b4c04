using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Tests.Aws;

/// <summary>The one continuation loop every listing follows: it ends on an empty token and never loops forever.</summary>
public class AwsPagingTests
{
    [Fact]
    public async Task Follows_tokens_until_one_is_empty_passing_each_to_the_next_page()
    {
        var seen = new List<string?>();
        var next = new Queue<string?>(new[] { "t1", "t2", "" });
        await AwsPaging.FollowAsync(AwsService.Bedrock, "ListThings", "nextToken", token =>
        {
            seen.Add(token);
            return Task.FromResult((next.Dequeue(), (string?)"req"));
        });
        Assert.Equal(new[] { null, "t1", "t2" }, seen);
    }

    [Fact]
    public async Task A_repeated_token_is_a_malformed_answer_naming_the_token_and_the_request()
    {
        var tokens = new Queue<string>(new[] { "a", "b", "a" });
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() =>
            AwsPaging.FollowAsync(AwsService.Iam, "ListUsers", "Marker", _ => Task.FromResult(((string?)tokens.Dequeue(), (string?)"req-9"))));
        Assert.Contains("page 3 repeats an earlier Marker", ex.Message);
        Assert.Equal("req-9", ex.RequestId);
    }

    [Fact]
    public async Task More_pages_than_the_limit_stop_rather_than_loop()
    {
        int pages = 0;
        var ex = await Assert.ThrowsAsync<AwsResponseFormatException>(() =>
            AwsPaging.FollowAsync(AwsService.Ec2, "DescribeVpcEndpoints", "NextToken", _ => Task.FromResult(((string?)$"t{++pages}", (string?)null)), maxPages: 3));
        Assert.Equal(3, pages);
        Assert.Contains("more than 3 pages; stopped rather than loop", ex.Message);
    }
}
