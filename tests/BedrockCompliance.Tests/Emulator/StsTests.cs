using System.Net;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace BedrockCompliance.Tests.Emulator;

/// <summary>STS end to end through the official AmazonSecurityTokenServiceClient.</summary>
public class StsTests
{
    static AmazonSecurityTokenServiceClient Client(TestEmulator emu, AWSCredentials? credentials = null) =>
        new(credentials ?? TestEmulator.Management, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = emu.Url,
            AuthenticationRegion = "us-east-1",
            MaxErrorRetry = 0,
        });

    static string MemberRole(string accountId) => $"arn:aws:iam::{accountId}:role/OrganizationAccountAccessRole";

    [Fact]
    public async Task Get_caller_identity_returns_the_management_user()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var sts = Client(emu);
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal("111111111111", identity.Account);
        Assert.Equal("arn:aws:iam::111111111111:user/compliance-admin", identity.Arn);
        Assert.False(string.IsNullOrEmpty(identity.UserId));
    }

    [Fact]
    public async Task Assume_role_issues_session_credentials_the_emulator_accepts()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var sts = Client(emu);
        var before = DateTime.UtcNow;
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = MemberRole("200000000003"), RoleSessionName = "audit-run", DurationSeconds = 900, ExternalId = "anything",
        });
        Assert.StartsWith("ASIA", assumed.Credentials.AccessKeyId);
        Assert.False(string.IsNullOrEmpty(assumed.Credentials.SessionToken));
        Assert.InRange(assumed.Credentials.Expiration!.Value.ToUniversalTime(), before.AddSeconds(890), before.AddSeconds(960));
        Assert.Equal("arn:aws:sts::200000000003:assumed-role/OrganizationAccountAccessRole/audit-run", assumed.AssumedRoleUser.Arn);

        var session = new SessionAWSCredentials(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, assumed.Credentials.SessionToken);
        using var memberSts = Client(emu, session);
        var identity = await memberSts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal("200000000003", identity.Account);
        Assert.Equal("arn:aws:sts::200000000003:assumed-role/OrganizationAccountAccessRole/audit-run", identity.Arn);
        Assert.EndsWith(":audit-run", identity.UserId);
    }

    [Theory]
    [InlineData("arn:aws:iam::299999999999:role/OrganizationAccountAccessRole")] // no such account
    [InlineData("arn:aws:iam::200000000001:role/SomeOtherRole")]                 // no such role
    [InlineData("arn:aws:iam::111111111111:role/OrganizationAccountAccessRole")] // management has none
    public async Task Assume_role_that_cannot_be_assumed_is_access_denied(string roleArn)
    {
        await using var emu = await TestEmulator.StartAsync();
        using var sts = Client(emu);
        var e = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "s1" }));
        Assert.Equal("AccessDenied", e.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Equal($"User: arn:aws:iam::111111111111:user/compliance-admin is not authorized to perform: sts:AssumeRole on resource: {roleArn}", e.Message);
    }

    [Fact]
    public async Task Unassumable_account_and_external_id_are_honoured()
    {
        await using var emu = await TestEmulator.StartAsync(o => o.UnassumableAccounts.Add("200000000001"));
        await emu.ControlAsync("accounts/200000000002", new System.Text.Json.Nodes.JsonObject { ["externalId"] = "secret-ext" });
        using var sts = Client(emu);
        await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = MemberRole("200000000001"), RoleSessionName = "s1" }));
        await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = MemberRole("200000000002"), RoleSessionName = "s1", ExternalId = "wrong" }));
        var ok = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = MemberRole("200000000002"), RoleSessionName = "s1", ExternalId = "secret-ext" });
        Assert.StartsWith("ASIA", ok.Credentials.AccessKeyId);
    }

    [Fact]
    public async Task Members_cannot_assume_roles()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var member = Client(emu, await emu.AssumeMemberAsync("200000000001"));
        var e = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            member.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = MemberRole("200000000002"), RoleSessionName = "chain" }));
        Assert.Equal("AccessDenied", e.ErrorCode);
    }

    [Theory]
    [InlineData(899)]
    [InlineData(43201)]
    public async Task Duration_outside_range_is_a_validation_error(int seconds)
    {
        await using var emu = await TestEmulator.StartAsync();
        using var sts = Client(emu);
        var e = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() =>
            sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = MemberRole("200000000001"), RoleSessionName = "s1", DurationSeconds = seconds }));
        Assert.Equal("ValidationError", e.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, e.StatusCode);
    }

    [Fact]
    public async Task Bad_signature_and_unknown_key_use_sts_error_xml()
    {
        await using var emu = await TestEmulator.StartAsync();
        using var wrongSecret = Client(emu, new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "not-the-secret"));
        var e = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => wrongSecret.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal("SignatureDoesNotMatch", e.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, e.StatusCode);
        Assert.Equal(ErrorType.Sender, e.ErrorType);

        using var unknown = Client(emu, new BasicAWSCredentials("AKIANOTKNOWN00000000", "x"));
        e = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => unknown.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal("InvalidClientTokenId", e.ErrorCode);

        // Raw shape: ErrorResponse/Error/{Type,Code,Message} + RequestId, in the STS namespace.
        var raw = await emu.PostFormAsync("Action=GetCallerIdentity&Version=2011-06-15", "sts",
            new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "not-the-secret"));
        var xml = XDocument.Parse(await raw.Content.ReadAsStringAsync());
        XNamespace ns = "https://sts.amazonaws.com/doc/2011-06-15/";
        Assert.Equal("SignatureDoesNotMatch", xml.Root!.Element(ns + "Error")!.Element(ns + "Code")!.Value);
        Assert.Equal(raw.Headers.GetValues("x-amzn-RequestId").Single(), xml.Root.Element(ns + "RequestId")!.Value);
    }

    [Fact]
    public async Task Get_with_query_string_action_is_accepted()
    {
        await using var emu = await TestEmulator.StartAsync();
        var response = await emu.SendAsync(emu.Signed(HttpMethod.Get, "/?Action=GetCallerIdentity&Version=2011-06-15", service: "sts"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<Account>111111111111</Account>", await response.Content.ReadAsStringAsync());
    }
}
