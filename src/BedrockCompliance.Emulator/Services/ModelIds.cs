using System.Text.RegularExpressions;
using BedrockCompliance.Emulator.Catalog;

namespace BedrockCompliance.Emulator.Services;

/// <summary>Model identifier rules from the Bedrock service models.</summary>
public static partial class ModelIds
{
    public const string BedrockModelIdPattern =
        "[a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2}(/[a-z0-9]{12}|)";

    public const string GetFoundationModelIdentifierPattern =
        "(arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}::foundation-model/[a-z0-9-]{1,63}[.]{1}([a-z0-9-]{1,63}[.]){0,2}[a-z0-9-]{1,63}([:][a-z0-9-]{1,63}){0,2})|([a-z0-9-]{1,63}[.]{1}[a-z0-9-]{1,63}([.]?[a-z0-9-]{1,63})([:][a-z0-9-]{1,63}){0,2})";

    [GeneratedRegex("^(?:" + BedrockModelIdPattern + ")$")]
    private static partial Regex BedrockModelId();

    [GeneratedRegex("^(?:" + GetFoundationModelIdentifierPattern + ")$")]
    private static partial Regex GetFoundationModelIdentifier();

    [GeneratedRegex("^arn:aws(-[^:]+)?:bedrock:[a-z0-9-]{1,20}:[0-9]{0,12}:(foundation-model|inference-profile)/(.+)$")]
    private static partial Regex ModelArn();

    /// <summary>Geographic prefixes of system-defined cross-region inference profiles.</summary>
    static readonly string[] ProfilePrefixes = { "us.", "eu.", "apac.", "global.", "us-gov.", "jp.", "au.", "ca." };

    /// <summary>Validates a <c>BedrockModelId</c> member (max 140, service-model pattern).</summary>
    public static void RequireModelId(string? value, string member = "modelId")
    {
        if (string.IsNullOrEmpty(value))
            throw Validation.Error("ValidationException", Validation.Constraint(value, member, "Member must not be null"));
        if (value.Length > 140)
            throw Validation.Error("ValidationException", Validation.Constraint(value, member, "Member must have length less than or equal to 140"));
        if (!BedrockModelId().IsMatch(value))
            throw Validation.Error("ValidationException", Validation.Constraint(value, member,
                $"Member must satisfy regular expression pattern: {BedrockModelIdPattern}"));
    }

    /// <summary>GetFoundationModel accepts a model ID or a foundation-model ARN; returns the model ID.</summary>
    public static string ModelIdFromIdentifier(string value)
    {
        if (value.Length is < 1 or > 2048 || !GetFoundationModelIdentifier().IsMatch(value))
            throw Validation.Error("ValidationException", Validation.Constraint(value, "modelIdentifier",
                $"Member must satisfy regular expression pattern: {GetFoundationModelIdentifierPattern}"));
        var arn = ModelArn().Match(value);
        return arn.Success ? arn.Groups[3].Value : value;
    }

    /// <summary>Resolves what Converse accepts (model ID, inference-profile ID or either ARN) to a
    /// catalog model; <paramref name="viaProfile"/> says whether an inference profile was named.</summary>
    public static FoundationModel? ResolveRuntimeModel(ModelCatalog catalog, string identifier, out bool viaProfile)
    {
        viaProfile = false;
        var id = identifier;
        var arn = ModelArn().Match(identifier);
        if (arn.Success)
        {
            id = arn.Groups[3].Value;
            viaProfile = arn.Groups[2].Value == "inference-profile";
        }
        if (catalog.Find(id) is { } direct) return direct;
        foreach (var prefix in ProfilePrefixes)
        {
            if (id.StartsWith(prefix, StringComparison.Ordinal) && catalog.Find(id[prefix.Length..]) is { } model)
            {
                viaProfile = true;
                return model;
            }
        }
        return null;
    }
}
