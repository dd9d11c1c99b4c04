using System.Net;
using System.Text;
using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy;
using BedrockCompliance.Engine.Privacy.Checks;
using BedrockCompliance.Tests.Aws;
using static BedrockCompliance.Tests.Privacy.PrivacyFixtures;

namespace BedrockCompliance.Tests.Privacy;

public class InvocationLoggingCheckTests
{

    static InvocationLoggingConfiguration Config(bool text = false, bool image = false, bool embedding = false, string? logGroup = "/lg", string? bucket = null) => new()
    {
        Configured = true, CloudWatchLogGroup = logGroup, S3Bucket = bucket, S3KeyPrefix = bucket != null ? "p/" : null,
        TextDataDeliveryEnabled = text, ImageDataDeliveryEnabled = image, EmbeddingDataDeliveryEnabled = embedding,
    };

    static readonly InvocationLoggingConfiguration None = new() { Configured = false };
    static readonly InvocationLogDataKind[] NoKinds = Array.Empty<InvocationLogDataKind>();

    [Fact]
    public void Without_a_requirement_logging_is_reported_but_unknown()
    {
        var r = InvocationLoggingCheck.Judge(Region, Config(text: true), null, NoKinds);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Null(r.ErrorCode);
        Assert.Contains("no invocation-logging requirement given", r.Detail);
        Assert.Contains("Text data to cloudwatch:/lg", r.Detail);
        Assert.Equal(new[] { "cloudwatch:/lg" }, r.Resources);
    }

    [Fact]
    public void Any_passes_whatever_is_configured()
    {
        Assert.Equal(PrivacyCheckStatus.Pass, InvocationLoggingCheck.Judge(Region, None, InvocationLoggingRequirement.Any, NoKinds).Status);
        Assert.Equal(PrivacyCheckStatus.Pass, InvocationLoggingCheck.Judge(Region, Config(text: true), InvocationLoggingRequirement.Any, NoKinds).Status);
    }

    public static IEnumerable<object[]> EnabledCases() => new[]
    {
        new object[] { None, NoKinds, PrivacyCheckStatus.Fail, "no model-invocation logging is configured" },
        new object[] { Config(text: true), NoKinds, PrivacyCheckStatus.Pass, "" },
        new object[] { Config(), NoKinds, PrivacyCheckStatus.Fail, "No data kind is delivered" },
        new object[] { Config(text: true, logGroup: null), NoKinds, PrivacyCheckStatus.Fail, "names no destination" },
        new object[] { Config(text: true), new[] { InvocationLogDataKind.Text, InvocationLogDataKind.Image }, PrivacyCheckStatus.Fail, "Required but not delivered: Image" },
        new object[] { Config(text: true, image: true, logGroup: null, bucket: "b"), new[] { InvocationLogDataKind.Image }, PrivacyCheckStatus.Pass, "s3://b/p/" },
    };

    [Theory]
    [MemberData(nameof(EnabledCases))]
    public void Enabled_needs_a_destination_and_the_required_kinds(object /* InvocationLoggingConfiguration: internal, so a public test method cannot name it */ config, InvocationLogDataKind[] kinds, PrivacyCheckStatus expected, string detail)
    {
        var r = InvocationLoggingCheck.Judge(Region, (InvocationLoggingConfiguration)config, InvocationLoggingRequirement.Enabled, kinds);
        Assert.Equal(expected, r.Status);
        Assert.Contains(detail, r.Detail, StringComparison.OrdinalIgnoreCase);
        if (expected == PrivacyCheckStatus.Fail) Assert.Contains("put-model-invocation-logging-configuration --region us-east-1", r.Remediation);
        else Assert.Null(r.Remediation);
    }

    public static IEnumerable<object[]> DisabledCases() => new[]
    {
        new object[] { None, NoKinds, PrivacyCheckStatus.Pass, "Disabled (no data kind delivered)" },
        new object[] { Config(), NoKinds, PrivacyCheckStatus.Pass, "Disabled (no data kind delivered)" },
        new object[] { Config(embedding: true), NoKinds, PrivacyCheckStatus.Fail, "Disabled (no data kind delivered)" },
        new object[] { Config(text: true), new[] { InvocationLogDataKind.Image }, PrivacyCheckStatus.Pass, "Disabled (no Image delivered)" },
        new object[] { Config(text: true, image: true), new[] { InvocationLogDataKind.Image }, PrivacyCheckStatus.Fail, "Disabled (no Image delivered)" },
    };

    [Theory]
    [MemberData(nameof(DisabledCases))]
    public void Disabled_forbids_the_listed_kinds(object /* InvocationLoggingConfiguration: internal, so a public test method cannot name it */ config, InvocationLogDataKind[] kinds, PrivacyCheckStatus expected, string requirement)
    {
        var r = InvocationLoggingCheck.Judge(Region, (InvocationLoggingConfiguration)config, InvocationLoggingRequirement.Disabled, kinds);
        Assert.Equal(expected, r.Status);
        Assert.Equal(requirement, r.Requirement);
        if (expected == PrivacyCheckStatus.Fail)
        {
            Assert.Contains("delete-model-invocation-logging-configuration", r.Remediation);
            Assert.Contains("is stored, which the requirement forbids", r.Detail);
        }
    }

    [Fact]
    public async Task A_denied_logging_read_is_unknown()
    {
        var http = Compliant().On("GetModelInvocationLoggingConfiguration", _ => RoutingHttp.Json(403,
            "{\"message\":\"not authorized\"}", "application/json").WithHeader("x-amzn-ErrorType", "AccessDeniedException"));
        var r = await Run(http, PrivacyCheck.InvocationLogging);
        Assert.Equal(PrivacyCheckStatus.Unknown, r.Status);
        Assert.Equal("AccessDeniedException", r.ErrorCode);
        Assert.Contains("bedrock:GetModelInvocationLoggingConfiguration", r.Remediation);
    }

    [Fact]
    public async Task An_unconfigured_account_reads_as_not_configured()
    {
        var r = await Run(Compliant().On("GetModelInvocationLoggingConfiguration", _ => RoutingHttp.Json(200, "{}", "application/json")), PrivacyCheck.InvocationLogging,
            new PrivacyCheckOptions { InvocationLogging = InvocationLoggingRequirement.Enabled });
        Assert.Equal(PrivacyCheckStatus.Fail, r.Status);
        Assert.Empty(r.DataKinds);
    }

    [Fact]
    public async Task Cancellation_is_not_turned_into_unknown()
    {
        using var cts = new CancellationTokenSource();
        var http = Compliant().On("DescribeTrails", _ => { cts.Cancel(); throw new OperationCanceledException(cts.Token); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.Checker().CheckAsync("1", Region,
            new PrivacyCheckOptions { Checks = new[] { PrivacyCheck.CloudTrail } }, cts.Token));
    }
}
