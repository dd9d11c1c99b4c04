using System.Text.Json;
using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Tests.Catalog;

/// <summary>
/// Every ID of the researched 2026 list (Data/bedrock-models-2026-licenses.json, copied from
/// reference/bedrock-models-2026.json) classifies exactly as the reference says; invented next releases of known
/// families and providers get the provider's terms with TERMS_NOT_REVIEWED; mixed and unknown providers stay Unknown.
/// </summary>
public class ReferenceClassificationTests
{
    static readonly LicenseCatalog Catalog = LicenseCatalog.Default;

    static IEnumerable<JsonElement> Reference()
    {
        var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "bedrock-models-2026-licenses.json")));
        return doc.RootElement.EnumerateArray().ToList();
    }

    public static TheoryData<string> ReferenceIds()
    {
        var data = new TheoryData<string>();
        foreach (var m in Reference()) data.Add(m.GetProperty("modelId").GetString()!);
        return data;
    }

    [Fact]
    public void The_reference_copy_holds_the_119_researched_ids() => Assert.Equal(119, Reference().Count());

    [Theory]
    [MemberData(nameof(ReferenceIds))]
    public void Every_reference_id_classifies_as_the_reference_says(string modelId)
    {
        var m = Reference().Single(x => x.GetProperty("modelId").GetString() == modelId);
        var l = Catalog.Classify(modelId);
        Assert.Equal(m.GetProperty("licenseCategory").GetString(), l.LicenseCategory.ToString());
        Assert.Equal(m.GetProperty("licenseName").GetString(), l.LicenseName);
        Assert.Equal(m.GetProperty("restrictions").EnumerateArray().Select(r => r.GetString()!).OrderBy(c => c, StringComparer.Ordinal),
                     l.Restrictions.Select(r => r.Code).OrderBy(c => c, StringComparer.Ordinal));
        Assert.Equal(m.GetProperty("confidence").GetString(), l.Confidence.ToString(), ignoreCase: true);
        Assert.Equal(m.GetProperty("useCaseFormRequired").GetBoolean(), l.UseCaseFormRequired);
        Assert.Equal(m.GetProperty("lifecycleStatus").GetString(), l.CatalogLifecycleStatus);
        Assert.Equal("Family", l.MatchLevel);
        Assert.NotEmpty(l.SourceUrls);
        Assert.All(l.Restrictions, r => Assert.False(string.IsNullOrWhiteSpace(r.Summary)));
        Assert.Equal(m.GetProperty("dataRetentionNote").ValueKind == JsonValueKind.String, l.DataRetentionNote != null);
    }

    [Theory]
    // Next releases of known families and of providers whose Bedrock models share one category.
    [InlineData("anthropic.claude-opus-6", "ProprietaryCommercial")]
    [InlineData("anthropic.claude-sonnet-6-v1:0", "ProprietaryCommercial")]
    [InlineData("anthropic.claude-nova-7", "ProprietaryCommercial")]
    [InlineData("amazon.nova-3-pro", "AmazonProprietary")]
    [InlineData("cohere.command-b", "ProprietaryCommercial")]
    [InlineData("cohere.command-a-v1:0", "ProprietaryCommercial")]
    [InlineData("stability.sketch-to-video-v1:0", "ProprietaryCommercial")]
    [InlineData("writer.scribe-1", "ProprietaryCommercial")]
    [InlineData("twelvelabs.jockey-1-0-v1:0", "ProprietaryCommercial")]
    [InlineData("luma.photon-1", "ProprietaryCommercial")]
    [InlineData("xai.grok-5", "ProprietaryCommercial")]
    public void Invented_next_releases_get_the_provider_terms_and_terms_not_reviewed(string id, string category)
    {
        var l = Catalog.Classify(id);
        Assert.Equal(category, l.LicenseCategory.ToString());
        Assert.Contains(l.Restrictions, r => r.Code == LicenseCatalog.NotReviewedCode);
        Assert.Equal(CatalogConfidence.Unverified, l.Confidence);
        Assert.Equal("Provider", l.MatchLevel);
        Assert.Equal(id.StartsWith("anthropic.", StringComparison.Ordinal), l.UseCaseFormRequired);
    }

    [Theory]
    // Known families whose unversioned / next IDs the family prefix covers (reviewed terms, no provider fallback).
    [InlineData("anthropic.claude-fable-5", "anthropic.claude-fable-5")]
    [InlineData("anthropic.claude-fable-5-3", "anthropic.claude-fable-5")]
    [InlineData("anthropic.claude-opus-5-7", "anthropic.claude-opus-5")]
    [InlineData("anthropic.claude-opus-4-7", "anthropic.claude-opus-4")]
    [InlineData("openai.gpt-5.5", "openai.gpt-5")]
    [InlineData("openai.gpt-6.2-astra", "openai.gpt-6")]
    [InlineData("openai.gpt-oss-safeguard-20b", "openai.gpt-oss-safeguard")]
    [InlineData("stability.stable-outpaint-v1:0", "stability.stable-")]
    [InlineData("mistral.ministral-3-14b-instruct", "mistral.ministral-3")]
    [InlineData("qwen.qwen3-coder-480b-a35b-v1:0", "qwen.qwen3")]
    [InlineData("minimax.minimax-m2", "minimax.minimax-m2")]
    [InlineData("minimax.minimax-m2.7", "minimax.minimax-m2.")]
    public void Family_prefixes_cover_a_family_naming(string id, string prefix)
    {
        var l = Catalog.Classify(id);
        Assert.Equal(prefix, l.MatchedPrefix);
        Assert.Equal("Family", l.MatchLevel);
    }

    [Theory]
    [InlineData("openai.gpt-7", "OpenAI")]
    [InlineData("openai.o5-mini", "OpenAI")]
    [InlineData("mistral.mistral-medium-4", "Mistral AI")]
    [InlineData("zai.glm-6", "Z.AI")]
    [InlineData("moonshotai.kimi-k4", "Moonshot AI")]
    [InlineData("meta.llama5-400b", "Meta")]
    [InlineData("acme.frontier-v9:0", "acme")]
    public void Mixed_and_unknown_providers_stay_Unknown_with_the_provider_named(string id, string provider)
    {
        var l = Catalog.Classify(id);
        Assert.Equal(LicenseCategory.Unknown, l.LicenseCategory);
        Assert.Equal(provider, l.Provider);
        Assert.Equal("None", l.MatchLevel);
        Assert.Equal(LicenseCatalog.NotReviewedCode, Assert.Single(l.Restrictions).Code);
        Assert.DoesNotContain("Apache", l.LicenseName);
    }

    [Fact]
    public void Every_Anthropic_model_needs_the_use_case_form()
    {
        Assert.All(Catalog.Entries.Where(e => e.ModelIdPrefix.StartsWith("anthropic.", StringComparison.Ordinal)), e => Assert.True(e.UseCaseFormRequired, e.ModelIdPrefix));
        Assert.True(Catalog.Classify("anthropic.claude-whatever-9").UseCaseFormRequired);
    }

    [Fact]
    public void Retention_facts_are_carried_for_Fable_and_OpenAI_proprietary_models()
    {
        var fable = Catalog.Classify("us.anthropic.claude-fable-5-2");
        Assert.Equal(DataRetentionMode.AwsReview, fable.MinimumDataRetention);
        Assert.Contains("Zero data retention is not available", fable.DataRetentionNote);
        var gpt = Catalog.Classify("openai.gpt-6-sol");
        Assert.True(gpt.FlaggedTrafficRetained);
        Assert.Null(gpt.MinimumDataRetention);
        var oss = Catalog.Classify("openai.gpt-oss-120b-1:0");
        Assert.False(oss.FlaggedTrafficRetained);
        Assert.Null(oss.DataRetentionNote);
        Assert.Null(Catalog.Classify("anthropic.claude-sonnet-5").MinimumDataRetention);
    }

    [Theory]
    [InlineData("anthropic.claude-opus-4-1-20250805-v1:0", "LEGACY", "2027-01-08")]
    [InlineData("ai21.jamba-1-5-large-v1:0", "RETIRED", "2026-11-26")]
    [InlineData("cohere.command-r-plus-v1:0", "RETIRED", "2026-08-19")]
    [InlineData("meta.llama3-2-90b-instruct-v1:0", "RETIRED", "2026-07-07")]
    [InlineData("meta.llama3-1-405b-instruct-v1:0", "RETIRED", "2026-07-07")]
    [InlineData("amazon.nova-premier-v1:0:8k", "RETIRED", "2026-09-14")]
    [InlineData("anthropic.claude-sonnet-4-20250514-v1:0", "RETIRED", "2026-10-14")]
    [InlineData("twelvelabs.marengo-embed-2-7-v1:0", "RETIRED", "2026-11-30")]
    [InlineData("anthropic.claude-sonnet-4-5-20250929-v1:0", "ACTIVE", null)]
    public void Retired_families_still_classify_and_carry_their_end_of_life(string id, string status, string? eol)
    {
        var l = Catalog.Classify(id);
        Assert.NotEqual(LicenseCategory.Unknown, l.LicenseCategory);
        Assert.Equal(status, l.CatalogLifecycleStatus);
        Assert.Equal(eol, l.EndOfLifeDate?.ToString("yyyy-MM-dd"));
        Assert.Null(l.LifecycleStatus); // the account's status: unknown offline
    }

    [Fact]
    public void Live_listings_fall_back_on_providerName()
    {
        var anthropic = Catalog.ClassifyListed("anthropic2.claude-next", "Anthropic");
        Assert.Equal(LicenseCategory.ProprietaryCommercial, anthropic.LicenseCategory);
        Assert.True(anthropic.UseCaseFormRequired);
        Assert.Equal("Provider", anthropic.MatchLevel);
        var moonshot = Catalog.ClassifyListed("moonshotai.kimi-k9", "Moonshot AI");
        Assert.Equal(LicenseCategory.Unknown, moonshot.LicenseCategory);
        Assert.Contains("Moonshot AI offers models under different licence categories", moonshot.LicenseName);
        Assert.Equal("Acme Labs", Catalog.ClassifyListed("acme.x-1", "Acme Labs").Provider);
    }
}
