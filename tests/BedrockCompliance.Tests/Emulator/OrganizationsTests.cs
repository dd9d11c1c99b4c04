using Amazon.Runtime;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Tests.Emulator;

/// <summary>The engine's Organizations client (JSON 1.1 on AWSSDK.Core's signer) against the emulator's organisation.</summary>
public class OrganizationsTests
{
    static OrganizationsClient Client(TestEmulator emu, AWSCredentials? credentials = null)
    {
        var endpoint = new Uri(emu.Url);
        var connection = new AwsConnection("us-east-1", credentials ?? TestEmulator.Management, null,
            AwsService.All.ToDictionary(s => s, _ => endpoint), new AwsRetryPolicy(1, baseDelay: TimeSpan.Zero));
        return new OrganizationsClient(new AwsHttpSender(connection));
    }

    [Fact]
    public async Task The_organisation_lists_every_account_across_pages_with_names_and_one_suspended()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Accounts = 25);
        var client = Client(emu);
        var (id, management) = await client.DescribeOrganizationAsync(default);
        Assert.Equal("o-emulator01", id);
        Assert.Equal("111111111111", management);

        // 1 management + 25 members + 1 suspended: more than one page of 20.
        var accounts = await client.ListAccountsAsync(default);
        Assert.Equal(27, accounts.Count);
        Assert.Equal(27, accounts.Select(a => a.AccountId).Distinct().Count());
        Assert.Equal("Management", accounts.Single(a => a.AccountId == "111111111111").AccountName);
        Assert.Equal("member-7", accounts.Single(a => a.AccountId == "200000000007").AccountName);
        var suspended = Assert.Single(accounts, a => a.Status == "SUSPENDED");
        Assert.Equal("200000000026", suspended.AccountId);
        Assert.NotNull(accounts[0].JoinedTimestamp);
        Assert.Null(accounts[0].ParentId);
    }

    [Fact]
    public async Task An_OU_subtree_includes_the_OUs_below_it_and_names_each_parent()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.Accounts = 3);
        var client = Client(emu);
        var workloads = await client.ListAccountsInSubtreeAsync("ou-emu1-workload", default);
        Assert.Equal(new[] { "200000000001", "200000000002", "200000000003", "200000000004" }, workloads.Select(a => a.AccountId).OrderBy(x => x));
        Assert.Equal("ou-emu1-prod0001", workloads.Single(a => a.AccountId == "200000000001").ParentId);
        Assert.Equal("ou-emu1-workload", workloads.Single(a => a.Status == "SUSPENDED").ParentId);
        Assert.Equal(new[] { "ou-emu1-workload" }, await client.ListChildOusAsync("r-emu1", default));
        var root = await client.ListAccountsInSubtreeAsync("r-emu1", default);
        Assert.Equal(5, root.Count);
    }

    [Fact]
    public async Task Errors_come_back_as_the_JSON_1_1_codes()
    {
        await using var emu = await TestEmulator.StartAsync();
        var client = Client(emu);
        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => client.ListAccountsForParentAsync("ou-zzzz-nonexist0", default));
        Assert.Equal("ParentNotFoundException", missing.ErrorCode);
        var invalid = await Assert.ThrowsAsync<AwsServiceException>(() => client.ListAccountsForParentAsync("bogus", default));
        Assert.Equal("InvalidInputException", invalid.ErrorCode);
    }

    [Fact]
    public async Task A_member_account_may_not_read_the_organisation()
    {
        await using var emu = await TestEmulator.StartAsync();
        var sso = await emu.Http.GetAsync("/federation/credentials?role_name=ReadOnly&account_id=200000000001");
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, sso.StatusCode);
        Assert.Equal("UnauthorizedException", sso.Headers.GetValues("x-amzn-ErrorType").Single());

        var request = new HttpRequestMessage(HttpMethod.Get, "/federation/credentials?role_name=ReadOnly&account_id=200000000001");
        request.Headers.Add("x-amz-sso_bearer_token", "emulator-sso-access-token");
        var answer = await emu.Http.SendAsync(request);
        var json = System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["roleCredentials"]!;
        var member = new SessionAWSCredentials((string)json["accessKeyId"]!, (string)json["secretAccessKey"]!, (string)json["sessionToken"]!);
        var denied = await Assert.ThrowsAsync<AwsServiceException>(() => Client(emu, member).DescribeOrganizationAsync(default));
        Assert.Equal("AccessDeniedException", denied.ErrorCode);
    }
}
