using System.Text.Json.Nodes;
using BedrockCompliance.Engine.Agreements;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Evidence;
using BedrockCompliance.Engine.History;
using BedrockCompliance.Engine.Hosting;
using BedrockCompliance.Tests.Emulator;
using BedrockCompliance.Tests.Evidence;

namespace BedrockCompliance.Tests.History;

/// <summary>Issue 17: acceptances reconstructed from CloudTrail, against the emulator's event history.</summary>
public class AgreementHistoryTests
{
    const string Model = "mistral.mistral-7b-instruct-v0:2";

    sealed class QuietHost : IOperationHost
    {
        public readonly List<string> Lines = new();
        public Task<bool> ShouldProcessAsync(string target, string action) => Task.FromResult(true);
        public bool IsWhatIf => false;
        public void Verbose(string message) => Lines.Add(message);
        public void Warning(string message) => Lines.Add(message);
        public void Debug(string message) { }
    }

    static AwsConnection Connection(TestEmulator emulator) => new("us-east-1", TestEmulator.Management, null,
        AwsService.All.ToDictionary(s => s, _ => new Uri(emulator.Url)), new AwsRetryPolicy(1, TimeSpan.Zero));

    /// <summary>A CreateFoundationModelAgreement by another client (the AWS SDK's signer, no BedrockCompliance user agent).</summary>
    static async Task AcceptOutOfBandAsync(TestEmulator emulator, string modelId)
    {
        var offers = JsonNode.Parse(await (await emulator.GetAsync("/list-foundation-model-agreement-offers/" + Uri.EscapeDataString(modelId))).Content.ReadAsStringAsync())!;
        string token = (string)offers["offers"]![0]!["offerToken"]!;
        var created = await emulator.PostJsonAsync("/create-foundation-model-agreement", new JsonObject { ["modelId"] = modelId, ["offerToken"] = token });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LookupEvents_pages_newest_first_and_rejects_what_the_API_rejects()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await AcceptOutOfBandAsync(emulator, Model);
        await AcceptOutOfBandAsync(emulator, "mistral.ministral-3-8b-instruct");
        var client = new CloudTrailClient(new AwsHttpSender(Connection(emulator)));

        var first = await client.LookupEventsAsync("EventName", "CreateFoundationModelAgreement", null, null, null, default, maxResults: 1);
        Assert.Single(first.Events);
        Assert.NotNull(first.NextToken);
        Assert.Contains("ministral-3-8b", first.Events[0].CloudTrailEvent); // newest first
        var second = await client.LookupEventsAsync("EventName", "CreateFoundationModelAgreement", null, null, first.NextToken, default, maxResults: 1);
        Assert.Single(second.Events);
        Assert.Null(second.NextToken);
        Assert.Contains(Model, second.Events[0].CloudTrailEvent);

        var badToken = await Assert.ThrowsAsync<AwsServiceException>(() =>
            client.LookupEventsAsync("EventName", "DeleteFoundationModelAgreement", null, null, first.NextToken, default));
        Assert.Equal("InvalidNextTokenException", badToken.ErrorCode);
        var two = await emulator.CloudTrailAsync("LookupEvents", new JsonObject
        {
            ["LookupAttributes"] = new JsonArray(new JsonObject { ["AttributeKey"] = "EventName", ["AttributeValue"] = "a" }, new JsonObject { ["AttributeKey"] = "EventName", ["AttributeValue"] = "b" }),
        });
        Assert.Equal(400, (int)two.StatusCode);
        Assert.Contains("InvalidLookupAttributesException", await two.Content.ReadAsStringAsync());
        var range = await Assert.ThrowsAsync<AwsServiceException>(() =>
            client.LookupEventsAsync(null, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(-1), null, default));
        Assert.Equal("InvalidTimeRangeException", range.ErrorCode);
    }

    [Fact]
    public async Task Event_history_keeps_90_days()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var emulator = await TestEmulator.StartAsync(o => o.TimeProvider = clock);
        await AcceptOutOfBandAsync(emulator, Model);
        clock.Advance(TimeSpan.FromDays(91));
        var response = await emulator.CloudTrailAsync("LookupEvents", new JsonObject());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Empty(body["Events"]!.AsArray());
    }

    [Fact]
    public async Task The_out_of_band_acceptance_is_found_with_its_principal_and_time_and_marked_outside_review()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var before = DateTime.UtcNow.AddSeconds(-5);
        await AcceptOutOfBandAsync(emulator, Model);
        var sender = new AwsHttpSender(Connection(emulator));
        var host = new QuietHost();
        var service = new AgreementHistoryService(new CloudTrailClient(sender), new BedrockClient(sender), LicenseCatalog.Default, host);

        var events = await service.GetAsync("111111111111", "us-east-1", DateTimeOffset.UtcNow.AddDays(-90), new HistoryLedgerIndex(), null, default);
        var e = Assert.Single(events, x => x.IsAcceptance);
        Assert.Equal("CreateFoundationModelAgreement", e.EventName);
        Assert.Equal(Model, e.ModelId);
        Assert.Equal("arn:aws:iam::111111111111:user/compliance-admin", e.PrincipalArn);
        Assert.Equal(AcceptanceVia.OtherClient, e.AcceptedVia);
        Assert.True(e.OutsideReview);
        Assert.InRange(e.EventTime!.Value, before, DateTime.UtcNow.AddSeconds(5));
        Assert.Equal("111111111111", e.AccountId);
        Assert.Contains(host.Lines, l => l.Contains("LookupEvents EventName=CreateFoundationModelAgreement"));

        // -Import twice: one record per CloudTrail event ID, and the chain stays valid.
        using var t = new TempLedger();
        for (int run = 0; run < 2; run++)
        {
            var index = HistoryLedgerIndex.Build(t.Path, default);
            var again = await service.GetAsync("111111111111", "us-east-1", DateTimeOffset.UtcNow.AddDays(-90), index, null, default);
            var importer = new AcceptanceImporter(new EvidenceRecorder(t.Ledger, "111111111111", "us-east-1", "arn:aws:iam::111111111111:user/auditor", null), index, LicenseCatalog.Default);
            foreach (var x in again) await importer.ImportAsync(x, default);
            Assert.Equal(run == 1, again.Single(x => x.IsAcceptance).AlreadyRecorded);
        }
        var records = EvidenceReader.Read(t.Path).Select(i => i.Record!).ToList();
        var observed = Assert.Single(records);
        Assert.Equal(EvidenceAction.AcceptanceObserved, observed.Action);
        Assert.Equal(e.EventId, observed.CloudTrailEventId);
        Assert.Equal("arn:aws:iam::111111111111:user/compliance-admin", observed.PrincipalArn);
        Assert.Equal(AcceptanceVia.OtherClient, observed.AcceptedVia);
        Assert.Contains("accepted outside review", observed.Details);
        Assert.Contains("imported by arn:aws:iam::111111111111:user/auditor", observed.Details);
        Assert.True(EvidenceVerifier.Verify(t.Path).Valid);
    }

    [Fact]
    public async Task An_acceptance_through_the_tool_with_an_intent_is_not_outside_review()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var sender = new AwsHttpSender(Connection(emulator));
        var bedrock = new BedrockClient(sender);
        var offer = (await bedrock.ListFoundationModelAgreementOffersAsync(Model, "PUBLIC", default)).First();
        await bedrock.CreateFoundationModelAgreementAsync(Model, offer.OfferToken, default);
        var index = new HistoryLedgerIndex();
        index.Observe(new EvidenceRecord { Action = EvidenceAction.AgreementIntent, AccountId = "111111111111", Region = "us-east-1", ModelId = Model, Timestamp = DateTime.UtcNow });

        var events = await new AgreementHistoryService(new CloudTrailClient(sender), bedrock, LicenseCatalog.Default, new QuietHost())
            .GetAsync("111111111111", "us-east-1", DateTimeOffset.UtcNow.AddDays(-1), index, null, default);
        var e = Assert.Single(events, x => x.IsAcceptance);
        Assert.Equal(AcceptanceVia.Tool, e.AcceptedVia);
        Assert.False(e.OutsideReview);
    }

    [Fact]
    public async Task A_first_invocation_without_an_agreement_event_is_the_implicit_acceptance_and_a_failed_create_accepts_nothing()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var sender = new AwsHttpSender(Connection(emulator));
        var bedrock = new BedrockClient(sender);
        try { await bedrock.CreateFoundationModelAgreementAsync(Model, "not-a-token", default); } catch (AwsServiceException) { /* recorded with errorCode */ }
        var converse = await emulator.PostJsonAsync("/model/" + Uri.EscapeDataString("mistral.ministral-3-8b-instruct") + "/converse",
            new JsonObject { ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = new JsonArray(new JsonObject { ["text"] = "hi" }) }) });
        var service = new AgreementHistoryService(new CloudTrailClient(sender), bedrock, LicenseCatalog.Default, new QuietHost());
        var events = await service.GetAsync("111111111111", "us-east-1", DateTimeOffset.UtcNow.AddDays(-1), new HistoryLedgerIndex(), null, default);

        var failed = Assert.Single(events, x => x.EventName == "CreateFoundationModelAgreement");
        Assert.False(failed.IsAcceptance);
        Assert.NotNull(failed.ErrorCode);
        if (converse.IsSuccessStatusCode)
        {
            var implicitAcceptance = Assert.Single(events, x => x.IsAcceptance);
            Assert.Equal(AcceptanceVia.FirstInvocation, implicitAcceptance.AcceptedVia);
            Assert.Equal("mistral.ministral-3-8b-instruct", implicitAcceptance.ModelId);
        }
        else Assert.DoesNotContain(events, x => x.IsAcceptance); // a failed invocation accepted nothing either
    }

    [Fact]
    public void The_parser_reads_a_real_shaped_record_behind_an_assumed_role()
    {
        const string raw = "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROA:jordan\",\"arn\":\"arn:aws:sts::200000000001:assumed-role/Admin/jordan\"," +
            "\"accountId\":\"200000000001\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::200000000001:role/Admin\"},\"sourceIdentity\":\"jordan@contoso.example\"}}," +
            "\"eventTime\":\"2026-11-03T09:14:27Z\",\"eventSource\":\"bedrock.amazonaws.com\",\"eventName\":\"CreateFoundationModelAgreement\",\"awsRegion\":\"eu-west-1\"," +
            "\"sourceIPAddress\":\"203.0.113.7\",\"userAgent\":\"aws-cli/2.17.0\",\"requestParameters\":{\"modelId\":\"cohere.command-r-plus-v1:0\"},\"responseElements\":{\"modelId\":\"cohere.command-r-plus-v1:0\"}," +
            "\"eventID\":\"e-1\",\"readOnly\":false,\"recipientAccountId\":\"200000000001\"}";
        var e = AgreementEventParser.Parse(new CloudTrailEventSummary("e-1", "CreateFoundationModelAgreement", CloudTrailEvent: raw), "us-east-1");
        Assert.Equal("arn:aws:sts::200000000001:assumed-role/Admin/jordan", e.PrincipalArn);
        Assert.Equal("arn:aws:iam::200000000001:role/Admin", e.SessionIssuerArn);
        Assert.Equal("jordan@contoso.example", e.SourceIdentity);
        Assert.Equal("203.0.113.7", e.SourceIpAddress);
        Assert.Equal("eu-west-1", e.Region);
        Assert.Equal("200000000001", e.AccountId);
        Assert.Equal(new DateTime(2026, 11, 3, 9, 14, 27, DateTimeKind.Utc), e.EventTime);
        Assert.True(e.IsAcceptance);
        Assert.Equal(AcceptanceVia.OtherClient, e.AcceptedVia);
        var broken = AgreementEventParser.Parse(new CloudTrailEventSummary("e-2", "CreateFoundationModelAgreement", Username: "someone", CloudTrailEvent: "{not json"), "us-east-1");
        Assert.Equal("someone", broken.PrincipalArn);
    }
}
