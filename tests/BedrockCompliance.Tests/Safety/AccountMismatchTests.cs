using BedrockCompliance.Engine;
using BedrockCompliance.Engine.Accounts;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Tests.Emulator;

namespace BedrockCompliance.Tests.Safety;

/// <summary>Issue 15.3: a context is only worked in when GetCallerIdentity proves its account.</summary>
public class AccountMismatchTests
{
    static AccountTarget Target(TestEmulator emu, string contextAccount, Amazon.Runtime.AWSCredentials credentials) =>
        new AccountTarget(new AwsConnection("us-east-1", credentials, null,
                AwsService.All.ToDictionary(s => s, _ => new Uri(emu.Url)), new AwsRetryPolicy(3, baseDelay: TimeSpan.Zero)),
            new BedrockAccountContext { AccountId = contextAccount, Region = "us-east-1" }, null);

    [Fact]
    public async Task Credentials_of_another_account_fail_the_context_with_AccountMismatch()
    {
        await using var emu = await TestEmulator.StartAsync();
        var target = Target(emu, "200000000002", TestEmulator.Management); // the management account's keys: 111111111111

        var ex = await Assert.ThrowsAsync<ComplianceException>(() => target.EnsureCredentialsAsync(CancellationToken.None));
        Assert.Equal("AccountMismatch", ex.ErrorId);
        Assert.Contains("200000000002", ex.Message);
        Assert.Contains("111111111111", ex.Message);
        // Every consumer of the identity (evidence, results) gets the same refusal, never 111111111111's identity under 200000000002.
        var again = await Assert.ThrowsAsync<ComplianceException>(() => target.GetIdentityAsync(CancellationToken.None));
        Assert.Equal("AccountMismatch", again.ErrorId);
    }

    [Fact]
    public async Task Credentials_of_the_named_account_pass()
    {
        await using var emu = await TestEmulator.StartAsync();
        var member = await emu.AssumeMemberAsync("200000000001");

        await Target(emu, "200000000001", member).EnsureCredentialsAsync(CancellationToken.None);
        var identity = await Target(emu, "200000000001", member).GetIdentityAsync(CancellationToken.None);
        Assert.Equal("200000000001", identity!.Account);
    }

    [Theory]
    [InlineData("١١١١١١١١١١١١")]  // Arabic-Indic digits
    [InlineData("１１１１１１１１１１１１")] // full-width digits
    [InlineData("11111111111١")]
    public void Only_ASCII_digits_make_an_account_ID(string id)
    {
        Assert.Matches("^\\d{12}$", id); // what .NET's \d accepted
        Assert.DoesNotMatch(AccountTargetResolver.AccountIdPattern, id);
        Assert.DoesNotMatch(AccountTargetResolver.RoleArnPattern, $"arn:aws:iam::{id}:role/Admin");
        var ex = Assert.Throws<ArgumentException>(() => AccountTargetResolver.Validate(new BedrockAccountContext { AccountId = id, Region = "us-east-1" }));
        Assert.Contains(id, ex.Message);
    }

    [Theory]
    [InlineData("Admin Role")]
    [InlineData("Rôle")]
    [InlineData("")]
    [InlineData("a/")]
    [InlineData("Admin*")]
    public void Role_names_outside_IAM_rules_are_refused(string name)
    {
        Assert.DoesNotMatch(AccountTargetResolver.RoleNamePattern, name);
        Assert.DoesNotMatch(AccountTargetResolver.RoleArnPattern, "arn:aws:iam::111111111111:role/" + name);
    }

    [Theory]
    [InlineData("OrganizationAccountAccessRole")]
    [InlineData("team/Admin")]
    [InlineData("a+b=c,d.e@f_g-h")]
    public void IAM_role_names_pass(string name)
    {
        Assert.Matches(AccountTargetResolver.RoleNamePattern, name);
        Assert.Matches(AccountTargetResolver.RoleArnPattern, "arn:aws:iam::111111111111:role/" + name);
    }
}
