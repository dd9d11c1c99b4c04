using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy.Retention;
using static BedrockCompliance.Engine.Privacy.PrivacyText;

namespace BedrockCompliance.Engine.Privacy.Checks;

/// <summary>
/// The effective data retention mode of the account and of every active project, on both API surfaces, against
/// -MaximumDataRetention. provider_data_share always fails (the mode under which content may go to the provider);
/// inherit is resolved project → account → model default, and the model default is judged as 'default' (AWS may
/// retain for abuse detection), never passed as such.
/// </summary>
internal sealed class DataRetentionCheck() : PrivacyCheckBase(PrivacyCheck.DataRetention,
    "bedrock:GetAccountDataRetention, bedrock:ListProjects, bedrock-mantle:GetAccountDataRetention, bedrock-mantle:ListProjects and bedrock-mantle:GetProject")
{
    protected override async Task<BedrockPrivacyCheck> GatherAndJudgeAsync(PrivacyCheckContext context, CancellationToken ct)
    {
        var c = context.Clients;
        var surfaces = await Task.WhenAll(
            ReadSurfaceAsync(RetentionSurface.ControlPlane, "bedrock", () => c.BedrockPrivacy.GetAccountDataRetentionAsync(ct), () => c.BedrockPrivacy.ListProjectsAsync(ct), ct),
            ReadSurfaceAsync(RetentionSurface.Mantle, "bedrock-mantle", () => c.Mantle.GetAccountDataRetentionAsync(ct), () => c.Mantle.ListProjectsAsync(ct), ct)).ConfigureAwait(false);
        return Judge(context.Region, surfaces, context.Options.MaximumDataRetention, Permissions);
    }

    /// <summary>One surface's account setting and projects, read concurrently; either may be left unread with its error.</summary>
    static async Task<RetentionSurface> ReadSurfaceAsync(string name, string key, Func<Task<DataRetentionSetting>> account,
        Func<Task<IReadOnlyList<RetentionProject>>> projects, CancellationToken ct)
    {
        var accountRead = CheckFailures.TryReadAsync(account, ct);
        var projectsRead = CheckFailures.TryReadAsync(projects, ct);
        await Task.WhenAll(accountRead, projectsRead).ConfigureAwait(false);
        var (a, accountError) = await accountRead.ConfigureAwait(false);
        var (p, projectsError) = await projectsRead.ConfigureAwait(false);
        return new RetentionSurface { Name = name, Key = key, Account = a, AccountError = accountError, Projects = p, ProjectsError = projectsError };
    }

    /// <summary>Fail if any scope is verified above the maximum (or provider_data_share); else Unknown if any could not be read; else Pass.</summary>
    public static BedrockPrivacyCheck Judge(string region, IReadOnlyList<RetentionSurface> surfaces, DataRetentionMode? maximum, string permissions = "the retention read permissions")
    {
        var result = new BedrockPrivacyCheck
        {
            Check = PrivacyCheck.DataRetention,
            Requirement = maximum is { } m ? $"at most {DataRetentionModes.ToWire(m)} (provider_data_share never)" : "provider_data_share never (no maximum given)",
        };
        var scopes = new List<RetentionScope>();
        var unverified = new List<(string What, Exception? Error)>();
        foreach (var s in surfaces)
        {
            RetentionScope? account = null;
            if (s.Account == null)
                unverified.Add(($"the account setting on the {s.Name} could not be read: {(s.AccountError != null ? Reason(s.AccountError) : "no answer")}", s.AccountError));
            else if (s.Account.Mode == null)
                unverified.Add(($"the account setting on the {s.Name} is '{s.Account.ModeText}', which is not a known mode", null));
            else
            {
                bool inherit = s.Account.Mode == DataRetentionMode.Inherit;
                account = new RetentionScope
                {
                    Surface = s.Name, Key = s.Key, OwnModeText = s.Account.ModeText,
                    Effective = inherit ? DataRetentionMode.Default : s.Account.Mode.Value,
                    ResolvedFrom = inherit ? "inherit, so each model's default (judged as default: AWS may retain for abuse detection)" : "its own setting",
                };
                scopes.Add(account);
            }
            if (s.Projects == null)
            {
                unverified.Add(($"the projects on the {s.Name} could not be listed: {(s.ProjectsError != null ? Reason(s.ProjectsError) : "no answer")}", s.ProjectsError));
                continue;
            }
            foreach (var p in s.Projects.Where(p => !string.Equals(p.Status, "archived", StringComparison.OrdinalIgnoreCase)))
            {
                if (p.Mode == null)
                    unverified.Add(($"project '{p.Id}' on the {s.Name} has mode '{p.ModeText}', which is not a known mode", null));
                else if (p.Mode != DataRetentionMode.Inherit)
                    scopes.Add(new RetentionScope { Surface = s.Name, Key = s.Key, Project = p, OwnModeText = p.ModeText, Effective = p.Mode.Value, ResolvedFrom = "its own setting" });
                else if (account != null)
                    scopes.Add(new RetentionScope { Surface = s.Name, Key = s.Key, Project = p, OwnModeText = p.ModeText, Effective = account.Effective, ResolvedFrom = "inherit, so the account (" + account.OwnModeText + ")" });
                else
                    unverified.Add(($"project '{p.Id}' on the {s.Name} inherits the account setting, which could not be read", null));
            }
        }

        bool TooMuch(RetentionScope s) => s.Effective == DataRetentionMode.ProviderDataShare || (maximum is { } max && s.Effective > max);
        var failing = scopes.Where(TooMuch).ToList();
        string Line(RetentionScope s) => $"{s.Describe(region)} is {DataRetentionModes.ToWire(s.Effective)} ({s.ResolvedFrom})";
        if (failing.Count > 0)
        {
            result.Status = PrivacyCheckStatus.Fail;
            result.Resources = failing.Select(s => s.Resource).ToArray();
            result.Detail = Cap(string.Join("; ", failing.Select(s => Line(s) + (s.Effective == DataRetentionMode.ProviderDataShare
                ? ": provider_data_share is the mode under which content may be shared with the model provider (its June 2026 meaning)"
                : $": above the maximum {DataRetentionModes.ToWire(maximum!.Value)}"))) + "." +
                (unverified.Count > 0 ? " Not verified: " + string.Join("; ", unverified.Select(u => u.What)) + "." : ""));
            result.Remediation = Cap(string.Join(" ", failing.Select(s => Remedy(region, s, maximum ?? DataRetentionMode.None)).Distinct()) +
                " Then deny retention changes above the maximum with an SCP on bedrock:PutAccountDataRetention and bedrock-mantle:PutAccountDataRetention/CreateProject/UpdateProject " +
                "conditioned on bedrock:DataRetentionMode / bedrock-mantle:DataRetentionMode (Export-BedrockModelAccessPolicy).");
            return result;
        }
        result.Resources = scopes.Select(s => s.Resource).ToArray();
        if (unverified.Count > 0)
        {
            result.Status = PrivacyCheckStatus.Unknown;
            var error = unverified.Select(u => u.Error).FirstOrDefault(e => e != null);
            result.ErrorCode = error != null ? CheckFailures.ErrorCodeOf(error) : "UnknownRetentionMode";
            result.Detail = Cap("Could not verify every scope: " + string.Join("; ", unverified.Select(u => u.What)) + "." +
                (scopes.Count > 0 ? " Verified: " + string.Join("; ", scopes.Select(Line)) + "." : ""));
            result.Remediation = CheckFailures.UnreadRemediation(unverified.Select(u => u.Error), permissions, region,
                "Rerun the check; the failure above is not a finding about the setting.");
            return result;
        }
        if (maximum == null)
        {
            result.Status = PrivacyCheckStatus.Unknown;
            result.Detail = Cap("Not judged: no -MaximumDataRetention given (no provider_data_share found). Found: " + string.Join("; ", scopes.Select(Line)) + ".");
            result.Remediation = "Pass -MaximumDataRetention None (zero data retention), Default or AwsReview, or -Profile Strict|Standard.";
            return result;
        }
        result.Status = PrivacyCheckStatus.Pass;
        result.Detail = Cap($"Every scope is at or below {DataRetentionModes.ToWire(maximum.Value)} in {region}: " + string.Join("; ", scopes.Select(Line)) + ".");
        return result;
    }

    static string Remedy(string region, RetentionScope s, DataRetentionMode target)
    {
        string mode = DataRetentionModes.ToWire(target);
        if (s.Key == "bedrock")
            return s.Project == null
                ? $"aws bedrock put-account-data-retention --region {region} --mode {mode}."
                : $"aws bedrock update-project --region {region} --project-identifier {s.Project.Id} --data-retention mode={mode}.";
        return s.Project == null
            ? $"PUT https://bedrock-mantle.{region}.api.aws/v1/data_retention {{\"mode\":\"{mode}\"}} (SigV4 bedrock-mantle)."
            : $"POST https://bedrock-mantle.{region}.api.aws/v1/organization/projects/{s.Project.Id} {{\"data_retention\":{{\"mode\":\"{mode}\"}}}}.";
    }
}
