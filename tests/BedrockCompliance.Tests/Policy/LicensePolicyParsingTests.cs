using System.Text;
using BedrockCompliance.Engine.Policy;

namespace BedrockCompliance.Tests.Policy;

public class LicensePolicyParsingTests
{
    [Fact]
    public void Example_policy_loads_with_every_field()
    {
        var p = LicensePolicy.Load(PolicyTestData.ExamplePolicyPath);
        Assert.Equal(1, p.SchemaVersion);
        Assert.Equal("Contoso Bedrock licence policy", p.Name);
        Assert.Equal(3, p.AllowedCategories.Count);
        Assert.Contains("deepseek", p.DeniedProviders);
        Assert.Contains("NO_TRAINING_COMPETING_MODELS", p.DeniedRestrictions);
        Assert.Equal(CatalogConfidence.Likely, p.MinimumConfidence);
        Assert.False(p.AllowLegacyModels);
        Assert.Equal(2, p.Approvals.Count);
        Assert.Equal(new DateTime(2027, 2, 10), p.Approvals[0].ExpiresOn);
        Assert.Equal(new[] { "us-east-1", "us-west-2", "eu-west-1" }, p.Regions);
        Assert.Equal(new[] { "us-east-1", "us-west-2", "eu-west-1" }, p.AllowedRegions);
        Assert.Equal(DataRetentionMode.Default, p.MaximumDataRetention);
        Assert.Null(p.DenyWithinDaysOfEndOfLife);
        Assert.Matches("^[0-9a-f]{64}$", p.Sha256);
    }

    [Fact]
    public void Load_is_cached_by_path_and_time_stamp_and_rereads_an_edited_file()
    {
        string file = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(file, PolicyTestData.Minimal("\"name\":\"one\""));
            var a = LicensePolicy.Load(file);
            Assert.Same(a, LicensePolicy.Load(file));
            File.WriteAllText(file, PolicyTestData.Minimal("\"name\":\"two, longer\""));
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5));
            var b = LicensePolicy.Load(file);
            Assert.NotSame(a, b);
            Assert.Equal("two, longer", b.Name);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void Missing_file_names_the_file()
    {
        var ex = Assert.Throws<LicensePolicyException>(() => LicensePolicy.Load("/nonexistent/policy.json"));
        Assert.Contains("policy.json", ex.Message);
        Assert.Contains("does not exist", ex.Message);
    }

    public static TheoryData<string, string, string[]> BadPolicies() => new()
    {
        // json, expected JSON path, fragments the message must contain (bad value and what is expected)
        { "[1,2]", "$", new[] { "expected a JSON object" } },
        { "{\"schemaVersion\":1,", "", new[] { "not valid JSON", "line" } },
        { "{\"allowedCategories\":[]}", "$.schemaVersion", new[] { "required", "1" } },
        { "{\"schemaVersion\":2,\"allowedCategories\":[]}", "$.schemaVersion", new[] { "'2'", "expected 1" } },
        { "{\"schemaVersion\":\"1\",\"allowedCategories\":[]}", "$.schemaVersion", new[] { "'1'", "expected 1" } },
        { "{\"schemaVersion\":1}", "$.allowedCategories", new[] { "required", "AmazonProprietary" } },
        { "{\"schemaVersion\":1,\"allowedCategories\":\"OpenWeight\"}", "$.allowedCategories", new[] { "expected an array" } },
        { "{\"schemaVersion\":1,\"allowedCategories\":[\"Freeware\"]}", "$.allowedCategories[0]", new[] { "'Freeware'", "AmazonProprietary, ProprietaryCommercial, OpenWeight" } },
        { "{\"schemaVersion\":1,\"allowedCategories\":[\"Unknown\"]}", "$.allowedCategories[0]", new[] { "'Unknown' cannot be allowed", "approvals" } },
        { "{\"schemaVersion\":1,\"allowedCategories\":[\"OpenWeight\",\"openweight\"]}", "$.allowedCategories[1]", new[] { "listed twice" } },
        { PolicyTestData.Minimal("\"allowedCategory\":[]"), "$.allowedCategory", new[] { "unknown field", "allowedCategories" } },
        { PolicyTestData.Minimal("\"AllowLegacyModels\":true"), "$.AllowLegacyModels", new[] { "case-sensitive", "allowLegacyModels" } },
        { PolicyTestData.Minimal("\"name\":\"a\",\"name\":\"b\""), "$.name", new[] { "appears twice" } },
        { PolicyTestData.Minimal("\"name\":42"), "$.name", new[] { "expected a string", "42" } },
        { PolicyTestData.Minimal("\"allowedProviders\":[\"meta\"],\"deniedProviders\":[\"Meta\"]"), "$.deniedProviders[0]", new[] { "'Meta'", "also in allowedProviders" } },
        { PolicyTestData.Minimal("\"deniedProviders\":[\"\"]"), "$.deniedProviders[0]", new[] { "must not be empty" } },
        { PolicyTestData.Minimal("\"deniedProviders\":[7]"), "$.deniedProviders[0]", new[] { "expected a string", "7" } },
        { PolicyTestData.Minimal("\"allowedModelIds\":[\"Meta.Llama3-*\"]"), "$.allowedModelIds[0]", new[] { "'Meta.Llama3-*'", "lower case" } },
        { PolicyTestData.Minimal("\"deniedModelIds\":[\"us.meta.llama3-*\"]"), "$.deniedModelIds[0]", new[] { "inference-profile prefix", "meta.llama3-*" } },
        { PolicyTestData.Minimal("\"deniedModelIds\":[\"arn:aws:bedrock:*::foundation-model/x.y\"]"), "$.deniedModelIds[0]", new[] { "is an ARN" } },
        { PolicyTestData.Minimal("\"deniedModelIds\":[\"meta llama\"]"), "$.deniedModelIds[0]", new[] { "'meta llama'", "'*' and '?'" } },
        { PolicyTestData.Minimal("\"allowedModelIds\":[\"amazon.*\"],\"deniedModelIds\":[\"amazon.*\"]"), "$.deniedModelIds[0]", new[] { "also in allowedModelIds" } },
        { PolicyTestData.Minimal("\"deniedRestrictions\":[\"NO_TRAINING_COMPETING_MODEL\"]"), "$.deniedRestrictions[0]", new[] { "'NO_TRAINING_COMPETING_MODEL'", "NO_TRAINING_COMPETING_MODELS" } },
        { PolicyTestData.Minimal("\"minimumConfidence\":\"High\""), "$.minimumConfidence", new[] { "'High'", "Unverified, Likely, Confirmed" } },
        { PolicyTestData.Minimal("\"minimumConfidence\":\"None\""), "$.minimumConfidence", new[] { "'None'" } },
        { PolicyTestData.Minimal("\"allowLegacyModels\":\"yes\""), "$.allowLegacyModels", new[] { "'yes'", "true or false" } },
        { PolicyTestData.Minimal("\"regions\":[\"US-EAST-1\"]"), "$.regions[0]", new[] { "'US-EAST-1'", "us-east-1" } },
        { PolicyTestData.Minimal("\"regions\":[\"mars-1\"]"), "$.regions[0]", new[] { "'mars-1'", "Region" } },
        { PolicyTestData.Minimal("\"allowedRegions\":[]"), "$.allowedRegions", new[] { "is empty", "at least one Region" } },
        { PolicyTestData.Minimal("\"allowedRegions\":[\"Frankfurt\"]"), "$.allowedRegions[0]", new[] { "'Frankfurt'", "Region name" } },
        { PolicyTestData.Minimal("\"allowedRegions\":\"eu-west-1\""), "$.allowedRegions", new[] { "expected an array" } },
        { PolicyTestData.Minimal("\"maximumDataRetention\":\"provider_data_share\""), "$.maximumDataRetention", new[] { "'provider_data_share'", "none, default, aws_review", "provider" } },
        { PolicyTestData.Minimal("\"maximumDataRetention\":\"inherit\""), "$.maximumDataRetention", new[] { "'inherit'", "none, default, aws_review" } },
        { PolicyTestData.Minimal("\"maximumDataRetention\":\"AwsReview\""), "$.maximumDataRetention", new[] { "'AwsReview'", "aws_review" } },
        { PolicyTestData.Minimal("\"maximumDataRetention\":0"), "$.maximumDataRetention", new[] { "'0'", "none, default, aws_review" } },
        { PolicyTestData.Minimal("\"denyWithinDaysOfEndOfLife\":-1"), "$.denyWithinDaysOfEndOfLife", new[] { "'-1'", "0 to 3650" } },
        { PolicyTestData.Minimal("\"denyWithinDaysOfEndOfLife\":\"30\""), "$.denyWithinDaysOfEndOfLife", new[] { "'30'", "whole number" } },
        { PolicyTestData.Minimal("\"denyWithinDaysOfEndOfLife\":1.5"), "$.denyWithinDaysOfEndOfLife", new[] { "'1.5'" } },
        { PolicyTestData.Minimal("\"maximumDataRetentionMode\":\"none\""), "$.maximumDataRetentionMode", new[] { "unknown field", "maximumDataRetention" } },
        { PolicyTestData.Minimal("\"approvals\":{}"), "$.approvals", new[] { "expected an array" } },
        { PolicyTestData.Minimal("\"approvals\":[\"amazon.nova-pro-v1:0\"]"), "$.approvals[0]", new[] { "expected an object" } },
        { PolicyTestData.Minimal("\"approvals\":[{\"approvedBy\":\"A\",\"approvedOn\":\"2026-01-01\"}]"), "$.approvals[0].modelId", new[] { "required" } },
        { PolicyTestData.Minimal("\"approvals\":[{\"modelId\":\"x\",\"approvedBy\":\"A\",\"approvedOn\":\"2026-01-01\"}]"), "$.approvals[0].modelId", new[] { "'x'", "not a valid Bedrock model ID" } },
        { PolicyTestData.Minimal("\"approvals\":[{\"modelId\":\"meta.*\",\"approvedBy\":\"A\",\"approvedOn\":\"2026-01-01\"}]"), "$.approvals[0].modelId", new[] { "wildcard", "allowedModelIds" } },
        { PolicyTestData.Minimal("\"approvals\":[{\"modelId\":\"amazon.nova-pro-v1:0\",\"approvedOn\":\"2026-01-01\"}]"), "$.approvals[0].approvedBy", new[] { "required" } },
        { PolicyTestData.Minimal("\"approvals\":[{\"modelId\":\"amazon.nova-pro-v1:0\",\"approvedBy\":\"A\"}]"), "$.approvals[0].approvedOn", new[] { "required", "yyyy-MM-dd" } },
        { PolicyTestData.Minimal("\"approvals\":[{\"modelId\":\"amazon.nova-pro-v1:0\",\"approvedBy\":\"A\",\"approvedOn\":\"01/02/2026\"}]"), "$.approvals[0].approvedOn", new[] { "'01/02/2026'", "yyyy-MM-dd" } },
        { PolicyTestData.Minimal("\"approvals\":[{\"modelId\":\"amazon.nova-pro-v1:0\",\"approvedBy\":\"A\",\"approvedOn\":\"2026-02-30\"}]"), "$.approvals[0].approvedOn", new[] { "'2026-02-30'" } },
        { PolicyTestData.Minimal("\"approvals\":[{\"modelId\":\"amazon.nova-pro-v1:0\",\"approvedBy\":\"A\",\"approvedOn\":\"2026-02-01\",\"expiresOn\":\"2026-01-01\"}]"), "$.approvals[0].expiresOn", new[] { "'2026-01-01'", "not after approvedOn" } },
        { PolicyTestData.Minimal("\"approvals\":[{\"modelId\":\"amazon.nova-pro-v1:0\",\"approvedBy\":\"A\",\"approvedOn\":\"2026-02-01\",\"ticket\":\"X\"}]"), "$.approvals[0].ticket", new[] { "unknown field", "reference" } },
        { PolicyTestData.Minimal("\"approvals\":[{\"modelId\":\"amazon.nova-pro-v1:0\",\"approvedBy\":\"A\",\"approvedOn\":\"2026-02-01\"},{\"modelId\":\"us.amazon.nova-pro-v1:0\",\"approvedBy\":\"B\",\"approvedOn\":\"2026-02-02\"}]"), "$.approvals[1].modelId", new[] { "already approved by $.approvals[0]" } },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public void Invalid_policy_errors_name_file_field_value_and_expectation(string json, string path, string[] fragments)
    {
        var ex = Assert.Throws<LicensePolicyException>(() => PolicyTestData.Parse(json, "org-policy.json"));
        Assert.StartsWith("Licence policy 'org-policy.json'", ex.Message);
        if (path.Length > 0)
        {
            Assert.Equal(path, ex.JsonPath);
            Assert.Contains($"field '{path}'", ex.Message);
        }
        foreach (var f in fragments) Assert.Contains(f, ex.Message);
    }

    [Fact]
    public void Approval_model_ids_are_normalised_to_the_foundation_model()
    {
        var p = PolicyTestData.Parse(PolicyTestData.Minimal("\"approvals\":[{\"modelId\":\"arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.anthropic.claude-3-5-haiku-20241022-v1:0\",\"approvedBy\":\"A\",\"approvedOn\":\"2026-01-01\"}]"));
        Assert.Equal("anthropic.claude-3-5-haiku-20241022-v1:0", p.Approvals[0].ModelId);
    }

    [Fact]
    public void Comments_are_allowed_and_optional_fields_default_safely()
    {
        var p = PolicyTestData.Parse("// Contoso\n{\"schemaVersion\":1, /* none by rule */ \"allowedCategories\":[]}");
        Assert.Empty(p.AllowedCategories);
        Assert.False(p.AllowLegacyModels);
        Assert.Null(p.MinimumConfidence);
        Assert.Empty(p.Regions);
        Assert.Empty(p.AllowedRegions);
        Assert.Null(p.MaximumDataRetention);
        Assert.Null(p.DenyWithinDaysOfEndOfLife);
    }
}
