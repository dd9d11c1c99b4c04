using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Privacy.CloudTrail;

/// <summary>What one trail covering the region proved, or why it could not be verified.</summary>
internal sealed class TrailEvaluation
{
    public TrailEvaluation(CloudTrailTrail trail, CloudTrailStatus? status, ManagementEventCoverage? coverage, TrailVerdict verdict, string reason, Exception? error = null)
    {
        Trail = trail; Status = status; Coverage = coverage; Verdict = verdict; Reason = reason; Error = error;
    }

    public static TrailEvaluation Unverifiable(CloudTrailTrail trail, string reason, Exception error, CloudTrailStatus? status = null) =>
        new TrailEvaluation(trail, status, null, TrailVerdict.Unknown, reason, error);

    public CloudTrailTrail Trail { get; }
    public CloudTrailStatus? Status { get; }
    public ManagementEventCoverage? Coverage { get; }
    public TrailVerdict Verdict { get; }
    public string Reason { get; }
    public Exception? Error { get; }

    public string Describe() =>
        $"trail '{Trail.Name}' ({(Trail.IsOrganizationTrail ? "organization, " : "")}{(Trail.IsMultiRegionTrail ? "multi-region" : "single-region")}, home {Trail.HomeRegion}) {Reason}";
}
