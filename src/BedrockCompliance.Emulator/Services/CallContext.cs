using System.Text.Json;
using BedrockCompliance.Emulator.Auth;
using BedrockCompliance.Emulator.Routing;

namespace BedrockCompliance.Emulator.Services;

/// <summary>Everything a handler needs about one authenticated call.</summary>
public sealed record CallContext(AwsRequest Request, RouteMatch Route, Principal Principal, AccountState Account, string Region, DateTimeOffset Now, string RequestId)
{
    /// <summary>The state of the call's Region in its account; the caller holds <see cref="AccountState.Gate"/>.</summary>
    public RegionState RegionLocked() => Account.RegionLocked(Region, Now);

    /// <summary>The JSON body as an object; an absent or empty body counts as <c>{}</c>.</summary>
    public JsonObject JsonBody()
    {
        if (Request.Body.Length == 0) return new JsonObject();
        try
        {
            return JsonNode.Parse(Request.Body) as JsonObject
                ?? throw AwsException.Of("SerializationException", 400, "Start of structure or map found where not expected.");
        }
        catch (JsonException)
        {
            throw AwsException.Of("SerializationException", 400, "Could not parse request body into json: malformed JSON.");
        }
    }
}

public interface IServiceHandler
{
    AwsResponse Handle(CallContext call);
}

/// <summary>AWS's standard validation-message format ("1 validation error detected: ...").</summary>
public static class Validation
{
    public static AwsException Error(string code, string message) => AwsException.Of(code, 400, message);

    public static string Constraint(string? value, string member, string constraint) =>
        $"1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}";
}
