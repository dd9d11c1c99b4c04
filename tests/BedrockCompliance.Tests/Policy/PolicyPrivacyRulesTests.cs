using BedrockCompliance.Engine.Catalog;
using BedrockCompliance.Engine.Hosting;
using BedrockCompliance.Engine.Policy;
using static BedrockCompliance.PolicyReasonCode;

namespace BedrockCompliance.Tests.Policy;

/// <summary>maximumDataRetention, denyWithinDaysOfEndOfLife and the catalog lifecycle in verdicts.</summary>
public class PolicyPrivacyRulesTests
{
    const string Nova = "amazon.nova-pro-v1:0";

    static BedrockModelLicense FableLike(DataRetentionMode minimum = DataRetentionMode.AwsReview)
    {
        var l = LicenseCatalog.Default.Classify(Nova);
        l.MinimumDataRetention = minimum;
        l.DataRetentionNote = "Every request is retained for up to 30 days.";
        return l;
    }

    static BedrockModelPolicyVerdict Judge(string extra, BedrockModelLicense license) =>
        new PolicyEvaluator(PolicyTestData.Parse(PolicyTestData.Minimal(extra)), new FixedTimeProvider(PolicyTestData.AsOf)).Evaluate(license);

    [Theory]
    [InlineData("none", DataRetentionMode.Default, true)]
    [InlineData("none", DataRetentionMode.AwsReview, true)]
    [InlineData("default", DataRetentionMode.AwsReview, true)]
    [InlineData("default", DataRetentionMode.Default, false)]
    [InlineData("aws_review", DataRetentionMode.AwsReview, false)]
    [InlineData("aws_review", DataRetentionMode.ProviderDataShare, true)]
    public void A_model_needing_more_retention_than_the_maximum_is_denied(string maximum, DataRetentionMode minimum, bool denied)
    {
        var v = Judge($"\"maximumDataRetention\":\"{maximum}\"", FableLike(minimum));
        Assert.Equal(denied ? LicenseVerdict.Denied : LicenseVerdict.Allowed, v.Verdict);
        Assert.Equal(denied, v.ReasonCodes.Split(';').Contains(RequiresDataRetention));
        if (denied)
        {
            var r = v.Reasons.First(x => x.Code == RequiresDataRetention);
            Assert.Equal("maximumDataRetention", r.PolicyField);
            Assert.Contains(DataRetentionModes.ToWire(minimum), r.Message);
            Assert.Contains("30 days", r.Message);
        }
    }

    [Fact]
    public void No_maximum_or_no_documented_minimum_changes_nothing()
    {
        Assert.Equal(LicenseVerdict.Allowed, Judge("", FableLike()).Verdict);
        Assert.Equal(LicenseVerdict.Allowed, Judge("\"maximumDataRetention\":\"none\"", LicenseCatalog.Default.Classify(Nova)).Verdict);
    }

    [Fact]
    public void An_approval_cannot_waive_the_retention_requirement()
    {
        var v = Judge("\"maximumDataRetention\":\"none\",\"approvals\":[{\"modelId\":\"amazon.nova-pro-v1:0\",\"approvedBy\":\"Legal\",\"approvedOn\":\"2026-01-01\"}]", FableLike());
        Assert.Equal(LicenseVerdict.Denied, v.Verdict);
        Assert.Contains(RequiresDataRetention, v.ReasonCodes.Split(';'));
        Assert.Contains(v.Reasons, r => r.Code == ApprovalOverriddenByDeny);
        Assert.Null(v.Approval);
    }

    [Fact]
    public void Flagged_traffic_retention_is_reported_under_zero_retention_without_changing_the_verdict()
    {
        var l = LicenseCatalog.Default.Classify(Nova);
        l.FlaggedTrafficRetained = true;
        var v = Judge("\"maximumDataRetention\":\"none\"", l);
        Assert.Equal(LicenseVerdict.Allowed, v.Verdict);
        Assert.Contains(v.Reasons, r => r.Code == FlaggedTrafficRetained && r.Informational);
        Assert.DoesNotContain(Judge("\"maximumDataRetention\":\"default\"", l).Reasons, r => r.Code == FlaggedTrafficRetained);
    }

    [Theory]
    [InlineData(30, "2026-12-31", true)]   // 30 days after 2026-12-01
    [InlineData(30, "2027-01-01", false)]  // 31 days
    [InlineData(0, "2026-12-01", true)]    // the end-of-life day itself
    [InlineData(0, "2026-12-02", false)]
    [InlineData(0, "2026-06-01", true)]    // already past
    public void Models_near_end_of_life_are_denied(int days, string eol, bool denied)
    {
        var l = LicenseCatalog.Default.Classify(Nova);
        l.EndOfLifeDate = DateTime.Parse(eol, System.Globalization.CultureInfo.InvariantCulture);
        l.LifecycleStatus = "LEGACY";
        var v = Judge($"\"allowLegacyModels\":true,\"denyWithinDaysOfEndOfLife\":{days}", l);
        Assert.Equal(denied ? LicenseVerdict.Denied : LicenseVerdict.Allowed, v.Verdict);
        Assert.Equal(denied, v.ReasonCodes.Split(';').Contains(NearEndOfLife));
        Assert.Equal("LEGACY", v.LifecycleStatus);
        if (denied) Assert.Contains(eol, v.Reasons.First(r => r.Code == NearEndOfLife).Message);
    }

    [Fact]
    public void The_evaluation_date_decides_end_of_life()
    {
        var l = LicenseCatalog.Default.Classify(Nova);
        l.EndOfLifeDate = new DateTime(2027, 6, 1);
        var policy = PolicyTestData.Parse(PolicyTestData.Minimal("\"denyWithinDaysOfEndOfLife\":90"));
        Assert.Equal(LicenseVerdict.Allowed, new PolicyEvaluator(policy, new FixedTimeProvider(new DateTime(2027, 1, 1))).Evaluate(l).Verdict);
        Assert.Equal(LicenseVerdict.Denied, new PolicyEvaluator(policy, new FixedTimeProvider(new DateTime(2027, 4, 1))).Evaluate(l).Verdict);
        Assert.Equal(LicenseVerdict.Allowed, Judge("", l).Verdict);
    }

    [Fact]
    public void Offline_the_catalog_lifecycle_is_shown_but_only_the_live_status_decides_LEGACY()
    {
        var l = LicenseCatalog.Default.Classify(Nova);
        l.CatalogLifecycleStatus = "LEGACY";
        var v = Judge("", l);
        Assert.Equal(LicenseVerdict.Allowed, v.Verdict);
        Assert.Equal("LEGACY", v.LifecycleStatus);
        Assert.Contains(v.Reasons, r => r.Code == LifecycleUnknown && r.Message.Contains("catalog lists the model as LEGACY"));
        l.LifecycleStatus = "LEGACY";
        Assert.Equal(LegacyModel, Judge("", l).ReasonCodes);
        l.LifecycleStatus = "ACTIVE"; // live data overrides the catalog in what is shown
        Assert.Equal("ACTIVE", Judge("", l).LifecycleStatus);
    }
}
