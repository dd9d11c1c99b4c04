using BedrockCompliance.Engine.Aws;
using BedrockCompliance.Engine.Privacy.CloudTrail;
using static BedrockCompliance.Engine.Privacy.PrivacyText;

namespace BedrockCompliance.Engine.Privacy.Checks;

/// <summary>A logging trail covering the region records read and write management events of bedrock and bedrock-mantle.</summary>
internal sealed class CloudTrailCheck() : PrivacyCheckBase(PrivacyCheck.CloudTrail, CloudTrailPermission)
{
    const string CloudTrailPermission = "cloudtrail:DescribeTrails, cloudtrail:GetTrailStatus and cloudtrail:GetEventSelectors";

    protected override async Task<BedrockPrivacyCheck> GatherAndJudgeAsync(PrivacyCheckContext context, CancellationToken ct)
    {
        string region = context.Region;
        var cloudTrail = context.Clients.CloudTrail;
        var trails = await cloudTrail.DescribeTrailsAsync(includeShadowTrails: true, ct).ConfigureAwait(false);
        var evaluations = new List<TrailEvaluation>();
        foreach (var trail in trails.Where(t => t.Covers(region)).GroupBy(t => t.TrailArn, StringComparer.Ordinal).Select(g => g.First()))
            evaluations.Add(await EvaluateTrailAsync(cloudTrail, trail, ct).ConfigureAwait(false));
        return Judge(region, trails, evaluations);
    }

    static async Task<TrailEvaluation> EvaluateTrailAsync(CloudTrailClient cloudTrail, CloudTrailTrail trail, CancellationToken ct)
    {
        var statusRead = await CheckFailures.TryReadAsync(() => cloudTrail.GetTrailStatusAsync(trail.TrailArn, ct), ct).ConfigureAwait(false);
        if (statusRead.Error is { } statusError)
            return TrailEvaluation.Unverifiable(trail, $"GetTrailStatus failed: {Reason(statusError)}", statusError);
        var status = statusRead.Value!;
        if (status.IsLogging != true)
            return new TrailEvaluation(trail, status, null, status.IsLogging == null ? TrailVerdict.Unknown : TrailVerdict.NotLogging,
                status.IsLogging == null ? "GetTrailStatus did not say whether it is logging" : $"is not logging{Since(" since", status.StopLoggingTime)}");
        if (status.LatestDeliveryError != null)
            return new TrailEvaluation(trail, status, null, TrailVerdict.DeliveryFailing,
                $"is logging, but delivery to S3{(trail.S3BucketName != null ? $" bucket '{trail.S3BucketName}'" : "")} fails ({status.LatestDeliveryError}): events are not stored");
        var selectorsRead = await CheckFailures.TryReadAsync(() => cloudTrail.GetEventSelectorsAsync(trail.TrailArn, ct), ct).ConfigureAwait(false);
        if (selectorsRead.Error is { } selectorsError)
            return TrailEvaluation.Unverifiable(trail, $"is logging, but GetEventSelectors failed: {Reason(selectorsError)}", selectorsError, status);
        var coverage = ManagementEventCoverage.Evaluate(selectorsRead.Value!);
        if (coverage.Read && coverage.Write)
            return new TrailEvaluation(trail, status, coverage, TrailVerdict.Covers, $"is logging read and write management events ({coverage.Source})");
        string missing = !coverage.Read && !coverage.Write ? "no management events" : coverage.Read ? "read-only management events (no writes)" : "write-only management events (no reads)";
        return new TrailEvaluation(trail, status, coverage, TrailVerdict.MissingManagementEvents,
            $"is logging {missing} of Bedrock ({coverage.Source}){(coverage.Notes.Count > 0 ? "; " + string.Join("; ", coverage.Notes) : "")}");
    }


    /// <summary>Pass if any trail covering the region is proven; else Unknown if any could not be verified; else Fail.</summary>
    public static BedrockPrivacyCheck Judge(string region, IReadOnlyList<CloudTrailTrail> visible, IReadOnlyList<TrailEvaluation> covering)
    {
        var result = new BedrockPrivacyCheck
        {
            Check = PrivacyCheck.CloudTrail,
            Requirement = "a logging trail covering the region records read and write management events of bedrock and bedrock-mantle",
        };
        var proven = covering.Where(e => e.Verdict == TrailVerdict.Covers).ToList();
        if (proven.Count > 0)
        {
            result.Status = PrivacyCheckStatus.Pass;
            result.Resources = proven.Select(e => e.Trail.TrailArn).ToArray();
            var first = proven[0];
            result.Detail = Cap(Capitalize(first.Describe()) + Since("; last delivery", first.Status?.LatestDeliveryTime) + "." +
                (proven.Count > 1 ? $" {proven.Count - 1} more trail(s) also cover {region}." : "") +
                (first.Trail.LogFileValidationEnabled == false ? " Log file validation is off (digest files prove the logs were not altered)." : ""));
            return result;
        }
        var unverified = covering.Where(e => e.Verdict == TrailVerdict.Unknown).ToList();
        result.Resources = covering.Select(e => e.Trail.TrailArn).ToArray();
        if (unverified.Count > 0)
        {
            result.Status = PrivacyCheckStatus.Unknown;
            result.ErrorCode = unverified.Select(e => (e.Error as AwsServiceException)?.ErrorCode).FirstOrDefault(c => c != null);
            result.Detail = Cap($"Could not verify {unverified.Count} of {covering.Count} trail(s) covering {region}: " +
                string.Join("; ", covering.Select(e => e.Describe())) + ".");
            result.Remediation = unverified.Any(e => AwsErrorCodes.IsAccessDenied(e.Error))
                ? $"Grant {CloudTrailPermission} to the principal running the check (IAM console > Roles > the role > Add permissions)."
                : "Rerun the check; if it keeps failing, inspect the trail with aws cloudtrail get-trail-status --name <trail ARN>.";
            return result;
        }
        result.Status = PrivacyCheckStatus.Fail;
        if (covering.Count == 0)
        {
            result.Detail = visible.Count == 0
                ? $"No CloudTrail trail exists that {region} reports to: Bedrock API calls (agreements, model access, invocations) are not recorded beyond the 90-day event history."
                : $"None of the {visible.Count} visible trail(s) covers {region} (each is single-region with another home region): " +
                  string.Join(", ", visible.Select(t => $"'{t.Name}' (home {t.HomeRegion})")) + ".";
            result.Remediation = "Create a multi-region trail that logs management events: aws cloudtrail create-trail --name bedrock-audit " +
                "--s3-bucket-name <bucket> --is-multi-region-trail; then aws cloudtrail start-logging --name bedrock-audit " +
                "(CloudTrail console > Trails > Create trail; management events Read and Write).";
            return result;
        }
        result.Detail = Cap($"No trail covering {region} records Bedrock management events: " + string.Join("; ", covering.Select(e => e.Describe())) + ".");
        var worst = covering[0];
        result.Remediation = worst.Verdict switch
        {
            TrailVerdict.NotLogging => $"Start logging: aws cloudtrail start-logging --name {worst.Trail.TrailArn} (CloudTrail console > Trails > {worst.Trail.Name} > Start logging).",
            TrailVerdict.DeliveryFailing => $"Let CloudTrail write to its bucket: fix the bucket policy of '{worst.Trail.S3BucketName}' for the cloudtrail.amazonaws.com principal " +
                $"(aws cloudtrail get-trail-status --name {worst.Trail.TrailArn} shows LatestDeliveryError).",
            _ => worst.Coverage?.Source == "advanced event selectors"
                ? $"Add a management-event selector: aws cloudtrail put-event-selectors --trail-name {worst.Trail.TrailArn} --advanced-event-selectors " +
                  "'[{\"Name\":\"Management events\",\"FieldSelectors\":[{\"Field\":\"eventCategory\",\"Equals\":[\"Management\"]}]}]' (keep your existing selectors in the list)."
                : $"Record read and write management events: aws cloudtrail put-event-selectors --trail-name {worst.Trail.TrailArn} " +
                  "--event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]' (CloudTrail console > Trails > " + worst.Trail.Name + " > Management events > Edit).",
        };
        return result;
    }
}
