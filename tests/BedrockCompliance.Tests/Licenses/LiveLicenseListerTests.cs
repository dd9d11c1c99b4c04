using System.Collections.Concurrent;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Licenses;
using BedrockCompliance.Tests.Aws;

namespace BedrockCompliance.Tests.Licenses;

public class LiveLicenseListerTests
{
    const string List = "{\"modelSummaries\":[" +
        "{\"modelArn\":\"arn:aws:bedrock:us-east-1::foundation-model/meta.llama3-1-70b-instruct-v1:0\",\"modelId\":\"meta.llama3-1-70b-instruct-v1:0\",\"modelName\":\"Llama 3.1 70B Instruct\",\"providerName\":\"Meta\",\"modelLifecycle\":{\"status\":\"ACTIVE\"}}," +
        "{\"modelArn\":\"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0\",\"modelId\":\"anthropic.claude-3-haiku-20240307-v1:0\",\"providerName\":\"Anthropic\",\"modelLifecycle\":{\"status\":\"LEGACY\"}}," +
        "{\"modelArn\":\"arn:aws:bedrock:us-east-1::foundation-model/acme.new-model-v1:0\",\"modelId\":\"acme.new-model-v1:0\",\"providerName\":\"Acme\"}]}";

    static string Availability(string id, string status) =>
        "{\"modelId\":\"" + id + "\",\"agreementAvailability\":{\"status\":\"" + status + "\"},\"authorizationStatus\":\"AUTHORIZED\",\"entitlementAvailability\":\"AVAILABLE\",\"regionAvailability\":\"AVAILABLE\"}";

    sealed class Sink : ILicenseListSink
    {
        public List<BedrockModelLicense> Results { get; } = new();
        public ConcurrentBag<(string, Exception)> Errors { get; } = new();
        public void Result(BedrockModelLicense license) => Results.Add(license);
        public void ModelError(string modelId, Exception error) => Errors.Add((modelId, error));
        public void Progress(int done, int total) { }
        public void Verbose(string message) { }
    }

    static FakeHttp Script() => new FakeHttp().Then(r => FakeHttp.Json(200, r.RequestUri!.AbsolutePath == "/foundation-models" ? List : throw new InvalidOperationException()))
        .Then(r => Answer(r.RequestUri!.AbsolutePath)).Then(r => Answer(r.RequestUri!.AbsolutePath)).Then(r => Answer(r.RequestUri!.AbsolutePath));

    static System.Net.Http.HttpResponseMessage Answer(string path) => path switch
    {
        "/foundation-model-availability/meta.llama3-1-70b-instruct-v1%3A0" => FakeHttp.Json(200, Availability("meta.llama3-1-70b-instruct-v1:0", "AVAILABLE")),
        "/foundation-model-availability/anthropic.claude-3-haiku-20240307-v1%3A0" => FakeHttp.Json(403, "{\"message\":\"denied\"}", "AccessDeniedException"),
        "/foundation-model-availability/acme.new-model-v1%3A0" => FakeHttp.Json(200, Availability("acme.new-model-v1:0", "NOT_AVAILABLE")),
        _ => throw new InvalidOperationException(path),
    };

    [Fact]
    public async Task Live_listings_use_providerName_for_provider_rules_and_override_the_catalog_end_of_life()
    {
        const string list = "{\"modelSummaries\":[" +
            "{\"modelArn\":\"arn:aws:bedrock:us-east-1::foundation-model/anthropic-labs.claude-next-v1:0\",\"modelId\":\"anthropic-labs.claude-next-v1:0\",\"providerName\":\"Anthropic\",\"modelLifecycle\":{\"status\":\"ACTIVE\"}}," +
            "{\"modelArn\":\"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-opus-4-1-20250805-v1:0\",\"modelId\":\"anthropic.claude-opus-4-1-20250805-v1:0\",\"providerName\":\"Anthropic\",\"modelLifecycle\":{\"status\":\"LEGACY\",\"endOfLifeTime\":\"2027-02-01T00:00:00Z\"}}]}";
        var http = new FakeHttp().ThenJson(200, list)
            .Then(r => FakeHttp.Json(200, Availability("anthropic-labs.claude-next-v1:0", "NOT_AVAILABLE")))
            .Then(r => FakeHttp.Json(200, Availability("anthropic.claude-opus-4-1-20250805-v1:0", "AVAILABLE")));
        var sink = new Sink();
        await new LiveLicenseLister(http.Client(), null, LicenseCatalog.Default).ListAsync(new LiveLicenseQuery { ThrottleLimit = 1 }, sink, default);

        var next = sink.Results.Single(r => r.ModelId == "anthropic-labs.claude-next-v1:0");
        Assert.Equal(LicenseCategory.ProprietaryCommercial, next.LicenseCategory); // by providerName, not the ID segment
        Assert.Equal("Provider", next.MatchLevel);
        Assert.True(next.UseCaseFormRequired);
        Assert.Contains(next.Restrictions, x => x.Code == LicenseCatalog.NotReviewedCode);
        var opus = sink.Results.Single(r => r.ModelId == "anthropic.claude-opus-4-1-20250805-v1:0");
        Assert.Equal("LEGACY", opus.LifecycleStatus);
        Assert.Equal("LEGACY", opus.CatalogLifecycleStatus);
        Assert.Equal(new DateTime(2027, 2, 1), opus.EndOfLifeDate); // the account's date, not the catalog's 2027-01-08
    }

    [Fact]
    public async Task Merges_catalog_and_live_state_and_a_failing_model_costs_only_that_model()
    {
        var http = Script();
        var lister = new LiveLicenseLister(http.Client(), null, LicenseCatalog.Default);
        var sink = new Sink();
        await lister.ListAsync(new LiveLicenseQuery { ThrottleLimit = 1 }, sink, default);

        Assert.Equal(new[] { "meta.llama3-1-70b-instruct-v1:0", "acme.new-model-v1:0" }, sink.Results.Select(r => r.ModelId));
        var llama = sink.Results[0];
        Assert.Equal("AVAILABLE", llama.AgreementStatus);
        Assert.Equal("us-east-1", llama.Region);
        Assert.Equal("ACTIVE", llama.LifecycleStatus);
        Assert.Contains("Llama 3.1", llama.LicenseName);
        var unknown = sink.Results[1];
        Assert.Equal(LicenseCategory.Unknown, unknown.LicenseCategory);
        Assert.Equal("Acme", unknown.Provider);
        var (failedId, error) = Assert.Single(sink.Errors);
        Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0", failedId);
        Assert.Equal("AccessDeniedException", Assert.IsType<AwsServiceException>(error).ErrorCode);
    }

    [Fact]
    public async Task Named_models_that_are_not_listed_are_reported_and_filters_apply_before_availability_calls()
    {
        var http = new FakeHttp().ThenJson(200, List).Then(r => Answer(r.RequestUri!.AbsolutePath));
        var lister = new LiveLicenseLister(http.Client(), null, LicenseCatalog.Default);
        var sink = new Sink();
        await lister.ListAsync(new LiveLicenseQuery
        {
            ModelSelectors = new[] { "meta.llama3-1-70b-instruct-v1:0", "anthropic.claude-3-haiku-20240307-v1:0", "mistral.nope-v1:0" },
            Include = l => l.LicenseCategory == LicenseCategory.OpenWeight,
        }, sink, default);
        Assert.Equal("meta.llama3-1-70b-instruct-v1:0", Assert.Single(sink.Results).ModelId);
        Assert.Equal(2, http.Requests.Count); // the Anthropic model was filtered out before its availability call
        var (id, error) = Assert.Single(sink.Errors);
        Assert.Equal("mistral.nope-v1:0", id);
        Assert.IsType<ModelNotListedException>(error);
    }

    [Fact]
    public async Task Licences_share_the_catalogs_lists_and_one_list_per_distinct_modality_content()
    {
        static string Model(string id, string inputs) => "{\"modelArn\":\"arn:aws:bedrock:us-east-1::foundation-model/" + id + "\",\"modelId\":\"" + id +
            "\",\"providerName\":\"Meta\",\"inputModalities\":[" + inputs + "],\"outputModalities\":[\"TEXT\"],\"inferenceTypesSupported\":[\"ON_DEMAND\"]}";
        string list = "{\"modelSummaries\":[" + Model("meta.llama3-1-70b-instruct-v1:0", "\"TEXT\"") + "," +
            Model("meta.llama3-1-8b-instruct-v1:0", "\"TEXT\"") + "," + Model("meta.llama3-2-90b-instruct-v1:0", "\"TEXT\",\"IMAGE\"") + "]}";
        var http = new FakeHttp().ThenJson(200, list)
            .Then(r => FakeHttp.Json(200, Availability("meta.llama3-1-70b-instruct-v1:0", "AVAILABLE")))
            .Then(r => FakeHttp.Json(200, Availability("meta.llama3-1-8b-instruct-v1:0", "AVAILABLE")))
            .Then(r => FakeHttp.Json(200, Availability("meta.llama3-2-90b-instruct-v1:0", "AVAILABLE")));
        var sink = new Sink();
        await new LiveLicenseLister(http.Client(), null, LicenseCatalog.Default).ListAsync(new LiveLicenseQuery { ThrottleLimit = 1 }, sink, default);

        var (a, b, c) = (sink.Results[0], sink.Results[1], sink.Results[2]);
        Assert.Equal(new[] { "TEXT" }, a.InputModalities);
        Assert.Same(a.InputModalities, b.InputModalities);
        Assert.Equal(new[] { "TEXT", "IMAGE" }, c.InputModalities);
        Assert.NotSame(a.InputModalities, c.InputModalities);
        Assert.Same(a.OutputModalities, c.OutputModalities);
        Assert.Equal("ON_DEMAND", Assert.Single(c.InferenceTypesSupported));
        var entry = LicenseCatalog.Default.FindEntry(a.ModelId)!;
        Assert.Same(entry.Restrictions, a.Restrictions);
        Assert.Same(entry.SourceUrls, a.SourceUrls);
        Assert.NotSame(a, b);
    }
}
