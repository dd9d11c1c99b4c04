using System.Globalization;
using BedrockCompliance.Emulator.Faults;

namespace BedrockCompliance.Emulator.State;

/// <summary>Renders the whole emulator state as camelCase JSON for <c>GET /_emulator/state</c>.
/// Collections are sorted so that two snapshots of the same state are byte-identical.</summary>
public static class StateSnapshot
{
    public static JsonObject Render(EmulatorState state, FaultSettings settings, EmulatorOptions options, DateTimeOffset now)
    {
        var accounts = new JsonArray();
        foreach (var account in state.Accounts) accounts.Add(Account(account, now));
        var totals = state.Totals;
        return new JsonObject
        {
            ["generatedAt"] = Time(now),
            ["settings"] = Settings(settings, options),
            ["totals"] = new JsonObject
            {
                ["calls"] = totals.Calls,
                ["successful"] = totals.Successful,
                ["throttled"] = totals.Throttled,
                ["injectedErrors"] = totals.InjectedErrors,
                ["authFailures"] = totals.AuthFailures,
            },
            ["accounts"] = accounts,
        };
    }

    static JsonObject Settings(FaultSettings faults, EmulatorOptions options)
    {
        var settings = faults.ToJson();
        settings["seed"] = options.Seed;
        settings["memberAccounts"] = options.Accounts;
        settings["defaultRegion"] = options.DefaultRegion;
        return settings;
    }

    static JsonObject Account(AccountState a, DateTimeOffset now)
    {
        var calls = new JsonObject();
        long total = 0, successful = 0;
        foreach (var (operation, counter) in a.Calls.Snapshot())
        {
            calls[operation] = new JsonObject { ["total"] = counter.Total, ["successful"] = counter.Successful };
            total += counter.Total;
            successful += counter.Successful;
        }

        lock (a.Gate)
        {
            return new JsonObject
            {
                ["accountId"] = a.AccountId,
                ["isManagement"] = a.IsManagement,
                ["principalArn"] = a.IsManagement ? EmulatorOptions.ManagementPrincipalArn : Arns.IamRole(a.AccountId, EmulatorOptions.MemberRoleName),
                ["assumable"] = !a.IsManagement && a.Assumable,
                ["requiredExternalId"] = a.RequiredExternalId,
                ["deniedOperations"] = new JsonArray(a.DeniedOperations.Order(StringComparer.Ordinal).Select(o => (JsonNode)o).ToArray()),
                ["compliantByDefault"] = a.CompliantByDefault,
                ["useCase"] = a.UseCase is { } u ? new JsonObject
                {
                    ["formData"] = u.FormData,
                    ["form"] = u.Form.DeepClone(),
                    ["submittedAt"] = Time(u.SubmittedAt),
                    ["submittedBy"] = u.SubmittedBy,
                } : null,
                ["trails"] = new JsonArray(a.Trails.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (JsonNode)Trail(a.AccountId, t)).ToArray()),
                ["regions"] = new JsonArray(a.Regions.Values.Select(r => (JsonNode)Region(r, now)).ToArray()),
                ["buckets"] = new JsonArray(a.Buckets.Values.Select(b => (JsonNode)new JsonObject
                {
                    ["name"] = b.Name, ["region"] = b.Region, ["encryption"] = b.Encryption?.DeepClone(),
                }).ToArray()),
                ["iamUsers"] = new JsonArray(a.IamUsers.Keys.Select(u => (JsonNode)u).ToArray()),
                ["apiKeys"] = new JsonArray(a.ServiceCredentials.Select(c => (JsonNode)new JsonObject
                {
                    ["serviceSpecificCredentialId"] = c.Id, ["userName"] = c.UserName, ["serviceName"] = c.ServiceName,
                    ["status"] = c.StatusAt(now), ["createDate"] = Time(c.CreateDate),
                    ["expirationDate"] = c.ExpirationDate is { } e ? Time(e) : null, ["secret"] = c.Secret,
                }).ToArray()),
                ["zdrModels"] = new JsonArray(a.ZdrModels.Order(StringComparer.Ordinal).Select(m => (JsonNode)m).ToArray()),
                ["calls"] = calls,
                ["totals"] = new JsonObject { ["calls"] = total, ["successful"] = successful },
            };
        }
    }

    static JsonObject Trail(string accountId, TrailRecord t) => new()
    {
        ["name"] = t.Name,
        ["trailArn"] = t.Arn(accountId),
        ["homeRegion"] = t.HomeRegion,
        ["isMultiRegionTrail"] = t.IsMultiRegionTrail,
        ["isLogging"] = t.IsLogging,
        ["includeManagementEvents"] = t.IncludeManagementEvents,
        ["readWriteType"] = t.ReadWriteType,
        ["s3BucketName"] = t.S3BucketName,
        ["isOrganizationTrail"] = t.IsOrganizationTrail,
    };

    static JsonObject Region(RegionState r, DateTimeOffset now) => new()
    {
        ["region"] = r.Region,
        ["agreements"] = new JsonArray(r.Agreements.Values.Select(g => (JsonNode)Agreement(g, now)).ToArray()),
        ["revokedAgreements"] = new JsonArray(r.RevokedAgreements.Select(x =>
        {
            var o = Agreement(x.Agreement, now);
            o.Remove("status");
            o["deletedAt"] = Time(x.DeletedAt);
            o["deletedBy"] = x.DeletedBy;
            return (JsonNode)o;
        }).ToArray()),
        ["vpcEndpoints"] = new JsonArray(r.VpcEndpoints.Select(e => (JsonNode)new JsonObject
        {
            ["vpcEndpointId"] = e.VpcEndpointId,
            ["serviceName"] = e.ServiceName,
            ["vpcEndpointType"] = e.VpcEndpointType,
            ["state"] = e.State,
            ["vpcId"] = e.VpcId,
            ["privateDnsEnabled"] = e.PrivateDnsEnabled,
        }).ToArray()),
        ["loggingConfig"] = r.LoggingConfig?.DeepClone(),
        ["dataRetention"] = new JsonObject { ["control"] = Retention(r.ControlRetention), ["mantle"] = Retention(r.MantleRetention) },
        ["projects"] = new JsonArray(r.Projects.Values.Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Id, ["name"] = p.Name, ["mode"] = p.Retention.Mode, ["status"] = p.Status,
        }).ToArray()),
        ["guardrails"] = new JsonArray(r.Guardrails.Select(g => (JsonNode)new JsonObject { ["guardrailId"] = g.Id, ["version"] = g.Version, ["name"] = g.Body["name"]?.DeepClone() }).ToArray()),
        ["enforcedGuardrails"] = new JsonArray(r.EnforcedGuardrails.Select(e => (JsonNode)new JsonObject
        {
            ["configId"] = e.ConfigId, ["guardrailId"] = e.GuardrailId, ["guardrailVersion"] = e.GuardrailVersion,
        }).ToArray()),
        ["systemProfiles"] = r.SystemProfiles,
        ["inferenceProfiles"] = new JsonArray(r.InferenceProfiles.Select(p => (JsonNode)p.Id).ToArray()),
        ["logGroups"] = new JsonArray(r.LogGroups.Select(g => (JsonNode)new JsonObject { ["logGroupName"] = g.Name, ["kmsKeyId"] = g.KmsKeyId }).ToArray()),
    };

    static JsonObject Retention(RetentionSetting s) => new()
    {
        ["mode"] = s.Mode,
        ["updatedAt"] = s.UpdatedAt is { } t ? Time(t) : null,
    };

    static JsonObject Agreement(AgreementRecord g, DateTimeOffset now) => new()
    {
        ["modelId"] = g.ModelId,
        ["status"] = g.StatusAt(now),
        ["offerId"] = g.OfferId,
        ["offerToken"] = g.OfferToken,
        ["createdAt"] = Time(g.CreatedAt),
        ["availableAt"] = Time(g.AvailableAt),
        ["acceptedBy"] = g.AcceptedBy,
    };

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
