using System.Text;
using System.Text.Json;
using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Tests.Catalog
{
    public class LicenseCatalogTests
    {
        static readonly LicenseCatalog Catalog = LicenseCatalog.Default;

        public static TheoryData<string> RealModelIds()
        {
            var data = new TheoryData<string>();
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "foundation-models.json")));
            foreach (var m in doc.RootElement.GetProperty("modelSummaries").EnumerateArray())
                data.Add(m.GetProperty("modelId").GetString()!);
            return data;
        }

        [Theory]
        [MemberData(nameof(RealModelIds))]
        public void Every_real_model_classifies_to_a_known_category_and_licence(string modelId)
        {
            var l = Catalog.Classify(modelId);
            // Unknown only where the research found no licence (GLM 5.3, Kimi K3), and then from a researched entry.
            if (modelId != "zai.glm-5.3" && modelId != "moonshotai.kimi-k3") Assert.NotEqual(LicenseCategory.Unknown, l.LicenseCategory);
            Assert.False(string.IsNullOrWhiteSpace(l.LicenseName));
            Assert.NotNull(l.MatchedPrefix);
            Assert.StartsWith(l.MatchedPrefix!, modelId);
            Assert.NotEqual(CatalogConfidence.None, l.Confidence);
            Assert.NotEmpty(l.SourceUrls);
        }

        [Fact]
        public void Real_model_providers_agree_with_the_catalog()
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "foundation-models.json")));
            foreach (var m in doc.RootElement.GetProperty("modelSummaries").EnumerateArray())
            {
                var l = Catalog.Classify(m.GetProperty("modelId").GetString()!);
                string provider = m.GetProperty("providerName").GetString()!;
                Assert.True(l.Provider!.StartsWith(provider.Split(' ')[0], StringComparison.OrdinalIgnoreCase) || provider.StartsWith(l.Provider.Split(' ')[0], StringComparison.OrdinalIgnoreCase),
                    $"{m.GetProperty("modelId")}: catalog provider '{l.Provider}' vs Bedrock '{provider}'");
            }
        }

        [Fact]
        public void Llama_3_1_carries_the_Llama_3_1_licence_not_Llama_2()
        {
            var l = Catalog.Classify("meta.llama3-1-405b-instruct-v1:0");
            Assert.Contains("Llama 3.1 Community License", l.LicenseName);
            Assert.DoesNotContain("Llama 2", l.LicenseName);
            Assert.Equal(LicenseCategory.OpenWeight, l.LicenseCategory);
            Assert.Contains(l.Restrictions, r => r.Code == "MAU_THRESHOLD");
        }

        [Theory]
        [InlineData("mistral.mistral-large-2402-v1:0")]
        [InlineData("mistral.mistral-large-2407-v1:0")]
        public void Mistral_Large_is_not_Apache(string id)
        {
            var l = Catalog.Classify(id);
            Assert.DoesNotContain("Apache", l.LicenseName);
            Assert.Equal(LicenseCategory.ProprietaryCommercial, l.LicenseCategory);
        }

        [Theory]
        [InlineData("meta.llama3-8b-instruct-v1:0", "meta.llama3-")]
        [InlineData("meta.llama3-1-8b-instruct-v1:0", "meta.llama3-1")]
        [InlineData("meta.llama3-2-11b-instruct-v1:0", "meta.llama3-2-11b")]
        [InlineData("meta.llama3-2-3b-instruct-v1:0", "meta.llama3-2")]
        [InlineData("anthropic.claude-3-opus-20240229-v1:0", "anthropic.claude-3")]
        [InlineData("anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-haiku")]
        [InlineData("anthropic.claude-3-5-sonnet-20241022-v2:0", "anthropic.claude-3-5")]
        [InlineData("anthropic.claude-3-5-haiku-20241022-v1:0", "anthropic.claude-3-5-haiku")]
        [InlineData("anthropic.claude-3-7-sonnet-20250219-v1:0", "anthropic.claude-3-7")]
        public void Overlapping_prefixes_take_the_longest_match(string id, string prefix) =>
            Assert.Equal(prefix, Catalog.Classify(id).MatchedPrefix);

        [Theory]
        [InlineData("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-sonnet-4-5-20250929-v1:0")]
        [InlineData("eu.meta.llama3-2-90b-instruct-v1:0", "meta.llama3-2-90b-instruct-v1:0")]
        [InlineData("apac.amazon.nova-pro-v1:0", "amazon.nova-pro-v1:0")]
        [InlineData("global.anthropic.claude-haiku-4-5-20251001-v1:0", "anthropic.claude-haiku-4-5-20251001-v1:0")]
        [InlineData("us-gov.anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-3-haiku-20240307-v1:0")]
        [InlineData("jp.anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-sonnet-4-5-20250929-v1:0")]
        [InlineData("deepseek.v3.2", "deepseek.v3.2")]
        public void Inference_profile_prefixes_are_removed(string input, string expected) =>
            Assert.Equal(expected, Catalog.Classify(input).ModelId);

        [Fact]
        public void An_unlisted_geo_prefix_of_the_same_form_is_removed_when_a_known_provider_follows() =>
            Assert.Equal("anthropic.claude-3-5-sonnet-20241022-v2:0", Catalog.Classify("zz.anthropic.claude-3-5-sonnet-20241022-v2:0").ModelId);

        [Theory]
        [InlineData("arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0", "meta.llama3-1-70b-instruct-v1:0")]
        [InlineData("arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0", "anthropic.claude-3-5-haiku-20241022-v1:0")]
        [InlineData("arn:aws-cn:bedrock:cn-north-1::foundation-model/deepseek.r1-v1:0", "deepseek.r1-v1:0")]
        public void Arns_are_accepted(string arn, string expected) =>
            Assert.Equal(expected, Catalog.Classify(arn).ModelId);

        [Fact]
        public void Context_length_suffixes_match_their_family()
        {
            var l = Catalog.Classify("anthropic.claude-3-haiku-20240307-v1:0:200k");
            Assert.Equal("anthropic.claude-3-haiku", l.MatchedPrefix);
            Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0:200k", l.ModelId);
        }

        [Fact]
        public void Unknown_models_are_never_permissive()
        {
            var l = Catalog.Classify("acme.frontier-v9:0");
            Assert.Equal(LicenseCategory.Unknown, l.LicenseCategory);
            Assert.Equal("TERMS_NOT_REVIEWED", Assert.Single(l.Restrictions).Code);
            Assert.True(l.EulaRequired);
            Assert.Equal(CatalogConfidence.None, l.Confidence);
            Assert.Null(l.MatchedPrefix);
        }

        [Theory]
        [InlineData("", "empty")]
        [InlineData("   ", "white space")]
        [InlineData("meta.llama3\u0007-1", "control character")]
        [InlineData("not a model", "not a valid Bedrock model ID")]
        [InlineData("x", "'x'")]
        [InlineData("arn:aws:s3:::bucket/key", "not a Bedrock foundation-model or inference-profile ARN")]
        public void Bad_input_gives_a_clear_error(string input, string expected)
        {
            var ex = Assert.Throws<ArgumentException>(() => Catalog.Classify(input));
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void A_2KB_string_is_refused_with_its_length()
        {
            var ex = Assert.Throws<ArgumentException>(() => Catalog.Classify(new string('a', 2100)));
            Assert.Contains("2100 characters", ex.Message);
        }

        [Fact]
        public void Builtin_catalog_keeps_sources_and_confidence_for_every_entry()
        {
            Assert.True(Catalog.Entries.Count >= 49);
            Assert.All(Catalog.Entries, e =>
            {
                Assert.NotEmpty(e.SourceUrls);
                Assert.NotEqual(CatalogConfidence.None, e.Confidence);
                // A researched "not established" entry (zai.glm-5.3, moonshotai.kimi-k3) is Unknown and says it is not reviewed.
                if (e.LicenseCategory == LicenseCategory.Unknown)
                    Assert.Contains(e.Restrictions, r => r.Code == LicenseCatalog.NotReviewedCode);
            });
            Assert.Equal(2, Catalog.Entries.Count(e => e.LicenseCategory == LicenseCategory.Unknown));
        }

        [Fact]
        public void Only_Anthropic_needs_the_use_case_form_and_Amazon_needs_no_EULA()
        {
            Assert.All(Catalog.Entries.Where(e => e.UseCaseFormRequired), e => Assert.StartsWith("anthropic.", e.ModelIdPrefix));
            Assert.All(Catalog.Entries.Where(e => e.LicenseCategory == LicenseCategory.AmazonProprietary), e => Assert.False(e.EulaRequired));
        }

        const string GoodEntry = "{\"modelIdPrefix\":\"acme.model\",\"providerName\":\"Acme\",\"family\":\"Acme\",\"licenseCategory\":\"OpenWeight\",\"licenseName\":\"Acme Licence\",\"licenseUrl\":\"https://acme.example/licence\",\"eulaRequired\":false,\"useCaseFormRequired\":false,\"restrictions\":[{\"code\":\"ATTRIBUTION_REQUIRED\",\"summary\":\"Say so.\"}],\"sourceUrls\":[\"https://acme.example\"],\"confidence\":\"confirmed\",\"minimumDataRetention\":\"aws_review\",\"flaggedTrafficRetained\":true,\"dataRetentionNote\":\"Kept 30 days.\",\"lifecycleStatus\":\"LEGACY\",\"endOfLifeDate\":\"2027-01-08\"}";

        [Theory]
        [InlineData("{not json", null, null, "not valid JSON")]
        [InlineData("42", null, null, "expected a JSON array")]
        [InlineData("[" + GoodEntry + ",{\"modelIdPrefix\":\"acme.other\"}]", 2, "providerName", "required but missing")]
        [InlineData("[{\"modelIdPrefix\":\"ACME.x\"}]", 1, "modelIdPrefix", "not a model-ID prefix")]
        [InlineData("[{\"modelIdPrefix\":\"us.acme.x\"}]", 1, "modelIdPrefix", "inference-profile prefix")]
        [InlineData("[" + GoodEntry + "," + GoodEntry + "]", 2, "modelIdPrefix", "already defined by entry 1")]
        [InlineData("[{\"modelIdPrefix\":\"acme.x\",\"family\":\"a\",\"family\":\"b\"}]", 1, "family", "appears twice in this entry")]
        public void Malformed_catalog_files_name_file_entry_and_field(string json, int? entry, string? field, string problem)
        {
            var ex = Assert.Throws<CatalogFormatException>(() => CatalogReader.Read(Encoding.UTF8.GetBytes(json), "org.json"));
            Assert.Contains("'org.json'", ex.Message);
            Assert.Contains(problem, ex.Message);
            if (entry != null) Assert.Contains($"entry {entry}", ex.Message);
            if (field != null) Assert.Contains($"field '{field}'", ex.Message);
        }

        [Theory]
        [InlineData("licenseCategory", "\"Freeware\"", "not allowed; expected one of: Unknown, AmazonProprietary, ProprietaryCommercial, OpenWeight")]
        [InlineData("eulaRequired", "\"yes\"", "expected true or false")]
        [InlineData("confidence", "\"sure\"", "expected one of: Unverified, Likely, Confirmed")]
        [InlineData("licenseUrl", "\"ftp://x\"", "expected an http(s) URL")]
        [InlineData("restrictions", "[{\"code\":\"no training\",\"summary\":\"x\"}]", "not a restriction code")]
        [InlineData("minimumDataRetention", "\"inherit\"", "expected one of: none, default, aws_review, provider_data_share")]
        [InlineData("minimumDataRetention", "\"zdr\"", "'zdr' is not allowed")]
        [InlineData("flaggedTrafficRetained", "\"yes\"", "expected true or false")]
        [InlineData("dataRetentionNote", "\"\"", "must not be empty")]
        [InlineData("lifecycleStatus", "\"legacy\"", "expected one of: ACTIVE, LEGACY, RETIRED")]
        [InlineData("endOfLifeDate", "\"January 8, 2027\"", "expected yyyy-MM-dd")]
        [InlineData("endOfLifeDate", "\"2027-02-30\"", "is not a date")]
        public void Field_values_are_validated(string field, string value, string problem)
        {
            var doc = JsonDocument.Parse(GoodEntry).RootElement;
            var sb = new StringBuilder("[{");
            bool first = true;
            foreach (var p in doc.EnumerateObject())
            {
                if (!first) sb.Append(',');
                first = false;
                sb.Append('"').Append(p.Name).Append("\":").Append(p.Name == field ? value : p.Value.GetRawText());
            }
            sb.Append("}]");
            var ex = Assert.Throws<CatalogFormatException>(() => CatalogReader.Read(Encoding.UTF8.GetBytes(sb.ToString()), "org.json"));
            Assert.Contains(problem, ex.Message);
            Assert.Contains("entry 1", ex.Message);
        }

        [Fact]
        public void Retention_and_lifecycle_members_are_read()
        {
            var e = Assert.Single(CatalogReader.Read(Encoding.UTF8.GetBytes("[" + GoodEntry + "]"), "org.json"));
            Assert.Equal(DataRetentionMode.AwsReview, e.MinimumDataRetention);
            Assert.True(e.FlaggedTrafficRetained);
            Assert.Equal("Kept 30 days.", e.DataRetentionNote);
            Assert.Equal("LEGACY", e.LifecycleStatus);
            Assert.Equal(new DateTime(2027, 1, 8, 0, 0, 0, DateTimeKind.Utc), e.EndOfLifeDate);
            var l = LicenseCatalog.FromEntry(e, "acme.model-v1");
            Assert.Equal(DataRetentionMode.AwsReview, l.MinimumDataRetention);
            Assert.Equal("LEGACY", l.CatalogLifecycleStatus);
            var bare = Assert.Single(CatalogReader.Read(Encoding.UTF8.GetBytes("[" + GoodEntry.Replace(",\"minimumDataRetention\":\"aws_review\"", "") + "]"), "org.json"));
            Assert.Null(bare.MinimumDataRetention);
        }

        [Fact]
        public void Overrides_replace_equal_prefixes_and_add_new_ones()
        {
            var overrides = CatalogReader.Read(Encoding.UTF8.GetBytes("[" + GoodEntry.Replace("acme.model", "meta.llama3-1") + "," + GoodEntry + "]"), "org.json");
            var c = LicenseCatalog.WithOverrides(overrides, "org.json");
            Assert.Equal("Acme Licence", c.Classify("meta.llama3-1-70b-instruct-v1:0").LicenseName);
            Assert.Equal("org.json", c.Classify("acme.model-v2:0").CatalogSource);
            Assert.Contains("Llama 3.2", c.Classify("meta.llama3-2-1b-instruct-v1:0").LicenseName);
            Assert.Equal(Catalog.Entries.Count + 1, c.Entries.Count);
        }
    }
}

namespace BedrockCompliance.Tests.Catalog
{
    public class BuiltInCatalogTests
    {
        [Fact]
        public void The_compiled_catalog_equals_model_licenses_json()
        {
            var fromJson = CatalogReader.Read(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "engine-model-licenses.json")), "BuiltIn");
            var compiled = LicenseCatalog.Default.Entries.ToDictionary(e => e.ModelIdPrefix);
            Assert.True(fromJson.Count == compiled.Count, $"{fromJson.Count} entries in the JSON, {compiled.Count} compiled: BuiltInCatalog.g.cs is stale: run 'dotnet pwsh tools/Update-BuiltInCatalog.ps1'.");
            foreach (var j in fromJson)
            {
                Assert.True(compiled.TryGetValue(j.ModelIdPrefix, out var c), $"{j.ModelIdPrefix} is missing from BuiltInCatalog.g.cs: run tools/Update-BuiltInCatalog.ps1.");
                string Describe(CatalogEntry e) => string.Join("|", e.Provider, e.Family, e.LicenseCategory, e.LicenseName, e.LicenseUrl, e.EulaRequired, e.UseCaseFormRequired,
                    e.Confidence, string.Join(";", e.Restrictions.Select(r => r.Code + "=" + r.Summary)), string.Join(";", e.SourceUrls), e.Source,
                    e.MinimumDataRetention, e.FlaggedTrafficRetained, e.DataRetentionNote, e.LifecycleStatus, e.EndOfLifeDate?.ToString("yyyy-MM-dd"), e.EndOfLifeDate?.Kind);
                Assert.Equal(Describe(j), Describe(c!));
            }
        }
    }
}
