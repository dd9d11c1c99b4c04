using BedrockCompliance.Engine.Evidence;

namespace BedrockCompliance.Tests.Safety;

/// <summary>Issue 15.11: every form the red team found kept (each row failed before the fix).</summary>
public class SecretGuardFormsTests
{
    const string Key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    public static TheoryData<string, string, string> Forms() => new()
    {
        // input, the secret that must be gone, the marker kind
        { "token=opaque0123456789abcdef", "opaque0123456789abcdef", "token" },
        { "token: opaque0123456789abcdef", "opaque0123456789abcdef", "token" },
        { "{\"token\":\"opaque0123456789abcdef\"}", "opaque0123456789abcdef", "token" },
        { "pwd=hunter2hunter2", "hunter2hunter2", "pwd" },
        { "PWD: hunter2hunter2", "hunter2hunter2", "PWD" },
        { "secretkey" + Key, Key, "AwsSecretAccessKey" },
        { Key + "trailingwords", Key, "AwsSecretAccessKey" },
        { "abc" + Key + "xyz", Key, "AwsSecretAccessKey" },
        { "sig wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYEXAMPLEKEY end", "K7MDENG%2FbPxRfiCYEXAMPLEKEY", "AwsSecretAccessKey" },
        { "sig wJalrXUtnFEMI%2fK7MDENG%2fbPxRfiCYEXAMPLEKEY end", "K7MDENG%2fbPxRfiCYEXAMPLEKEY", "AwsSecretAccessKey" },
        { "{\"k\":\"wJalrXUtnFEMI\\/K7MDENG\\/bPxRfiCYEXAMPLEKEY\"}", "K7MDENG\\/bPxRfiCYEXAMPLEKEY", "AwsSecretAccessKey" },
        { "AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbg%3D%3D",
          "YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbg", "" },
        { "using bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbg== now",
          "YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbg", "BedrockApiKey" },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public void Each_form_is_redacted(string input, string secret, string kind)
    {
        string? output = EvidenceSecretGuard.Scrub(input, out bool redacted);
        Assert.True(redacted, input);
        Assert.DoesNotContain(secret, output);
        Assert.DoesNotContain("EXAMPLEKEY", output);
        Assert.Contains("[REDACTED:" + kind, output);
    }

    [Theory]
    [InlineData("/home/runner/work/BedrockCompliance/BedrockCompliance/out/demo/evidence.jsonl")]
    [InlineData("src/BedrockCompliance/Engine/Evidence/Ledger/EvidenceSecretGuard")]
    [InlineData("ThisIsAVeryLongCamelCaseIdentifierWithoutAnySlashes123456")]
    [InlineData("nextToken=eyJsYXN0 is a page marker, and so is NextToken: 12")]
    [InlineData("The token expired; sign in again")]
    [InlineData("https://www.llama.com/llama3_1/license/")]
    [InlineData("arn:aws:iam::111111111111:role/OrganizationAccountAccessRole")]
    [InlineData("2e9e02b7533adcc5a718d9437a29ce0b712954f9e94cef3836e3fe11df961002")]
    public void Ordinary_values_stay(string input)
    {
        Assert.Equal(input, EvidenceSecretGuard.Scrub(input, out bool redacted));
        Assert.False(redacted);
    }
}
