using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using BedrockCompliance.Engine.Privacy.Checks;
using BedrockCompliance.Engine.Privacy.Retention;

namespace BedrockCompliance.Tests.Privacy;

public class DataRetentionCheckTests
{
    const string Region = "us-east-1";

    static RetentionSurface Surface(string key, string? account, params (string Id, string Mode)[] projects) => new()
    {
        Key = key,
        Name = key == "bedrock" ? RetentionSurface.ControlPlane : RetentionSurface.Mantle,
        Account = account == null ? null : DataRetentionSetting.From(account, null),
        AccountError = account == null ? new AwsServiceException("Bedrock", "GetAccountDataRetention", "AccessDeniedException", "denied", 403, "r") : null,
        Projects = projects.Select(p => new RetentionProject(p.Id, p.Mode, DataRetentionModes.TryParse(p.Mode, out var pm) ? pm : null, Name: p.Id)).ToList(),
    };

    [Fact]
    public void Provider_data_share_fails_even_without_a_maximum_and_names_mode_region_and_surface()
    {
        var r = DataRetentionCheck.Judge(Region, new[] { Surface("bedrock", "provider_data_share"), Surface("bedrock-mantle", "none") }, null);
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Contains("the account setting on the control plane (bedrock) in us-east-1 is provider_data_share", r.Detail);
        Assert.Equal(new[] { "bedrock:account=provider_data_share" }, r.Resources);
        Assert.Contains("put-account-data-retention --region us-east-1 --mode none", r.Remediation);
    }

    [Fact]
    public void A_project_above_the_maximum_fails_for_that_project_only()
    {
        var r = DataRetentionCheck.Judge(Region, new[] { Surface("bedrock", "none"), Surface("bedrock-mantle", "none", ("proj_review", "aws_review"), ("proj_quiet", "inherit")) }, DataRetentionMode.None);
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Equal(new[] { "bedrock-mantle:project/proj_review=aws_review" }, r.Resources);
        Assert.Contains("project 'proj_review' on the mantle endpoint (bedrock-mantle) in us-east-1 is aws_review (its own setting): above the maximum none", r.Detail);
        Assert.DoesNotContain("proj_quiet", r.Detail);
        Assert.Contains("/v1/organization/projects/proj_review", r.Remediation);
    }

    [Fact]
    public void Inherit_is_resolved_to_the_model_default_never_passed_as_zero_retention()
    {
        var strict = DataRetentionCheck.Judge(Region, new[] { Surface("bedrock", "inherit"), Surface("bedrock-mantle", "none") }, DataRetentionMode.None);
        Assert.Equal(PrivacyCheckStatus.Fail, strict.Status);
        Assert.Contains("is default (inherit, so each model's default", strict.Detail);
        var standard = DataRetentionCheck.Judge(Region, new[] { Surface("bedrock", "inherit"), Surface("bedrock-mantle", "none", ("p", "inherit")) }, DataRetentionMode.Default);
        Assert.Equal(PrivacyCheckStatus.Pass, standard.Status);
        Assert.Contains("bedrock-mantle:project/p=none", standard.Resources);
    }

    [Fact]
    public void A_project_inherits_the_account_and_archived_projects_are_skipped()
    {
        var mantle = Surface("bedrock-mantle", "aws_review", ("p", "inherit"));
        mantle.Projects = mantle.Projects!.Append(new RetentionProject("old", "provider_data_share", DataRetentionMode.ProviderDataShare, Status: "archived")).ToList();
        var r = DataRetentionCheck.Judge(Region, new[] { Surface("bedrock", "none"), mantle }, DataRetentionMode.Default);
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Equal(new[] { "bedrock-mantle:account=aws_review", "bedrock-mantle:project/p=aws_review" }, r.Resources);
        Assert.DoesNotContain("old", r.Detail);
    }

    [Fact]
    public void An_unreadable_surface_is_unknown_not_pass()
    {
        var r = DataRetentionCheck.Judge(Region, new[] { Surface("bedrock", "none"), Surface("bedrock-mantle", null) }, DataRetentionMode.None);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Equal("AccessDeniedException", r.ErrorCode);
        Assert.Contains("the account setting on the mantle endpoint (bedrock-mantle) could not be read", r.Detail);
        Assert.Contains("Grant", r.Remediation);
    }

    [Fact]
    public void An_unknown_mode_is_unknown_and_a_verified_excess_still_fails_beside_it()
    {
        Assert.Equal(PrivacyCheckStatus.Unknown, DataRetentionCheck.Judge(Region, new[] { Surface("bedrock", "share_all"), Surface("bedrock-mantle", "none") }, DataRetentionMode.None).Status);
        Assert.Equal(PrivacyCheckStatus.Fail, DataRetentionCheck.Judge(Region, new[] { Surface("bedrock", "aws_review"), Surface("bedrock-mantle", null) }, DataRetentionMode.None).Status);
    }

    [Fact]
    public void Without_a_maximum_the_modes_are_reported_unknown()
    {
        var r = DataRetentionCheck.Judge(Region, new[] { Surface("bedrock", "aws_review"), Surface("bedrock-mantle", "default") }, null);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Null(r.ErrorCode);
        Assert.Contains("Not judged", r.Detail);
    }
}
