using BedrockCompliance.Emulator.Services;

namespace BedrockCompliance.Emulator.Control;

/// <summary>
/// The 2026 privacy members of an account patch (docs/emulator.md, "Control API"). <see cref="Prepare"/>
/// validates everything it can without the account's state and returns the change to apply under the
/// account's lock; whatever fails there (an enforced configuration naming an unknown guardrail) throws
/// before anything else of the patch is applied, because it runs first.
/// </summary>
public static class PrivacyPatch
{
    public static Action<AccountState, DateTimeOffset> Prepare(JsonObject patch)
    {
        var steps = new List<Action<AccountState, DateTimeOffset>>();

        if (patch["dataRetention"] is JsonObject retention)
            foreach (var (region, value) in retention)
            {
                var (control, mantle) = value switch
                {
                    JsonValue v => ((string?)v, (string?)v),
                    JsonObject o => ((string?)o["control"], (string?)o["mantle"]),
                    _ => throw new ArgumentException($"dataRetention.{region}: expected a mode or {{control, mantle}}."),
                };
                foreach (var m in new[] { control, mantle })
                    if (m is not null && !RetentionModes.IsValid(m))
                        throw new ArgumentException($"dataRetention.{region}: '{m}' is not one of {string.Join(", ", RetentionModes.Wire)}.");
                steps.Add((a, now) =>
                {
                    var r = a.RegionLocked(region, now);
                    if (control is not null) r.ControlRetention = new RetentionSetting(control, now);
                    if (mantle is not null) r.MantleRetention = new RetentionSetting(mantle, now);
                });
            }

        if (patch["projects"] is JsonObject projects)
            foreach (var (region, list) in projects)
            {
                var items = Array(list, $"projects.{region}").Select(n => (JsonObject)n!).ToList();
                foreach (var p in items)
                {
                    if (string.IsNullOrEmpty((string?)p["name"])) throw new ArgumentException($"projects.{region}: every project needs a name.");
                    if ((string?)p["mode"] is { } m && !RetentionModes.IsValid(m)) throw new ArgumentException($"projects.{region}: '{m}' is not a retention mode.");
                    if ((string?)p["id"] is { } id && (id == ProjectRecord.DefaultId || !id.StartsWith("proj_", StringComparison.Ordinal)))
                        throw new ArgumentException($"projects.{region}: id '{id}' must start with proj_ (the default project is implicit).");
                }
                steps.Add((a, now) =>
                {
                    var r = a.RegionLocked(region, now);
                    r.Projects.Clear();
                    for (var i = 0; i < items.Count; i++)
                    {
                        var p = items[i];
                        var id = (string?)p["id"] ?? a.StableId("proj_", $"{region}|control|{i}");
                        r.Projects[id] = new ProjectRecord(id, (string)p["name"]!, new RetentionSetting((string?)p["mode"] ?? RetentionModes.Inherit, now),
                            now, (bool?)p["archived"] == true ? now : null);
                    }
                });
            }

        if (patch["guardrails"] is JsonObject guardrails)
            foreach (var (region, list) in guardrails)
            {
                var items = Array(list, $"guardrails.{region}").Select(n => (JsonObject)n!.DeepClone()).ToList();
                if (items.Any(g => string.IsNullOrEmpty((string?)g["name"]))) throw new ArgumentException($"guardrails.{region}: every guardrail needs a name.");
                steps.Add((a, now) =>
                {
                    a.RegionLocked(region, now).Guardrails = items.Select((g, i) =>
                    {
                        var id = (string?)g["guardrailId"] ?? a.StableId("", $"{region}|guardrail|{i}")[..12];
                        var version = (string?)g["version"] ?? "1";
                        g.Remove("guardrailId");
                        g.Remove("version");
                        g["status"] ??= "READY";
                        g["createdAt"] ??= StateSnapshot.Time(now);
                        g["updatedAt"] ??= StateSnapshot.Time(now);
                        g["blockedInputMessaging"] ??= "Sorry, the model cannot answer this question.";
                        g["blockedOutputsMessaging"] ??= "Sorry, the model cannot answer this question.";
                        return new GuardrailRecord(id, version, g);
                    }).ToList();
                });
            }

        // After guardrails, so a patch can arrange both at once.
        if (patch["enforcedGuardrails"] is JsonObject enforced)
            foreach (var (region, list) in enforced)
            {
                var items = Array(list, $"enforcedGuardrails.{region}").Select(n => (JsonObject)n!).ToList();
                steps.Add((a, now) =>
                {
                    var r = a.RegionLocked(region, now);
                    r.EnforcedGuardrails = items.Select((e, i) => GuardrailApi.Build(a, r, e,
                        (string?)e["configId"] ?? a.StableId("", $"{region}|enforced|{i}")[..12], null, null, now, "emulator-control-api")).ToList();
                });
            }

        if (patch["inferenceProfiles"] is JsonObject profiles)
            foreach (var (region, value) in profiles)
            {
                var o = value as JsonObject ?? throw new ArgumentException($"inferenceProfiles.{region}: expected {{systemProfiles, profiles}}.");
                var system = (bool?)o["systemProfiles"] ?? true;
                var items = (o["profiles"] is JsonArray l ? l : new JsonArray()).Select(n => Profile((JsonObject)n!, region)).ToList();
                steps.Add((a, now) =>
                {
                    var r = a.RegionLocked(region, now);
                    r.SystemProfiles = system;
                    r.InferenceProfiles = items.Select(p => p with { CreatedAt = now }).ToList();
                });
            }

        if (patch["logGroups"] is JsonObject logGroups)
            foreach (var (region, list) in logGroups)
            {
                var items = Array(list, $"logGroups.{region}").Select(n => (JsonObject)n!).Select(g => new LogGroupRecord(
                    (string?)g["logGroupName"] ?? throw new ArgumentException($"logGroups.{region}: every log group needs a logGroupName."),
                    (string?)g["kmsKeyId"], (int?)g["retentionInDays"], DateTimeOffset.UnixEpoch)).ToList();
                steps.Add((a, now) => a.RegionLocked(region, now).LogGroups = items.Select(g => g with { CreatedAt = now }).ToList());
            }

        if (patch["buckets"] is JsonObject buckets)
        {
            var items = buckets.Select(kv => (kv.Key, Bucket: kv.Value is JsonObject b ? b : null)).ToList();
            steps.Add((a, now) =>
            {
                foreach (var (name, b) in items)
                {
                    var encryption = b?["encryption"] is JsonObject e ? (JsonObject)e.DeepClone() : null;
                    a.Buckets[name] = new BucketRecord(name, (string?)b?["region"] ?? "us-east-1", encryption);
                }
            });
        }

        if (patch["iamUsers"] is JsonArray users)
        {
            var names = users.Select(n => (string?)n ?? throw new ArgumentException("iamUsers: expected user names.")).ToList();
            steps.Add((a, now) => { foreach (var n in names) AddUser(a, n, now); });
        }

        if (patch["apiKeys"] is JsonArray keys)
        {
            var items = keys.Select(n => (JsonObject)n!).ToList();
            foreach (var k in items)
            {
                if (string.IsNullOrEmpty((string?)k["userName"])) throw new ArgumentException("apiKeys: every key needs a userName.");
                if ((string?)k["status"] is { } s && s is not ("Active" or "Inactive")) throw new ArgumentException($"apiKeys: status '{s}' must be Active or Inactive.");
                Date(k, "createDate");
                Date(k, "expirationDate");
            }
            steps.Add((a, now) =>
            {
                a.ServiceCredentials.Clear();
                foreach (var k in items)
                {
                    var user = (string)k["userName"]!;
                    AddUser(a, user, now);
                    var created = Date(k, "createDate") ?? now;
                    var credential = IamService.NewCredential(a, user, (string?)k["serviceName"] ?? IamService.BedrockServiceName, created,
                        Date(k, "expirationDate"), (string?)k["secret"]);
                    a.ServiceCredentials.Add(credential with { Status = (string?)k["status"] ?? "Active" });
                }
            });
        }

        if (patch["zdrModels"] is JsonArray zdr)
        {
            var models = zdr.Select(n => (string)n!).ToHashSet(StringComparer.Ordinal);
            steps.Add((a, _) => a.ZdrModels = models);
        }

        return (a, now) => { foreach (var step in steps) step(a, now); };
    }

    static InferenceProfileRecord Profile(JsonObject p, string region)
    {
        var id = (string?)p["inferenceProfileId"] ?? throw new ArgumentException($"inferenceProfiles.{region}: every profile needs an inferenceProfileId.");
        var type = (string?)p["type"] ?? (id.Contains('.') ? "SYSTEM_DEFINED" : "APPLICATION");
        if (type is not ("SYSTEM_DEFINED" or "APPLICATION")) throw new ArgumentException($"inferenceProfiles.{region}: type '{type}' is not SYSTEM_DEFINED or APPLICATION.");
        var models = p["models"] is JsonArray m ? m.Select(n => (string)n!).ToList()
            : throw new ArgumentException($"inferenceProfiles.{region}.{id}: models (foundation-model ARNs) is required.");
        return new InferenceProfileRecord(id, (string?)p["inferenceProfileName"] ?? id, type, (string?)p["status"] ?? "ACTIVE",
            (string?)p["description"], models, DateTimeOffset.UnixEpoch);
    }

    static void AddUser(AccountState a, string name, DateTimeOffset now)
    {
        if (!a.IamUsers.ContainsKey(name))
            a.IamUsers[name] = new IamUserRecord(name, a.StableId("AIDA", name).ToUpperInvariant(), now);
    }

    static DateTimeOffset? Date(JsonObject o, string name) =>
        (string?)o[name] is { } s ? DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;

    static JsonArray Array(JsonNode? node, string member) => node as JsonArray ?? throw new ArgumentException($"{member}: expected a list.");
}
