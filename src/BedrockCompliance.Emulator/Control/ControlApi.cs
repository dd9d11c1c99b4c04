using System.Collections.Frozen;
using System.Text;
using System.Text.Json;
using BedrockCompliance.Emulator.Catalog;
using BedrockCompliance.Emulator.Faults;
using BedrockCompliance.Emulator.Services;

namespace BedrockCompliance.Emulator.Control;

/// <summary>
/// Unsigned test hooks under <c>/_emulator/</c>: read the state, reset it, reconfigure accounts and
/// faults at runtime. Fault injection and latency never apply here.
/// </summary>
public sealed class ControlApi(EmulatorState state, FaultInjector faults, EmulatorOptions options, TimeProvider time, RetentionCatalog retention)
{
    public const string Prefix = "/_emulator/";

    public AwsResponse Handle(string method, string path, byte[] body)
    {
        try
        {
            var now = time.GetUtcNow();
            var route = path[Prefix.Length..].TrimEnd('/');
            switch (method, route)
            {
                case ("GET", "state"):
                    return Ok(StateSnapshot.Render(state, faults.Settings, options, now));
                case ("POST", "reset"):
                    state.Reset();
                    faults.Reset();
                    retention.ClearOverrides();
                    return Ok(new JsonObject { ["reset"] = true });
                case ("GET", "faults"):
                    return Ok(Faults(faults.Settings));
                case ("POST", "faults"):
                    faults.Settings = PatchFaults(faults.Settings, ParseObject(body));
                    return Ok(Faults(faults.Settings));
                case ("POST", "model-retention"):
                    return Ok(PatchRetention(ParseObject(body)));
                case ("POST", _) when route.StartsWith("accounts/", StringComparison.Ordinal):
                    var id = route["accounts/".Length..];
                    if (!EmulatorState.AccountIdPattern().IsMatch(id)) return BadRequest($"'{id}' is not a 12-digit account ID.");
                    var account = state.GetOrAddMember(id);
                    PatchAccount(account, ParseObject(body), now);
                    return Ok(new JsonObject { ["accountId"] = id });
                default:
                    return new AwsResponse(404, AwsResponse.RestJsonContentType, Encoding.UTF8.GetBytes("{\"message\":\"Unknown emulator control route.\"}"));
            }
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or AwsException
                                      or InvalidCastException or NullReferenceException)
        {
            return BadRequest(e.Message);
        }
    }

    static void PatchAccount(AccountState a, JsonObject patch, DateTimeOffset now)
    {
        // Validate and build everything first, then apply under the lock, so a bad patch changes nothing.
        FrozenSet<string>? deny = patch["deny"] is JsonArray d ? d.Select(n => (string)n!).ToFrozenSet(StringComparer.Ordinal) : null;
        UseCaseRecord? useCase = null;
        if (patch["useCase"] is JsonObject form)
        {
            var formData = Convert.ToBase64String(Encoding.UTF8.GetBytes(form.ToJsonString()));
            useCase = new UseCaseRecord(formData, BedrockControlPlane.DecodeForm(formData), now, "emulator-control-api");
        }
        var trails = patch["trails"] is JsonArray t ? t.Select(n => Trail((JsonObject)n!, a.IsManagement)).ToList() : null;
        var privacy = PrivacyPatch.Prepare(patch);

        lock (a.Gate)
        {
            privacy(a, now);
            if (deny is not null) a.DeniedOperations = deny;
            if (patch["assumable"] is { } assumable) a.Assumable = assumable.GetValue<bool>();
            if (patch.ContainsKey("externalId")) a.RequiredExternalId = (string?)patch["externalId"];
            if (patch["compliantByDefault"] is { } compliant) a.CompliantByDefault = compliant.GetValue<bool>();
            if (patch.ContainsKey("useCase")) a.UseCase = useCase;
            if (trails is not null) a.Trails = trails;
            if (patch["vpcEndpoints"] is JsonObject endpointsByRegion)
                foreach (var (region, list) in endpointsByRegion)
                    a.RegionLocked(region, now).VpcEndpoints = ((JsonArray)list!)
                        .Select((n, i) => Endpoint(a, region, i, (JsonObject)n!, now)).ToList();
            if (patch["loggingConfig"] is JsonObject loggingByRegion)
                foreach (var (region, config) in loggingByRegion)
                    a.RegionLocked(region, now).LoggingConfig = (JsonObject?)config?.DeepClone();
        }
    }

    /// <summary>Overrides per-model retention requirements: <c>{"modelId": {"minimumMode", "retains"?}}</c>; a null value restores the data file's entry.</summary>
    JsonObject PatchRetention(JsonObject patch)
    {
        var parsed = patch.Select(kv =>
        {
            if (kv.Value is null) return (kv.Key, (ModelRetention?)null);
            var min = (string?)kv.Value["minimumMode"] ?? throw new ArgumentException($"{kv.Key}: minimumMode is required.");
            if (RetentionModes.Rank(min) < 0) throw new ArgumentException($"{kv.Key}: '{min}' is not one of {string.Join(", ", RetentionModes.Ordered)}.");
            return (kv.Key, new ModelRetention(kv.Key, min, (string?)kv.Value["retains"] ?? (min == "none" ? "none" : "all"), (string?)kv.Value["humanReview"], "emulator control API"));
        }).ToList();
        foreach (var (id, r) in parsed)
            if (r is null) retention.Override(retention.Listed.FirstOrDefault(m => m.ModelId == id) ?? ModelRetention.None(id));
            else retention.Override(r);
        return new JsonObject { ["models"] = new JsonArray(parsed.Select(p => (JsonNode)p.Key).ToArray()) };
    }

    static TrailRecord Trail(JsonObject o, bool isManagement) => new(
        Name: (string?)o["name"] ?? throw new ArgumentException("A trail needs a name."),
        HomeRegion: (string?)o["homeRegion"] ?? "us-east-1",
        IsMultiRegionTrail: (bool?)o["isMultiRegionTrail"] ?? false,
        IsLogging: (bool?)o["isLogging"] ?? true,
        IncludeManagementEvents: (bool?)o["includeManagementEvents"] ?? true,
        ReadWriteType: (string?)o["readWriteType"] ?? "All",
        S3BucketName: (string?)o["s3BucketName"] ?? "aws-cloudtrail-logs",
        IsOrganizationTrail: (bool?)o["isOrganizationTrail"] ?? isManagement);

    static VpcEndpointRecord Endpoint(AccountState a, string region, int index, JsonObject o, DateTimeOffset now) => new(
        VpcEndpointId: (string?)o["vpcEndpointId"] ?? a.StableId("vpce-", $"{region}|{index}"),
        ServiceName: (string?)o["serviceName"] ?? $"com.amazonaws.{region}.bedrock-runtime",
        VpcEndpointType: (string?)o["vpcEndpointType"] ?? "Interface",
        State: (string?)o["state"] ?? "available",
        VpcId: (string?)o["vpcId"] ?? a.StableId("vpc-", region),
        PrivateDnsEnabled: (bool?)o["privateDnsEnabled"] ?? true,
        CreatedAt: now);

    static FaultSettings PatchFaults(FaultSettings s, JsonObject p)
    {
        var next = s with
        {
            LatencyMs = (int?)p["latencyMs"] ?? s.LatencyMs,
            ThrottleRate = (double?)p["throttleRate"] ?? s.ThrottleRate,
            ErrorRate = (double?)p["errorRate"] ?? s.ErrorRate,
            RateLimit = (double?)p["rateLimit"] ?? s.RateLimit,
            AgreementDelayMs = (int?)p["agreementDelayMs"] ?? s.AgreementDelayMs,
            AfterCommitRate = (double?)p["afterCommitRate"] ?? s.AfterCommitRate,
            AfterCommitOperation = (string?)p["afterCommitOperation"] ?? s.AfterCommitOperation,
            AfterCommitMode = (string?)p["afterCommitMode"] ?? s.AfterCommitMode,
        };
        if (next.AfterCommitRate is < 0 or > 1 || !AfterCommitModes.IsValid(next.AfterCommitMode) || string.IsNullOrWhiteSpace(next.AfterCommitOperation))
            throw new ArgumentException("After-commit fault settings out of range: afterCommitRate 0 to 1, afterCommitMode 'error' or 'drop', afterCommitOperation an operation name.");
        if (next.ThrottleRate is < 0 or > 1 || next.ErrorRate is < 0 or > 1 || next.LatencyMs < 0 || next.RateLimit < 0 || next.AgreementDelayMs < 0)
            throw new ArgumentException("Fault settings out of range.");
        return next;
    }

    static JsonObject Faults(FaultSettings s)
    {
        var faults = s.ToJson();
        faults["afterCommitRate"] = s.AfterCommitRate;
        faults["afterCommitOperation"] = s.AfterCommitOperation;
        faults["afterCommitMode"] = s.AfterCommitMode;
        return faults;
    }

    static JsonObject ParseObject(byte[] body) =>
        body.Length == 0 ? new JsonObject() : JsonNode.Parse(body) as JsonObject ?? throw new ArgumentException("Expected a JSON object.");

    static AwsResponse Ok(JsonObject body) => AwsResponse.Json(200, body);

    static AwsResponse BadRequest(string message) => AwsResponse.Json(400, new JsonObject { ["message"] = message });
}
