using System.Net.Http;
using System.Text.Json;
using BedrockCompliance.Engine.Catalog;

namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// The Bedrock control plane and bedrock-runtime Converse over REST-JSON (bedrock-api.md §4, §6).
/// Model IDs are checked against the API's own pattern before any call.
/// </summary>
internal sealed class BedrockClient(AwsHttpSender sender)
{
    static readonly HttpMethod Get = HttpMethod.Get, Post = HttpMethod.Post;
    const string Json = "application/json";
    // The changes CloudTrail history looks for, by the name their event carries (the operation's).
    public const string CreateAgreementOperation = "CreateFoundationModelAgreement";
    public const string DeleteAgreementOperation = "DeleteFoundationModelAgreement";
    public const string PutUseCaseOperation = "PutUseCaseForModelAccess";

    public AwsConnection Connection => sender.Connection;

    /// <summary>Listings shared by every account that gets the same answer (their summaries are only read).</summary>
    static readonly SameAnswerCache<IReadOnlyList<FoundationModelSummary>> Listings = new SameAnswerCache<IReadOnlyList<FoundationModelSummary>>();

    public async Task<IReadOnlyList<FoundationModelSummary>> ListFoundationModelsAsync(ListFoundationModelsFilter? filter, CancellationToken ct)
    {
        const string op = "ListFoundationModels";
        var query = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) query.Add(name + "=" + Uri.EscapeDataString(value)); }
        Add("byInferenceType", filter?.ByInferenceType);
        Add("byOutputModality", filter?.ByOutputModality);
        Add("byProvider", filter?.ByProvider);
        string path = "/foundation-models" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
        var response = await sender.SendAsync(AwsService.Bedrock, op, Get, path, null, null, ct).ConfigureAwait(false);
        return Listings.GetOrParse(sender.Connection.Region + " " + sender.Connection.EndpointFor(AwsService.Bedrock) + path, response.Body,
            () => JsonShape.ParseResponse(AwsService.Bedrock, op, response, root =>
            {
                // The list is the answer: a missing or null member is a malformed response, never "no models".
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("modelSummaries", out var list) && list.ValueKind == JsonValueKind.Null)
                    throw new JsonShapeException("modelSummaries", "is null; expected an array (an empty account answers [])");
                return JsonShape.Objects(root, "modelSummaries", "", ReadModel);
            }));
    }

    public async Task<FoundationModelSummary> GetFoundationModelAsync(string modelIdentifier, CancellationToken ct)
    {
        const string op = "GetFoundationModel";
        string label = CheckIdentifier(modelIdentifier, allowArn: true);
        var response = await sender.SendAsync(AwsService.Bedrock, op, Get, "/foundation-models/" + Label(label), null, null, ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.Bedrock, op, response, root => ReadModel(JsonShape.Object(root, "modelDetails", ""), "modelDetails."));
    }

    public async Task<FoundationModelAvailability> GetFoundationModelAvailabilityAsync(string modelId, CancellationToken ct)
    {
        const string op = "GetFoundationModelAvailability";
        string id = CheckIdentifier(modelId, allowArn: false);
        var response = await sender.SendAsync(AwsService.Bedrock, op, Get, "/foundation-model-availability/" + Label(id), null, null, ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.Bedrock, op, response, root =>
        {
            var agreement = JsonShape.Object(root, "agreementAvailability", "");
            return new FoundationModelAvailability(JsonShape.String(root, "modelId", ""),
                JsonShape.String(agreement, "status", "agreementAvailability."), JsonShape.OptionalString(agreement, "errorMessage", "agreementAvailability."),
                JsonShape.String(root, "authorizationStatus", ""), JsonShape.String(root, "entitlementAvailability", ""), JsonShape.String(root, "regionAvailability", ""));
        });
    }

    public async Task<IReadOnlyList<AgreementOffer>> ListFoundationModelAgreementOffersAsync(string modelId, string? offerType, CancellationToken ct)
    {
        const string op = "ListFoundationModelAgreementOffers";
        string id = CheckIdentifier(modelId, allowArn: false);
        if (offerType != null && offerType != "ALL" && offerType != "PUBLIC")
            throw new ArgumentException($"Offer type '{offerType}' is not valid; expected ALL or PUBLIC.");
        string path = "/list-foundation-model-agreement-offers/" + Label(id) + (offerType != null ? "?offerType=" + offerType : "");
        var response = await sender.SendAsync(AwsService.Bedrock, op, Get, path, null, null, ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.Bedrock, op, response, root =>
        {
            string responseModel = JsonShape.String(root, "modelId", "");
            return JsonShape.Objects(root, "offers", "", (o, p) =>
            {
                var terms = JsonShape.Object(o, "termDetails", p);
                var pricing = JsonShape.Object(terms, "usageBasedPricingTerm", p + "termDetails.");
                var legal = JsonShape.Object(terms, "legalTerm", p + "termDetails.");
                var support = JsonShape.Object(terms, "supportTerm", p + "termDetails.");
                var validity = JsonShape.OptionalObject(terms, "validityTerm", p + "termDetails.");
                return new AgreementOffer(responseModel, JsonShape.OptionalString(o, "offerId", p), JsonShape.String(o, "offerToken", p),
                    JsonShape.OptionalString(legal, "url", p + "termDetails.legalTerm."),
                    JsonShape.Objects(pricing, "rateCard", p + "termDetails.usageBasedPricingTerm.", (r, rp) => new RateCardItem(
                        JsonShape.OptionalString(r, "dimension", rp), JsonShape.OptionalString(r, "price", rp),
                        JsonShape.OptionalString(r, "description", rp), JsonShape.OptionalString(r, "unit", rp))),
                    JsonShape.OptionalString(support, "refundPolicyDescription", p + "termDetails.supportTerm."),
                    validity is { } v ? JsonShape.OptionalString(v, "agreementDuration", p + "termDetails.validityTerm.") : null);
            });
        });
    }

    /// <summary>Accepts an offer. AWS answers 202: the agreement then moves towards AVAILABLE.</summary>
    public async Task<string> CreateFoundationModelAgreementAsync(string modelId, string offerToken, CancellationToken ct)
    {
        const string op = CreateAgreementOperation;
        string id = CheckIdentifier(modelId, allowArn: false);
        if (string.IsNullOrWhiteSpace(offerToken)) throw new ArgumentException("The offer token is empty; take one from Get-BedrockModelAgreementOffer.");
        byte[] body = JsonShape.Body(w => { w.WriteString("offerToken", offerToken); w.WriteString("modelId", id); });
        var response = await sender.SendAsync(AwsService.Bedrock, op, Post, "/create-foundation-model-agreement", body, Json, ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.Bedrock, op, response, root => JsonShape.String(root, "modelId", ""));
    }

    public async Task DeleteFoundationModelAgreementAsync(string modelId, CancellationToken ct)
    {
        const string op = DeleteAgreementOperation;
        string id = CheckIdentifier(modelId, allowArn: false);
        byte[] body = JsonShape.Body(w => w.WriteString("modelId", id));
        await sender.SendAsync(AwsService.Bedrock, op, Post, "/delete-foundation-model-agreement", body, Json, ct).ConfigureAwait(false);
    }

    /// <summary>Stores the Anthropic use-case form. The JSON bytes are base64-encoded exactly once, here.</summary>
    public async Task PutUseCaseForModelAccessAsync(byte[] formJson, CancellationToken ct)
    {
        const string op = PutUseCaseOperation;
        if (formJson.Length < 10 || formJson.Length > 16384)
            throw new ArgumentException($"The use-case form is {formJson.Length} bytes; the API accepts 10 to 16384.");
        byte[] body = JsonShape.Body(w => w.WriteString("formData", Convert.ToBase64String(formJson)));
        await sender.SendAsync(AwsService.Bedrock, op, Post, "/use-case-for-model-access", body, Json, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The form on file as JSON bytes, or null when none was submitted (ResourceNotFoundException). Decodes
    /// base64 once and, if that is not JSON but base64 again, once more (bedrock-api.md §4.8).
    /// </summary>
    public async Task<byte[]?> GetUseCaseForModelAccessAsync(CancellationToken ct)
    {
        const string op = "GetUseCaseForModelAccess";
        AwsResponse response;
        try
        {
            response = await sender.SendAsync(AwsService.Bedrock, op, Get, "/use-case-for-model-access", null, null, ct).ConfigureAwait(false);
        }
        catch (AwsServiceException ex) when (ex.ErrorCode == "ResourceNotFoundException")
        {
            return null;
        }
        return JsonShape.ParseResponse(AwsService.Bedrock, op, response, root => DecodeFormData(JsonShape.String(root, "formData", "")));
    }

    public static byte[] DecodeFormData(string formData)
    {
        byte[] once;
        try { once = Convert.FromBase64String(formData); }
        catch (FormatException) { throw new JsonShapeException("formData", "is not base64"); }
        if (LooksLikeJsonObject(once)) return once;
        string text = Encoding.ASCII.GetString(once).Trim();
        try
        {
            byte[] twice = Convert.FromBase64String(text);
            if (LooksLikeJsonObject(twice)) return twice;
        }
        catch (FormatException) { }
        throw new JsonShapeException("formData", "decodes to neither a JSON object nor base64 of one");
    }

    public async Task<InvocationLoggingConfiguration> GetModelInvocationLoggingConfigurationAsync(CancellationToken ct)
    {
        const string op = "GetModelInvocationLoggingConfiguration";
        var response = await sender.SendAsync(AwsService.Bedrock, op, Get, "/logging/modelinvocations", null, null, ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.Bedrock, op, response, root =>
        {
            var config = JsonShape.OptionalObject(root, "loggingConfig", "");
            if (config is not { } c) return new InvocationLoggingConfiguration { Configured = false };
            var cw = JsonShape.OptionalObject(c, "cloudWatchConfig", "loggingConfig.");
            var s3 = JsonShape.OptionalObject(c, "s3Config", "loggingConfig.");
            return new InvocationLoggingConfiguration
            {
                Configured = true,
                CloudWatchLogGroup = cw is { } w ? JsonShape.String(w, "logGroupName", "loggingConfig.cloudWatchConfig.") : null,
                CloudWatchRoleArn = cw is { } w2 ? JsonShape.OptionalString(w2, "roleArn", "loggingConfig.cloudWatchConfig.") : null,
                S3Bucket = s3 is { } b ? JsonShape.String(b, "bucketName", "loggingConfig.s3Config.") : null,
                S3KeyPrefix = s3 is { } b2 ? JsonShape.OptionalString(b2, "keyPrefix", "loggingConfig.s3Config.") : null,
                TextDataDeliveryEnabled = JsonShape.OptionalBool(c, "textDataDeliveryEnabled", "loggingConfig.") ?? false,
                ImageDataDeliveryEnabled = JsonShape.OptionalBool(c, "imageDataDeliveryEnabled", "loggingConfig.") ?? false,
                EmbeddingDataDeliveryEnabled = JsonShape.OptionalBool(c, "embeddingDataDeliveryEnabled", "loggingConfig.") ?? false,
                VideoDataDeliveryEnabled = JsonShape.OptionalBool(c, "videoDataDeliveryEnabled", "loggingConfig.") ?? false,
                AudioDataDeliveryEnabled = JsonShape.OptionalBool(c, "audioDataDeliveryEnabled", "loggingConfig.") ?? false,
            };
        });
    }

    /// <summary>bedrock-runtime Converse with one user text message.</summary>
    public async Task<ConverseResult> ConverseAsync(string modelId, string prompt, int maxTokens, CancellationToken ct)
    {
        const string op = "Converse";
        string id = CheckRuntimeIdentifier(modelId);
        if (maxTokens < 1) throw new ArgumentOutOfRangeException(nameof(maxTokens), maxTokens, "maxTokens must be at least 1.");
        byte[] body = JsonShape.Body(w =>
        {
            w.WriteStartArray("messages");
            w.WriteStartObject(); w.WriteString("role", "user");
            w.WriteStartArray("content"); w.WriteStartObject(); w.WriteString("text", prompt); w.WriteEndObject(); w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("inferenceConfig"); w.WriteNumber("maxTokens", maxTokens); w.WriteEndObject();
        });
        var response = await sender.SendAsync(AwsService.BedrockRuntime, op, Post, "/model/" + Label(id) + "/converse", body, Json, ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.BedrockRuntime, op, response, root =>
        {
            var output = JsonShape.Object(root, "output", "");
            var message = JsonShape.Object(output, "message", "output.");
            var text = new StringBuilder();
            foreach (var block in JsonShape.Array(message, "content", "output.message."))
                if (block.ValueKind == JsonValueKind.Object && JsonShape.OptionalString(block, "text", "output.message.content[].") is { } t) text.Append(t);
            var usage = JsonShape.Object(root, "usage", "");
            var metrics = JsonShape.Object(root, "metrics", "");
            return new ConverseResult(text.ToString(), JsonShape.String(root, "stopReason", ""),
                JsonShape.OptionalLong(usage, "outputTokens", "usage."), JsonShape.OptionalLong(metrics, "latencyMs", "metrics."));
        });
    }

    static FoundationModelSummary ReadModel(JsonElement m, string p)
    {
        var lifecycle = JsonShape.OptionalObject(m, "modelLifecycle", p);
        return new FoundationModelSummary
        {
            ModelArn = JsonShape.String(m, "modelArn", p),
            ModelId = JsonShape.String(m, "modelId", p),
            ModelName = JsonShape.OptionalString(m, "modelName", p),
            ProviderName = JsonShape.OptionalString(m, "providerName", p),
            InputModalities = JsonShape.StringArray(m, "inputModalities", p),
            OutputModalities = JsonShape.StringArray(m, "outputModalities", p),
            InferenceTypesSupported = JsonShape.StringArray(m, "inferenceTypesSupported", p),
            LifecycleStatus = lifecycle is { } l ? JsonShape.String(l, "status", p + "modelLifecycle.") : null,
            EndOfLifeTime = lifecycle is { } l2 ? JsonShape.OptionalTimestamp(l2, "endOfLifeTime", p + "modelLifecycle.") : null,
        };
    }

    /// <summary>Validates against BedrockModelId (or a foundation-model ARN where the API takes one).</summary>
    static string CheckIdentifier(string value, bool allowArn)
    {
        ModelIdentifier.Validate(value);
        string v = value.Trim();
        if (allowArn && v.StartsWith("arn:", StringComparison.Ordinal)) return v;
        if (!ModelIdentifier.ModelIdPattern.IsMatch(v) || v.Length > 140)
            throw new ArgumentException($"'{ModelIdentifier.Preview(value)}' is not a valid Bedrock model ID. Expected the API's pattern '<provider>.<model>[:<version>]' in lower case, e.g. 'anthropic.claude-3-5-sonnet-20241022-v2:0'" + (allowArn ? " or a foundation-model ARN." : "."));
        return v;
    }

    /// <summary>Converse takes model IDs, inference-profile IDs and several ARN kinds (1–2048 chars).</summary>
    static string CheckRuntimeIdentifier(string value)
    {
        ModelIdentifier.Validate(value);
        string v = value.Trim();
        if (v.StartsWith("arn:", StringComparison.Ordinal)) return v;
        if (!ModelIdentifier.ModelIdPattern.IsMatch(v))
            throw new ArgumentException($"'{ModelIdentifier.Preview(value)}' is not a valid model or inference-profile ID for Converse, e.g. 'us.anthropic.claude-3-5-haiku-20241022-v1:0'.");
        return v;
    }

    /// <summary>A path label percent-encoded once; the signer adds the second encoding for the canonical request.</summary>
    static string Label(string value) => Uri.EscapeDataString(value);

    static bool LooksLikeJsonObject(byte[] bytes)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException) { return false; }
    }
}
