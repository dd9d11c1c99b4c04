using System.Globalization;
using System.Text.Json;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.History;

/// <summary>
/// Turns one LookupEvents event into a <see cref="BedrockAgreementEvent"/>: the raw record's userIdentity (ARN, the
/// role behind an assumed-role session, sourceIdentity), eventTime, sourceIPAddress, userAgent, requestParameters.modelId
/// and errorCode (reference §7), and how an acceptance came about.
/// </summary>
internal static class AgreementEventParser
{
    /// <summary>A change the engine never makes itself (no client sends it), so its name is only known here.</summary>
    public const string PutDataRetention = "PutAccountDataRetention";
    /// <summary>The invocation operations whose first successful call can accept a model's EULA.</summary>
    public static readonly IReadOnlyList<string> InvocationNames = new[] { "InvokeModel", "InvokeModelWithResponseStream", "Converse", "ConverseStream" };
    /// <summary>Queried by event name, one LookupEvents query each (the API takes one attribute).</summary>
    public static readonly IReadOnlyList<string> ChangeNames = new[] { BedrockClient.CreateAgreementOperation, BedrockClient.DeleteAgreementOperation, BedrockClient.PutUseCaseOperation, PutDataRetention };
    /// <summary>
    /// Marketplace subscription events are queried by source; their names for the background subscription of a first
    /// invocation are not documented (reference §7.1, unverified), so they are reported but never counted as an acceptance.
    /// </summary>
    public const string MarketplaceSource = "aws-marketplace.amazonaws.com";

    public static BedrockAgreementEvent Parse(CloudTrailEventSummary summary, string region)
    {
        var e = new BedrockAgreementEvent
        {
            EventId = summary.EventId,
            EventName = summary.EventName,
            EventSource = summary.EventSource,
            EventTime = summary.EventTime?.UtcDateTime,
            Region = region,
        };
        if (!string.IsNullOrEmpty(summary.CloudTrailEvent))
        {
            try
            {
                using var doc = JsonDocument.Parse(summary.CloudTrailEvent!);
                var root = doc.RootElement;
                if (root.ValueKind == JsonValueKind.Object) Read(root, e);
            }
            catch (JsonException)
            {
                // A record we cannot read still counts as an event; who did it stays unknown.
            }
        }
        e.PrincipalArn ??= summary.Username;
        Classify(e);
        return e;
    }

    static void Read(JsonElement root, BedrockAgreementEvent e)
    {
        if (root.TryGetProperty("userIdentity", out var id) && id.ValueKind == JsonValueKind.Object)
        {
            e.PrincipalArn = Str(id, "arn");
            e.AccountId = Str(id, "accountId");
            if (id.TryGetProperty("sessionContext", out var session) && session.ValueKind == JsonValueKind.Object)
            {
                if (session.TryGetProperty("sessionIssuer", out var issuer) && issuer.ValueKind == JsonValueKind.Object) e.SessionIssuerArn = Str(issuer, "arn");
                e.SourceIdentity = Str(session, "sourceIdentity");
            }
        }
        if (root.TryGetProperty("recipientAccountId", out var recipient) && recipient.ValueKind == JsonValueKind.String) e.AccountId = recipient.GetString();
        e.SourceIpAddress = Str(root, "sourceIPAddress");
        e.UserAgent = Str(root, "userAgent");
        e.ErrorCode = Str(root, "errorCode");
        if (Str(root, "awsRegion") is { Length: > 0 } r) e.Region = r;
        if (e.EventTime == null && Str(root, "eventTime") is { } t &&
            DateTime.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time))
            e.EventTime = time;
        if (root.TryGetProperty("requestParameters", out var p) && p.ValueKind == JsonValueKind.Object) e.ModelId = Str(p, "modelId") ?? Str(p, "modelIdentifier");
    }

    static void Classify(BedrockAgreementEvent e)
    {
        bool ok = string.IsNullOrEmpty(e.ErrorCode);
        if (e.EventName == BedrockClient.CreateAgreementOperation && ok)
        {
            e.IsAcceptance = true;
            e.AcceptedVia = e.UserAgent?.StartsWith(AwsHttpSender.UserAgentProduct, StringComparison.Ordinal) == true ? AcceptanceVia.Tool : AcceptanceVia.OtherClient;
        }
        else if (InvocationNames.Contains(e.EventName) && ok)
        {
            e.AcceptedVia = AcceptanceVia.FirstInvocation; // whether it accepted anything is decided over the whole history
        }
    }

    static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
}
