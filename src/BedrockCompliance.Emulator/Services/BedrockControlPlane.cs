using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using BedrockCompliance.Emulator.Catalog;
using BedrockCompliance.Emulator.Faults;

namespace BedrockCompliance.Emulator.Services;

/// <summary>Bedrock control plane (rest-json, <c>bedrock.{region}.amazonaws.com</c>).</summary>
public sealed class BedrockControlPlane(ModelCatalog catalog, OfferCatalog offers, FaultInjector faults, BedrockPrivacyApi privacy) : IServiceHandler
{
    public const string NoUseCaseMessage =
        "Model use case details have not been submitted for this account. Fill out the Anthropic use case details form before using the model. If you have already filled out the form, try again in 15 minutes.";

    static readonly string[] OutputModalities = { "TEXT", "IMAGE", "EMBEDDING" };
    static readonly string[] InferenceTypes = { "ON_DEMAND", "PROVISIONED" };
    static readonly string[] CustomizationTypes = { "FINE_TUNING", "CONTINUED_PRE_TRAINING", "DISTILLATION" };
    static readonly string[] UseCaseKeys = { "companyName", "companyWebsite", "intendedUsers", "industryOption", "useCases" };

    /// <summary>The listing is the same for every account, so serialised bodies are cached per region and filter.</summary>
    readonly ConcurrentDictionary<string, byte[]> _listCache = new(StringComparer.Ordinal);

    public AwsResponse Handle(CallContext call) => call.Route.Operation switch
    {
        "ListFoundationModels" => ListFoundationModels(call),
        "GetFoundationModel" => GetFoundationModel(call),
        "GetFoundationModelAvailability" => GetAvailability(call),
        "ListFoundationModelAgreementOffers" => ListOffers(call),
        "CreateFoundationModelAgreement" => CreateAgreement(call),
        "DeleteFoundationModelAgreement" => DeleteAgreement(call),
        "PutUseCaseForModelAccess" => PutUseCase(call),
        "GetUseCaseForModelAccess" => GetUseCase(call),
        "GetModelInvocationLoggingConfiguration" => GetLogging(call),
        "PutModelInvocationLoggingConfiguration" => PutLogging(call),
        "DeleteModelInvocationLoggingConfiguration" => DeleteLogging(call),
        _ => privacy.Handle(call),
    };

    AwsResponse ListFoundationModels(CallContext call)
    {
        var provider = call.Request.Query("byProvider");
        var modality = call.Request.Query("byOutputModality");
        var inference = call.Request.Query("byInferenceType");
        var customization = call.Request.Query("byCustomizationType");
        if (provider is not null && (provider.Length is < 1 or > 63 || !provider.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ' ')))
            throw Validation.Error("ValidationException", Validation.Constraint(provider, "byProvider",
                "Member must satisfy regular expression pattern: [A-Za-z0-9- ]{1,63}"));
        RequireEnum(modality, "byOutputModality", OutputModalities);
        RequireEnum(inference, "byInferenceType", InferenceTypes);
        RequireEnum(customization, "byCustomizationType", CustomizationTypes);

        var key = string.Join('\u001f', call.Region, provider, modality, inference, customization);
        var body = _listCache.GetOrAdd(key, _ =>
        {
            var list = new JsonArray();
            foreach (var m in catalog.InRegion(call.Region))
            {
                // byProvider match rules are unconfirmed; case-insensitive equality on providerName.
                if (provider is not null && !m.ProviderName.Equals(provider, StringComparison.OrdinalIgnoreCase)) continue;
                if (modality is not null && !m.OutputModalities.Contains(modality)) continue;
                if (inference is not null && !m.InferenceTypes.Contains(inference)) continue;
                if (customization is not null && !m.Customizations.Contains(customization)) continue;
                list.Add(m.SummaryFor(call.Region));
            }
            return Encoding.UTF8.GetBytes(new JsonObject { ["modelSummaries"] = list }.ToJsonString());
        });
        return AwsResponse.Json(200, body);
    }

    AwsResponse GetFoundationModel(CallContext call)
    {
        var model = RequireModel(ModelIds.ModelIdFromIdentifier(call.Route.Label!));
        return AwsResponse.Json(200, new JsonObject { ["modelDetails"] = model.SummaryFor(call.Region) });
    }

    AwsResponse GetAvailability(CallContext call)
    {
        ModelIds.RequireModelId(call.Route.Label);
        var model = RequireModel(call.Route.Label!);
        string agreementStatus;
        if (!model.NeedsAgreement) agreementStatus = "AVAILABLE";
        else
            lock (call.Account.Gate)
                agreementStatus = call.RegionLocked().Agreements.TryGetValue(model.ModelId, out var a)
                    ? a.StatusAt(call.Now) : "NOT_AVAILABLE";

        // Entitlement follows the agreement for Marketplace-sold models; others are entitled without one.
        var entitled = !model.IsMarketplaceSold || agreementStatus == "AVAILABLE";
        var authorized = !call.Account.IsDenied("Converse") && !call.Account.IsDenied("InvokeModel");
        return AwsResponse.Json(200, new JsonObject
        {
            ["modelId"] = model.ModelId,
            ["agreementAvailability"] = new JsonObject { ["status"] = agreementStatus },
            ["authorizationStatus"] = authorized ? "AUTHORIZED" : "NOT_AUTHORIZED",
            ["entitlementAvailability"] = entitled ? "AVAILABLE" : "NOT_AVAILABLE",
            ["regionAvailability"] = "AVAILABLE",
        });
    }

    AwsResponse ListOffers(CallContext call)
    {
        ModelIds.RequireModelId(call.Route.Label);
        var offerType = call.Request.Query("offerType");
        RequireEnum(offerType, "offerType", new[] { "ALL", "PUBLIC" });
        var model = RequireModel(call.Route.Label!);
        var list = new JsonArray();
        if (model.NeedsAgreement)
        {
            var offer = offers.For(model, call.Region);
            list.Add(new JsonObject { ["offerId"] = offer.OfferId, ["offerToken"] = offer.OfferToken, ["termDetails"] = offer.TermDetails });
        }
        return AwsResponse.Json(200, new JsonObject { ["modelId"] = model.ModelId, ["offers"] = list });
    }

    AwsResponse CreateAgreement(CallContext call)
    {
        var body = call.JsonBody();
        var modelId = StringMember(body, "modelId");
        var token = StringMember(body, "offerToken");
        ModelIds.RequireModelId(modelId);
        if (string.IsNullOrEmpty(token))
            throw Validation.Error("ValidationException", Validation.Constraint(token, "offerToken", "Member must not be null"));
        var model = RequireModel(modelId!);
        if (!model.NeedsAgreement)
            throw Validation.Error("ValidationException", $"Model {model.ModelId} does not require an agreement.");
        if (!offers.IsValidToken(model, call.Region, token))
            throw Validation.Error("ValidationException", "The provided offer token is not valid for this model.");

        var offer = offers.For(model, call.Region);
        var delay = TimeSpan.FromMilliseconds(faults.Settings.AgreementDelayMs);
        lock (call.Account.Gate)
        {
            if (model.IsAnthropic && call.Account.UseCase is null)
                throw AwsException.Of("ResourceNotFoundException", 404, NoUseCaseMessage);
            var region = call.RegionLocked();
            if (region.Agreements.TryGetValue(model.ModelId, out var existing))
                throw AwsException.Of("ConflictException", 400, existing.StatusAt(call.Now) == "PENDING"
                    ? $"An agreement for model {model.ModelId} is already being processed."
                    : $"An agreement for model {model.ModelId} already exists.");
            region.Agreements[model.ModelId] = new AgreementRecord(model.ModelId, offer.OfferId, token, call.Now, call.Now + delay, call.Principal.Arn);
        }
        return AwsResponse.Json(202, new JsonObject { ["modelId"] = model.ModelId });
    }

    AwsResponse DeleteAgreement(CallContext call)
    {
        var modelId = StringMember(call.JsonBody(), "modelId");
        ModelIds.RequireModelId(modelId);
        var model = RequireModel(modelId!);
        lock (call.Account.Gate)
        {
            var region = call.RegionLocked();
            if (!region.Agreements.TryGetValue(model.ModelId, out var existing))
                throw AwsException.Of("ResourceNotFoundException", 404, $"No agreement found for model {model.ModelId}.");
            if (existing.StatusAt(call.Now) == "PENDING")
                throw AwsException.Of("ConflictException", 400, $"The agreement for model {model.ModelId} is still being processed. Try again later.");
            region.Agreements.Remove(model.ModelId);
            region.RevokedAgreements.Add(new RevokedAgreementRecord(existing, call.Now, call.Principal.Arn));
        }
        return AwsResponse.Json(202, new JsonObject());
    }

    AwsResponse PutUseCase(CallContext call)
    {
        var formData = StringMember(call.JsonBody(), "formData");
        if (formData is null)
            throw Validation.Error("ValidationException", Validation.Constraint(null, "formData", "Member must not be null"));
        var form = DecodeForm(formData);
        lock (call.Account.Gate)
            call.Account.UseCase = new UseCaseRecord(formData, form, call.Now, call.Principal.Arn);
        return AwsResponse.Json(201, new JsonObject());
    }

    /// <summary>Validates the form the way reported rejections suggest: base64 of a JSON object of
    /// strings with the documented keys and a numeric-string <c>intendedUsers</c>.</summary>
    public static JsonObject DecodeForm(string formData)
    {
        byte[] raw;
        try { raw = Convert.FromBase64String(formData); }
        catch (FormatException) { throw Validation.Error("ValidationException", "Invalid form data"); }
        if (raw.Length < 10)
            throw Validation.Error("ValidationException", Validation.Constraint(null, "formData", "Member must have length greater than or equal to 10"));
        if (raw.Length > 16384)
            throw Validation.Error("ValidationException", Validation.Constraint(null, "formData", "Member must have length less than or equal to 16384"));
        JsonObject? form;
        try { form = JsonNode.Parse(raw) as JsonObject; }
        catch (JsonException) { form = null; }
        if (form is null
            || form.Any(kv => kv.Value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            || UseCaseKeys.Any(k => string.IsNullOrWhiteSpace((string?)form[k]))
            || (string?)form["intendedUsers"] is not ("0" or "1" or "2"))
            throw Validation.Error("ValidationException", "Invalid form data");
        return form;
    }

    AwsResponse GetUseCase(CallContext call)
    {
        UseCaseRecord? useCase;
        lock (call.Account.Gate) useCase = call.Account.UseCase;
        if (useCase is null)
            throw AwsException.Of("ResourceNotFoundException", 404, "You have not filled out the request form.");
        // Terraform's view of the real service (bedrock-api.md §4.8): the stored wire string is
        // base64-encoded once more, so clients must decode twice.
        return AwsResponse.Json(200, new JsonObject { ["formData"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(useCase.FormData)) });
    }

    AwsResponse GetLogging(CallContext call)
    {
        JsonObject? config;
        lock (call.Account.Gate) config = call.RegionLocked().LoggingConfig?.DeepClone().AsObject();
        return AwsResponse.Json(200, config is null ? new JsonObject() : new JsonObject { ["loggingConfig"] = config });
    }

    AwsResponse PutLogging(CallContext call)
    {
        var config = call.JsonBody()["loggingConfig"] as JsonObject
            ?? throw Validation.Error("ValidationException", Validation.Constraint(null, "loggingConfig", "Member must not be null"));
        if (config["cloudWatchConfig"] is JsonObject cw && (cw["logGroupName"] is null || cw["roleArn"] is null))
            throw Validation.Error("ValidationException", "CloudWatch configuration requires logGroupName and roleArn.");
        if (config["s3Config"] is JsonObject s3 && s3["bucketName"] is null)
            throw Validation.Error("ValidationException", "S3 configuration requires bucketName.");
        lock (call.Account.Gate)
            call.RegionLocked().LoggingConfig = (JsonObject)config.DeepClone();
        return AwsResponse.Json(200, new JsonObject());
    }

    AwsResponse DeleteLogging(CallContext call)
    {
        lock (call.Account.Gate)
            call.RegionLocked().LoggingConfig = null;
        return AwsResponse.Json(200, new JsonObject());
    }

    FoundationModel RequireModel(string modelId) =>
        catalog.Find(modelId) ?? throw AwsException.Of("ResourceNotFoundException", 404,
            "Could not resolve the foundation model from the provided model identifier.");

    static void RequireEnum(string? value, string member, string[] allowed)
    {
        if (value is not null && !allowed.Contains(value))
            throw Validation.Error("ValidationException", Validation.Constraint(value, member,
                $"Member must satisfy enum value set: [{string.Join(", ", allowed)}]"));
    }

    static string? StringMember(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => (string?)v,
        _ => throw AwsException.Of("SerializationException", 400, $"Expected a string for member '{name}'."),
    };
}
