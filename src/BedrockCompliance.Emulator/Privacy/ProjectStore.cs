using BedrockCompliance.Emulator.Services;

namespace BedrockCompliance.Emulator.Privacy;

/// <summary>Project rules shared by the control plane (§3.2) and mantle (§3.1). Callers hold the account's lock.</summary>
public static class ProjectStore
{
    /// <summary>Every Region has the account's default project; its retention always inherits the account.</summary>
    public static ProjectRecord DefaultProject { get; } =
        new(ProjectRecord.DefaultId, "Default project", RetentionSetting.Unset, DateTimeOffset.UnixEpoch.AddYears(56), null);

    public static IEnumerable<ProjectRecord> All(RegionState region) => region.Projects.Values.Prepend(DefaultProject);

    /// <summary>Accepts an ID or a project ARN.</summary>
    public static ProjectRecord Find(RegionState region, string identifier)
    {
        var id = Arns.ResourceId(identifier);
        if (id == ProjectRecord.DefaultId) return DefaultProject;
        return region.Projects.GetValueOrDefault(id)
            ?? throw AwsException.Of("ResourceNotFoundException", 404, $"Project {identifier} not found.");
    }

    public static ProjectRecord Create(AccountState account, RegionState region, string? name, string? mode, DateTimeOffset now)
    {
        RequireName(name);
        if (mode is not null) RetentionPolicy.RequireMode(mode, "dataRetention.mode");
        var id = account.StableId("proj_", $"{region.Region}|{region.Projects.Count}|{name}");
        var project = new ProjectRecord(id, name!, new RetentionSetting(mode ?? RetentionModes.Inherit, now), now, null);
        region.Projects[id] = project;
        return project;
    }

    /// <summary>Exactly one of name or mode (control plane); mantle may send both.</summary>
    public static ProjectRecord Update(RegionState region, string identifier, string? name, string? mode, DateTimeOffset now, bool exactlyOne)
    {
        var project = Find(region, identifier);
        if (project.Id == ProjectRecord.DefaultId)
            throw Validation.Error("ValidationException", "The default project cannot be updated.");
        if (project.ArchivedAt is not null)
            throw Validation.Error("ValidationException", $"Project {project.Id} is archived and cannot be updated.");
        if (exactlyOne ? (name is null) == (mode is null) : name is null && mode is null)
            throw Validation.Error("ValidationException", exactlyOne
                ? "Specify exactly one of name or dataRetention." : "Specify name or data_retention.");
        if (name is not null) RequireName(name);
        if (mode is not null) RetentionPolicy.RequireMode(mode, exactlyOne ? "dataRetention.mode" : "data_retention.mode");
        var updated = project with
        {
            Name = name ?? project.Name,
            Retention = mode is null ? project.Retention : new RetentionSetting(mode, now),
        };
        region.Projects[project.Id] = updated;
        return updated;
    }

    /// <summary>Terminal and idempotent; the default project cannot be archived.</summary>
    public static ProjectRecord Archive(RegionState region, string identifier, DateTimeOffset now)
    {
        var project = Find(region, identifier);
        if (project.Id == ProjectRecord.DefaultId)
            throw Validation.Error("ValidationException", "The default project cannot be archived.");
        if (project.ArchivedAt is not null) return project;
        var archived = project with { ArchivedAt = now };
        region.Projects[project.Id] = archived;
        return archived;
    }

    static void RequireName(string? name)
    {
        if (string.IsNullOrEmpty(name))
            throw Validation.Error("ValidationException", Validation.Constraint(name, "name", "Member must not be null"));
        if (name.Length > 127)
            throw Validation.Error("ValidationException", Validation.Constraint(name, "name", "Member must have length less than or equal to 127"));
    }
}
