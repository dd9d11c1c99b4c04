using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using BedrockCompliance.Engine.Privacy.Checks;
using BedrockCompliance.Engine.Privacy.Retention;

namespace BedrockCompliance.Tests.Privacy;

public class ApiKeysCheckTests
{
    static readonly DateTime Now = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
    static ServiceSpecificCredential Key(string user, string status = "Active", DateTime? expires = null) => new(
        UserName: user, Id: "ACCA" + user.ToUpperInvariant(), ServiceName: "bedrock.amazonaws.com", Status: status,
        CreateDate: new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), ExpirationDate: expires is { } e ? new DateTimeOffset(e) : null);

    [Fact]
    public void An_active_long_term_key_fails_naming_user_age_and_expiry()
    {
        var r = ApiKeysCheck.Judge("us-east-1", 2, new[] { Key("alice") }, Array.Empty<(string, Exception)>(), Now);
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Equal(new[] { "alice/ACCAALICE" }, r.Resources);
        Assert.Contains("alice: ACCAALICE (Active, 30 day(s) old, never expires)", r.Detail);
        Assert.Contains("delete-service-specific-credential --user-name alice", r.Remediation);
    }

    [Fact]
    public void Expired_and_inactive_keys_pass_but_are_listed()
    {
        var r = ApiKeysCheck.Judge("us-east-1", 2, new[] { Key("bob", expires: new DateTime(2026, 11, 15, 0, 0, 0, DateTimeKind.Utc)), Key("carol", "Inactive") }, Array.Empty<(string, Exception)>(), Now);
        Assert.Equal(PrivacyCheckStatus.Pass, r.Status);
        Assert.Contains("expired 2026-11-15", r.Detail);
    }

    [Fact]
    public void A_user_whose_keys_cannot_be_read_makes_it_unknown()
    {
        var denied = new AwsServiceException("IAM", "ListServiceSpecificCredentials", "AccessDenied", "no", 403, "r");
        var r = ApiKeysCheck.Judge("us-east-1", 1, Array.Empty<ServiceSpecificCredential>(), new[] { ("dave", (Exception)denied) }, Now);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Equal("AccessDenied", r.ErrorCode);
        Assert.StartsWith("Could not read the keys of 1 of 1 user(s): dave: AccessDenied: no", r.Detail);
        Assert.Contains("among 0 IAM user(s)", r.Detail);
        Assert.Contains("Grant iam:ListUsers and iam:ListServiceSpecificCredentials in us-east-1", r.Remediation);
    }
}

public class InvocationLogEncryptionCheckTests
{
    static LogDestination Dest(string resource, bool? encrypted) => new() { Resource = resource, Encrypted = encrypted, Found = encrypted == null ? "could not be read" : "x" };

    [Fact]
    public void A_destination_without_a_KMS_key_fails_with_the_command_for_it()
    {
        var r = InvocationLogEncryptionCheck.Judge("us-east-1", true, new[] { Dest("s3://logs", false), Dest("cloudwatch:/lg", true) });
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Contains("put-bucket-encryption --bucket logs", r.Remediation);
        Assert.DoesNotContain("associate-kms-key", r.Remediation);
    }

    [Fact]
    public void Encrypted_destinations_or_no_logging_pass_and_unreadable_ones_are_unknown()
    {
        Assert.Equal(PrivacyCheckStatus.Pass, InvocationLogEncryptionCheck.Judge("us-east-1", true, new[] { Dest("cloudwatch:/lg", true) }).Status);
        Assert.Equal(PrivacyCheckStatus.Pass, InvocationLogEncryptionCheck.Judge("us-east-1", false, Array.Empty<LogDestination>()).Status);
        Assert.Equal(PrivacyCheckStatus.Unknown, InvocationLogEncryptionCheck.Judge("us-east-1", true, new[] { Dest("s3://logs", null) }).Status);
    }
}
