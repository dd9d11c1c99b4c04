using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Hosting;
using BedrockCompliance.Engine.Policy;

namespace BedrockCompliance.Tests.Policy;

/// <summary>
/// The generated documents evaluated statement by statement as whole calls: a direct call, a call through each
/// geographic and the global cross-Region profile (every authorisation leg: the profile in the source Region, the
/// model in each destination Region, and a global profile's Region-less leg with aws:RequestedRegion =
/// "unspecified"), and a mantle CreateInference. Destination legs are tried under both readings of which Region
/// AWS puts in aws:RequestedRegion (destination or source), since the reference does not settle it.
/// </summary>
public class AccessPolicyCoverageTests
{
    const string Account = "123456789012";
    // Regions a licence policy commonly lists and many it does not.
    static readonly string[] Regions = { "us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "eu-central-2", "ap-southeast-2", "ap-south-1", "sa-east-1", "me-central-1", "ca-central-1", "il-central-1" };
    static readonly (string Prefix, string Source)[] Profiles = { ("us", "us-east-1"), ("eu", "eu-west-1"), ("apac", "ap-southeast-2"), ("global", "eu-west-1"), ("global", "sa-east-1") };
    static readonly string[] EuRegions = { "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3" };

    const string BasePolicy = "\"allowedCategories\":[\"AmazonProprietary\",\"OpenWeight\",\"ProprietaryCommercial\"],\"deniedProviders\":[\"deepseek\"]," +
        "\"deniedRestrictions\":[\"NO_TRAINING_COMPETING_MODELS\"],\"allowLegacyModels\":true,\"regions\":[\"us-east-1\",\"eu-west-1\"]";

    static (AccessPolicyResult Result, List<(string Id, bool Allowed)> Universe) Generate(string extraPolicy, AccessPolicyType type, AccessPolicyStrategy strategy, bool compress,
        Action<AccessPolicyOptions>? tweak = null)
    {
        var policy = PolicyTestData.Parse("{\"schemaVersion\":1," + BasePolicy + extraPolicy + "}");
        var universe = new AccessPolicyUniverse(new PolicyEvaluator(policy, new FixedTimeProvider(PolicyTestData.AsOf)), LicenseCatalog.Default);
        universe.Complete();
        var options = new AccessPolicyOptions { Type = type, Strategy = strategy, Compress = compress };
        AccessPolicyUniverse.ApplyPolicy(options, policy);
        tweak?.Invoke(options);
        return (AccessPolicyGenerator.Generate(universe.ForGenerator(), options), universe.ForGenerator().ToList());
    }

    static Dictionary<string, string> Ctx(string region, string? profileArn = null, string? key = null, string? value = null)
    {
        var c = new Dictionary<string, string> { ["aws:RequestedRegion"] = region };
        if (profileArn != null) c[AccessPolicyGenerator.InferenceProfileArnKey] = profileArn;
        if (key != null) c[key] = value!;
        return c;
    }

    static string Model(string region, string id) => $"arn:aws:bedrock:{region}::foundation-model/{id}";

    static List<(string, IDictionary<string, string>)> Direct(string id, string region) => new() { (Model(region, id), Ctx(region)) };

    static List<(string, IDictionary<string, string>)> ViaProfile(string prefix, string id, string source, bool destinationRequested)
    {
        string profile = $"arn:aws:bedrock:{source}:{Account}:inference-profile/{prefix}.{id}";
        var legs = new List<(string, IDictionary<string, string>)> { (profile, Ctx(source, profile)), (Model(source, id), Ctx(source, profile)) };
        if (prefix == CrossRegionProfiles.GlobalPrefix)
            legs.Add(($"arn:aws:bedrock:::foundation-model/{id}", Ctx(CrossRegionProfiles.UnspecifiedRegion, profile)));
        else
            foreach (var d in CrossRegionProfiles.DestinationsOf(prefix)!)
                legs.Add((Model(d, id), Ctx(destinationRequested ? d : source, profile)));
        return legs;
    }

    static bool MantleDenied(IamPolicySimulator sim, string model, string region, bool seg) =>
        sim.IsDenied(AccessPolicyGenerator.MantleInferenceAction, $"arn:aws:bedrock-mantle:{region}:{Account}:project/default", Ctx(region, key: AccessPolicyGenerator.MantleModelKey, value: model), seg);

    public static TheoryData<AccessPolicyType, AccessPolicyStrategy, bool> Variants() => new()
    {
        { AccessPolicyType.Scp, AccessPolicyStrategy.AllowListOnly, true },
        { AccessPolicyType.Iam, AccessPolicyStrategy.AllowListOnly, false },
        { AccessPolicyType.Scp, AccessPolicyStrategy.DenyListed, true },
        { AccessPolicyType.Scp, AccessPolicyStrategy.DenyListed, false },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Unapproved_models_are_denied_in_every_Region_and_through_mantle_approved_ones_are_allowed_through_their_profiles(AccessPolicyType type, AccessPolicyStrategy strategy, bool compress)
    {
        // The policy lists "regions": they no longer limit the deny.
        var (result, universe) = Generate("", type, strategy, compress);
        Assert.Contains(universe, u => u.Allowed);
        Assert.Contains(universe, u => !u.Allowed);
        Assert.All(result.Documents, d => Assert.DoesNotContain("aws:RequestedRegion", d.Document));
        var sim = new IamPolicySimulator(result.Documents.Select(d => d.Document));
        foreach (var (id, allowed) in universe)
            foreach (bool seg in new[] { false, true })
            {
                foreach (var r in Regions)
                {
                    foreach (var action in AccessPolicyGenerator.InvokeActions.Take(2))
                        Assert.True(!allowed == sim.IsCallDenied(action, Direct(id, r), seg), $"{action} {id} in {r}: allowed={allowed}");
                    Assert.True(!allowed == MantleDenied(sim, id, r, seg), $"mantle {id} in {r}: allowed={allowed}");
                    if (!allowed) Assert.True(MantleDenied(sim, "us." + id, r, seg), $"mantle us.{id} in {r}");
                }
                foreach (var (prefix, source) in Profiles)
                    foreach (bool destinationRequested in new[] { true, false })
                        Assert.True(!allowed == sim.IsCallDenied("bedrock:InvokeModel", ViaProfile(prefix, id, source, destinationRequested), seg),
                            $"{prefix}.{id} from {source}: allowed={allowed}");
            }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Residency_denies_inference_outside_allowedRegions_and_profiles_that_route_outside(bool wholeEu)
    {
        var allowedRegions = wholeEu ? EuRegions : new[] { "eu-west-1", "eu-central-1" };
        var (result, universe) = Generate(",\"allowedRegions\":[" + string.Join(",", allowedRegions.Select(r => $"\"{r}\"")) + "]", AccessPolicyType.Scp, AccessPolicyStrategy.AllowListOnly, true);
        var sim = new IamPolicySimulator(result.Documents.Select(d => d.Document));
        foreach (var (id, allowed) in universe)
            foreach (bool seg in new[] { false, true })
            {
                foreach (var r in Regions)
                {
                    bool expectAllowed = allowed && allowedRegions.Contains(r);
                    Assert.True(!expectAllowed == sim.IsCallDenied("bedrock:InvokeModel", Direct(id, r), seg), $"{id} in {r}");
                    Assert.True(!expectAllowed == MantleDenied(sim, id, r, seg), $"mantle {id} in {r}");
                }
                foreach (var (prefix, source) in Profiles)
                    foreach (bool destinationRequested in new[] { true, false })
                    {
                        bool expectAllowed = allowed && prefix == "eu" && wholeEu;
                        Assert.True(!expectAllowed == sim.IsCallDenied("bedrock:InvokeModel", ViaProfile(prefix, id, source, destinationRequested), seg),
                            $"{prefix}.{id} from {source} (destination requested: {destinationRequested})");
                    }
            }
    }

    [Theory]
    [InlineData("none", new[] { "default", "aws_review", "provider_data_share" })]
    [InlineData("default", new[] { "aws_review", "provider_data_share" })]
    [InlineData("aws_review", new[] { "provider_data_share" })]
    public void Retention_modes_above_the_maximum_cannot_be_set_on_either_surface(string maximum, string[] denied)
    {
        var (result, _) = Generate($",\"maximumDataRetention\":\"{maximum}\"", AccessPolicyType.Scp, AccessPolicyStrategy.AllowListOnly, true);
        var sim = new IamPolicySimulator(result.Documents.Select(d => d.Document));
        var calls = new[] { ("bedrock:PutAccountDataRetention", "bedrock:DataRetentionMode"), ("bedrock-mantle:PutAccountDataRetention", "bedrock-mantle:DataRetentionMode"),
            ("bedrock-mantle:CreateProject", "bedrock-mantle:DataRetentionMode"), ("bedrock-mantle:UpdateProject", "bedrock-mantle:DataRetentionMode") };
        foreach (var (action, key) in calls)
            foreach (var mode in new[] { "none", "default", "aws_review", "provider_data_share" })
                Assert.True(denied.Contains(mode) == sim.IsDenied(action, "*", Ctx("us-east-1", key: key, value: mode), false), $"{action} {mode} under {maximum}");
        Assert.False(sim.IsDenied("bedrock:GetAccountDataRetention", "*", Ctx("us-east-1"), false));
    }

    [Fact]
    public void Long_term_api_keys_and_Claude_Platform_are_denied_only_when_asked()
    {
        var (plain, _) = Generate("", AccessPolicyType.Scp, AccessPolicyStrategy.AllowListOnly, true);
        var (strict, _) = Generate("", AccessPolicyType.Scp, AccessPolicyStrategy.AllowListOnly, true, o => { o.DenyLongTermApiKeys = true; o.DenyClaudePlatform = true; });
        var none = new IamPolicySimulator(plain.Documents.Select(d => d.Document));
        var sim = new IamPolicySimulator(strict.Documents.Select(d => d.Document));
        foreach (var svc in new[] { "bedrock", "bedrock-mantle" })
        {
            var longTerm = Ctx("us-east-1", key: svc + ":BearerTokenType", value: "LONG_TERM");
            Assert.True(sim.IsDenied(svc + ":CallWithBearerToken", "*", longTerm, false));
            Assert.False(sim.IsDenied(svc + ":CallWithBearerToken", "*", Ctx("us-east-1", key: svc + ":BearerTokenType", value: "SHORT_TERM"), false));
            Assert.False(none.IsDenied(svc + ":CallWithBearerToken", "*", longTerm, false));
        }
        Assert.True(sim.IsDenied("iam:CreateServiceSpecificCredential", "*", Ctx("us-east-1", key: "iam:ServiceSpecificCredentialServiceName", value: "bedrock.amazonaws.com"), false));
        Assert.False(sim.IsDenied("iam:CreateServiceSpecificCredential", "*", Ctx("us-east-1", key: "iam:ServiceSpecificCredentialServiceName", value: "codecommit.amazonaws.com"), false));
        Assert.True(sim.IsDenied("aws-external-anthropic:CreateInference", "*", Ctx("us-east-1"), false));
        Assert.False(none.IsDenied("aws-external-anthropic:CreateInference", "*", Ctx("us-east-1"), false));
    }

    [Fact]
    public void The_example_policy_with_residency_and_retention_fits_one_SCP_for_the_real_model_list_with_Compress()
    {
        var policy = LicensePolicy.Load(PolicyTestData.ExamplePolicyPath);
        Assert.NotEmpty(policy.AllowedRegions);
        Assert.NotNull(policy.MaximumDataRetention);
        var universe = new AccessPolicyUniverse(new PolicyEvaluator(policy, new FixedTimeProvider(PolicyTestData.AsOf)), LicenseCatalog.Default);
        universe.Complete();
        var options = new AccessPolicyOptions { Compress = true };
        AccessPolicyUniverse.ApplyPolicy(options, policy);
        var doc = Assert.Single(AccessPolicyGenerator.Generate(universe.ForGenerator(), options).Documents);
        Assert.True(doc.Size <= AccessPolicyGenerator.ScpSizeLimit, $"{doc.Size} characters");
        foreach (var sid in new[] { "DenyMantleInferenceExceptAllowedModels", "DenyInferenceOutsideAllowedRegions", "DenyInferenceProfilesRoutingOutsideAllowedRegions",
            "DenyDataRetentionAboveMaximum", "DenyMantleDataRetentionAboveMaximum" })
            Assert.Contains($"\"Sid\":\"{sid}\"", doc.Document);
        // us-east-1, us-west-2 and eu-west-1 hold no geographic profile's every destination: every profile is denied.
        Assert.DoesNotContain("ArnNotLike", doc.Document);
    }

    [Fact]
    public void Every_statement_at_once_stays_within_the_limit_and_is_written_once()
    {
        var (result, _) = Generate(",\"maximumDataRetention\":\"none\",\"allowedRegions\":[" + string.Join(",", EuRegions.Select(r => $"\"{r}\"")) + ",\"us-east-1\",\"us-east-2\",\"us-west-1\",\"us-west-2\"]",
            AccessPolicyType.Scp, AccessPolicyStrategy.AllowListOnly, true, o => { o.DenyLongTermApiKeys = true; o.DenyClaudePlatform = true; });
        Assert.All(result.Documents, d => Assert.True(d.Size <= AccessPolicyGenerator.ScpSizeLimit, $"{d.Name}: {d.Size} characters"));
        var all = string.Concat(result.Documents.Select(d => d.Document));
        foreach (var sid in new[] { "DenyMantleInferenceExceptAllowedModels", "DenyInferenceOutsideAllowedRegions", "DenyInferenceProfilesRoutingOutsideAllowedRegions",
            "DenyDataRetentionAboveMaximum", "DenyMantleDataRetentionAboveMaximum", "DenyLongTermBedrockApiKeys", "DenyLongTermMantleApiKeys", "DenyBedrockApiKeyCreation", "DenyClaudePlatformOnAws" })
            Assert.Single(result.Documents, d => d.Document.Contains($"\"Sid\":\"{sid}\""));
        // us. and eu. stay open (every destination allowed); global., apac. and unknown prefixes are denied.
        Assert.Contains("\"ArnNotLike\":{\"bedrock:InferenceProfileArn\":[\"arn:aws:bedrock:*:*:inference-profile/us.*\",\"arn:aws:bedrock:*:*:inference-profile/eu.*\"]}", all);
    }

    [Theory]
    [InlineData(AccessPolicyType.Scp)]
    [InlineData(AccessPolicyType.Iam)]
    public void Incremental_sizes_match_the_rendered_documents_when_indented_and_split(AccessPolicyType type)
    {
        // Generate checks every packed size against its rendering and throws on a difference.
        var universe = Enumerable.Range(0, 400).Select(i => ($"prov{i % 5}.model-{i:D4}-v1:0", i % 2 == 0)).ToList();
        var result = AccessPolicyGenerator.Generate(universe, new AccessPolicyOptions { Type = type, Strategy = AccessPolicyStrategy.DenyListed, AllowedRegions = new[] { "eu-west-1" }, MaximumDataRetention = DataRetentionMode.None });
        Assert.True(result.Documents.Count > 1);
        Assert.All(result.Documents, d => Assert.Equal(AccessPolicyGenerator.MeasureSize(d.Document, type), d.Size));
        Assert.Single(result.Documents, d => d.Document.Contains("DenyInferenceOutsideAllowedRegions"));
    }
}
