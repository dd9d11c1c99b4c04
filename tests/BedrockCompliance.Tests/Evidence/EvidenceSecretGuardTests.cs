using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Tests.Evidence;

public class EvidenceSecretGuardTests
{
    public static TheoryData<string, string> Secrets() => new()
    {
        { "key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY used", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" },
        { "AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE" },
        { "temp ASIAXXXXXXXXXXXXXXXX", "ASIAXXXXXXXXXXXXXXXX" },
        { "aws_secret_access_key = abcd1234", "abcd1234" },
        { "{\"SecretAccessKey\":\"shortsecret\"}", "shortsecret" },
        { "AWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEJr", "IQoJb3JpZ2luX2VjEJr" },
        { "token " + new string('A', 60) + "/" + new string('b', 60) + "==", new string('A', 60) + "/" + new string('b', 60) },
        { "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
          "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7" },
        { "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7", "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7" },
        { "https://bucket.s3.amazonaws.com/terms.pdf?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA123%2F20240101&X-Amz-Signature=abcdef0123456789&X-Amz-Security-Token=FwoGZXIvYXdzEXAMPLE",
          "abcdef0123456789" },
        { "https://bucket.s3.amazonaws.com/terms.pdf?X-Amz-Security-Token=FwoGZXIvYXdzEXAMPLE&x=1", "FwoGZXIvYXdzEXAMPLE" },
        { "Authorization: Bearer abcdefghijklmnop.qrstuv", "abcdefghijklmnop" },
        { "header bearer sk-live-0123456789abcdef", "sk-live-0123456789abcdef" },
        { "AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlMTIz", "ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlMTIz" },
        { "key ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlMTIz end", "ABSKQmVkcm9ja0FQSUtleS1leGFtcGxlMTIz" },
        { "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "eyJzdWIiOiIxMjM0NTY3ODkwIn0" },
        { "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", "MIIEowIBAAKCAQEA" },
        { "password: hunter2hunter2", "hunter2hunter2" },
        { "offerToken=opaque-offer-token-value", "opaque-offer-token-value" },
        // Only the keyword and the assignment after it tell these apart from ordinary text.
        { "{\"api_key\" : \"abc123def456\"}", "abc123def456" },
        { "session_token\t=\topaquelowercasevalue", "opaquelowercasevalue" },
        { "see bedrock-api-key-abcdefghijklmnop", "abcdefghijklmnop" },
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Secret_material_is_redacted(string input, string secret)
    {
        string? output = EvidenceSecretGuard.Scrub(input, out bool redacted);
        Assert.True(redacted, input);
        Assert.DoesNotContain(secret, output);
        Assert.Contains("[REDACTED", output);
    }

    [Theory]
    [InlineData("anthropic.claude-3-5-sonnet-20241022-v2:0")]
    [InlineData("arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0")]
    [InlineData("arn:aws:sts::111111111111:assumed-role/OrganizationAccountAccessRole/session-name")]
    [InlineData("https://www.llama.com/llama3_1/license/")]
    [InlineData("https://aws.amazon.com/marketplace/pp/prodview-abcdefghijklm")]
    [InlineData("5e4b9ab0-5d4c-4f8a-9f0e-2d2f1c9b7a11")]
    [InlineData("2e9e02b7533adcc5a718d9437a29ce0b712954f9e94cef3836e3fe11df961002")]
    [InlineData("da39a3ee5e6b4b0d3255bfef95601890afd80709")] // a hex SHA-1 is not a secret key
    [InlineData("Customer support summarisation for internal tickets; no PII; EU data residency")]
    [InlineData("The secret of success is review before use")]
    [InlineData("Converse via meta.llama3-1-70b-instruct-v1:0 answered in 101 ms (stop reason end_turn, 5 output tokens).")]
    public void Ordinary_values_are_left_alone(string input)
    {
        Assert.Equal(input, EvidenceSecretGuard.Scrub(input, out bool redacted));
        Assert.False(redacted);
    }

    [Fact]
    public void Secrets_never_reach_the_file_whatever_field_they_are_in()
    {
        using var t = new TempLedger();
        const string secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        var d = TempLedger.Draft(1);
        d.Details = "creds " + secret;
        d.UseCase = "aws_session_token=" + secret;
        d.LegalTermUrl = "https://x.example/terms?X-Amz-Signature=" + secret;
        d.OfferId = "Bearer " + secret;
        d.LicenseName = secret;
        var stored = t.Ledger.Append(d);
        string file = File.ReadAllText(t.Path);
        Assert.DoesNotContain(secret, file);
        Assert.DoesNotContain("EXAMPLEKEY", file);
        Assert.Contains("[REDACTED:AwsSecretAccessKey]", stored.Details);
        Assert.True(t.Verify().Valid);
    }
}
