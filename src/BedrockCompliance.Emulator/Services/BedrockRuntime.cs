using System.Text.Json;
using BedrockCompliance.Emulator.Catalog;
using BedrockCompliance.Emulator.Faults;
using BedrockCompliance.Emulator.Privacy;

namespace BedrockCompliance.Emulator.Services;

/// <summary>bedrock-runtime Converse: access gating as the licence workflow needs it, and a short
/// deterministic answer in the real response shape.</summary>
public sealed class BedrockRuntime(ModelCatalog catalog, FaultInjector faults, RetentionPolicy retention) : IServiceHandler
{
    const string Reply = "Hello! This is a deterministic reply from the Bedrock emulator.";
    static readonly string[] Roles = { "user", "assistant" };

    public AwsResponse Handle(CallContext call)
    {
        var identifier = call.Route.Label ?? "";
        if (identifier.Length is < 1 or > 2048)
            throw Validation.Error("ValidationException", Validation.Constraint(identifier, "modelId",
                "Member must have length between 1 and 2048"));
        var model = ModelIds.ResolveRuntimeModel(catalog, identifier, out var viaProfile)
            ?? throw Validation.Error("ValidationException", "The provided model identifier is invalid.");

        var body = call.JsonBody();
        var maxTokens = ValidateInferenceConfig(body["inferenceConfig"]);
        var inputTokens = ValidateMessages(body["messages"]) + CountWords(body["system"]);

        // Converse is for text and chat models; embedding, image and rerank models are refused (AWS's wording).
        if (!model.OutputModalities.Contains("TEXT") || model.ModelId.Contains(".rerank", StringComparison.Ordinal) || model.ModelId.Contains("-rerank", StringComparison.Ordinal))
            throw Validation.Error("ValidationException",
                "This action doesn't support the model that you provided. Try again with a supported text or chat model.");

        if (!viaProfile && !model.OnDemandInvocable)
            throw Validation.Error("ValidationException",
                $"Invocation of model ID {model.ModelId} with on-demand throughput isn't supported. Retry your request with the ID or ARN of an inference profile that contains this model.");

        lock (call.Account.Gate)
        {
            // bedrock-runtime always uses the default project, whose retention inherits the account's control-plane mode (§3.1).
            retention.RequireAvailable(call.Account, call.RegionLocked(), model.ModelId);
            if (model.IsAnthropic && call.Account.UseCase is null)
                throw AwsException.Of("ResourceNotFoundException", 404, BedrockControlPlane.NoUseCaseMessage);
            if (model.IsMarketplaceSold)
            {
                var region = call.RegionLocked();
                if (!region.Agreements.TryGetValue(model.ModelId, out var agreement) || agreement.StatusAt(call.Now) != "AVAILABLE")
                    throw AwsException.Of("AccessDeniedException", 403, "You don't have access to the model with the specified model ID.");
            }
        }

        var words = Reply.Split(' ');
        var outputTokens = Math.Min(words.Length, maxTokens);
        var stopReason = outputTokens < words.Length ? "max_tokens" : "end_turn";
        return AwsResponse.Json(200, new JsonObject
        {
            ["output"] = new JsonObject
            {
                ["message"] = new JsonObject
                {
                    ["role"] = "assistant",
                    ["content"] = new JsonArray(new JsonObject { ["text"] = string.Join(' ', words[..outputTokens]) }),
                },
            },
            ["stopReason"] = stopReason,
            ["usage"] = new JsonObject
            {
                ["inputTokens"] = inputTokens,
                ["outputTokens"] = outputTokens,
                ["totalTokens"] = inputTokens + outputTokens,
            },
            ["metrics"] = new JsonObject { ["latencyMs"] = Math.Max(1, faults.Settings.LatencyMs) },
        });
    }

    /// <summary>Returns maxTokens (default: unbounded) after checking the modelled ranges.</summary>
    static int ValidateInferenceConfig(JsonNode? node)
    {
        if (node is null) return int.MaxValue;
        if (node is not JsonObject config)
            throw AwsException.Of("SerializationException", 400, "Expected an object for 'inferenceConfig'.");
        var maxTokens = int.MaxValue;
        if (config["maxTokens"] is { } mt)
        {
            if (mt.GetValueKind() != JsonValueKind.Number || !mt.AsValue().TryGetValue<int>(out maxTokens))
                throw AwsException.Of("SerializationException", 400, "Expected an integer for 'inferenceConfig.maxTokens'.");
            if (maxTokens < 1)
                throw Validation.Error("ValidationException", Validation.Constraint(maxTokens.ToString(), "inferenceConfig.maxTokens",
                    "Member must have value greater than or equal to 1"));
        }
        foreach (var name in new[] { "temperature", "topP" })
        {
            if (config[name] is not { } v) continue;
            if (v.GetValueKind() != JsonValueKind.Number)
                throw AwsException.Of("SerializationException", 400, $"Expected a number for 'inferenceConfig.{name}'.");
            var d = v.GetValue<double>();
            if (d is < 0 or > 1)
                throw Validation.Error("ValidationException", Validation.Constraint(v.ToJsonString(), $"inferenceConfig.{name}",
                    d < 0 ? "Member must have value greater than or equal to 0" : "Member must have value less than or equal to 1"));
        }
        if (config["stopSequences"] is JsonArray stops && stops.Count > 2500)
            throw Validation.Error("ValidationException", Validation.Constraint("[...]", "inferenceConfig.stopSequences",
                "Member must have length less than or equal to 2500"));
        return maxTokens;
    }

    /// <summary>Checks the message list and returns a rough input-token count (words).</summary>
    static int ValidateMessages(JsonNode? node)
    {
        if (node is null) return 0;
        if (node is not JsonArray messages)
            throw AwsException.Of("SerializationException", 400, "Expected a list for 'messages'.");
        if (messages.Count > 0 && (string?)messages[0]?["role"] != "user")
            throw Validation.Error("ValidationException",
                "A conversation must start with a user message. Try again with a conversation that starts with a user message.");
        var tokens = 0;
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message || (string?)message["role"] is not { } role || !Roles.Contains(role))
                throw Validation.Error("ValidationException", Validation.Constraint(null, $"messages.{i + 1}.member.role",
                    "Member must satisfy enum value set: [user, assistant]"));
            if (message["content"] is not JsonArray content)
                throw Validation.Error("ValidationException", Validation.Constraint(null, $"messages.{i + 1}.member.content", "Member must not be null"));
            foreach (var block in content)
            {
                if (block is not JsonObject b || b.Count != 1)
                    throw Validation.Error("ValidationException", "A content block must contain exactly one member.");
                tokens += CountWords(b["text"]);
            }
        }
        return tokens;
    }

    static int CountWords(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String =>
            ((string)v!).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length,
        JsonArray a => a.Sum(e => CountWords(e is JsonObject o ? o["text"] : null)),
        _ => 0,
    };
}
