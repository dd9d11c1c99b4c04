using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using BedrockCompliance.Engine.Aws;

namespace BedrockCompliance.Engine.Privacy
{
    /// <summary>What Test-BedrockDataPrivacy judges against.</summary>
    public sealed class PrivacyCheckOptions
    {
        /// <summary>The checks to run (default: all, in enum order).</summary>
        public IReadOnlyCollection<PrivacyCheck>? Checks { get; set; }
        /// <summary>Data-residency list: region names or wildcards (eu-*); null = none given, RegionAllowed is Unknown.</summary>
        public IReadOnlyList<string>? AllowedRegions { get; set; }
        /// <summary>Null = none given: the configuration is reported, InvocationLogging is Unknown.</summary>
        public InvocationLoggingRequirement? InvocationLogging { get; set; }
        /// <summary>
        /// Enabled: the kinds that must be delivered (empty = at least one). Disabled: the kinds that must not be
        /// delivered (empty = none at all).
        /// </summary>
        public IReadOnlyList<InvocationLogDataKind> InvocationLogDataKinds { get; set; } = Array.Empty<InvocationLogDataKind>();
    }

    /// <summary>
    /// The four data-privacy checks for one account and region. Each yields exactly one result; a check that cannot
    /// be verified (permission denied, an error, a malformed answer, no requirement given) is Unknown with the
    /// reason — never a pass. The API-backed checks run concurrently (the sender's gate bounds the calls).
    /// </summary>
    public sealed class PrivacyChecker
    {
        readonly CloudTrailClient _cloudTrail;
        readonly Ec2Client _ec2;
        readonly BedrockClient _bedrock;
        readonly Func<DateTime> _now;

        public PrivacyChecker(CloudTrailClient cloudTrail, Ec2Client ec2, BedrockClient bedrock, Func<DateTime>? utcNow = null)
        {
            _cloudTrail = cloudTrail;
            _ec2 = ec2;
            _bedrock = bedrock;
            _now = utcNow ?? (() => DateTime.UtcNow);
        }

        public PrivacyChecker(AwsHttpSender sender) : this(new CloudTrailClient(sender), new Ec2Client(sender), new BedrockClient(sender)) { }

        public async Task<IReadOnlyList<BedrockPrivacyCheck>> CheckAsync(string? accountId, string region, PrivacyCheckOptions options, CancellationToken ct)
        {
            var selected = new HashSet<PrivacyCheck>(options.Checks ?? (IEnumerable<PrivacyCheck>)Enum.GetValues(typeof(PrivacyCheck)));
            var tasks = new List<Task<BedrockPrivacyCheck>>();
            foreach (PrivacyCheck check in Enum.GetValues(typeof(PrivacyCheck)))
            {
                if (!selected.Contains(check) || check > PrivacyCheck.InvocationLogging) continue; // newer checks: not implemented yet
                tasks.Add(check switch
                {
                    PrivacyCheck.RegionAllowed => Task.FromResult(RegionAllowed(region, options.AllowedRegions)),
                    PrivacyCheck.CloudTrail => Guard(check, region, CloudTrailPermission, () => CheckCloudTrailAsync(region, ct), ct),
                    PrivacyCheck.PrivateLink => Guard(check, region, PrivateLinkPermission, () => CheckPrivateLinkAsync(region, ct), ct),
                    _ => Guard(check, region, LoggingPermission, () => CheckInvocationLoggingAsync(region, options, ct), ct),
                });
            }
            var results = await Task.WhenAll(tasks).ConfigureAwait(false);
            var at = _now();
            foreach (var r in results)
            {
                r.AccountId = accountId;
                r.Region = region;
                r.CheckedAt = at;
            }
            return results;
        }

        // ---------------------------------------------------------------- RegionAllowed

        public static BedrockPrivacyCheck RegionAllowed(string region, IReadOnlyList<string>? allowed)
        {
            var result = new BedrockPrivacyCheck { Check = PrivacyCheck.RegionAllowed };
            if (allowed == null || allowed.Count == 0)
            {
                result.Status = PrivacyCheckStatus.Unknown;
                result.Detail = $"Not judged: no data-residency list given, so whether {region} is allowed is unknown.";
                result.Remediation = "Pass -AllowedRegion with the regions your data-residency policy permits (wildcards allowed, e.g. -AllowedRegion 'eu-*').";
                return result;
            }
            var patterns = allowed.Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
            result.Requirement = string.Join(", ", patterns);
            var match = patterns.FirstOrDefault(p => GlobMatches(p, region));
            if (match != null)
            {
                result.Status = PrivacyCheckStatus.Pass;
                result.Detail = $"{region} is allowed{(match.Equals(region, StringComparison.OrdinalIgnoreCase) ? "" : $" (matches '{match}')")}. " +
                    "Cross-Region inference profiles process requests in other regions of their geography (global. profiles in any commercial region): " +
                    "restrict them by SCP if residency must be strict.";
            }
            else
            {
                result.Status = PrivacyCheckStatus.Fail;
                result.Detail = $"{region} is not in the allowed regions ({result.Requirement}); prompts sent to Bedrock here are processed outside the data-residency boundary.";
                result.Remediation = $"Stop using Bedrock in {region}, and deny it with a service control policy on aws:RequestedRegion " +
                    "(Organizations console > Policies > Service control policies; aws organizations create-policy --type SERVICE_CONTROL_POLICY). " +
                    "If the policy permits the region, add it to -AllowedRegion.";
            }
            return result;
        }

        /// <summary>Case-insensitive match with * (any run) and ? (one character).</summary>
        public static bool GlobMatches(string pattern, string value) =>
            Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // ---------------------------------------------------------------- CloudTrail

        const string CloudTrailPermission = "cloudtrail:DescribeTrails, cloudtrail:GetTrailStatus and cloudtrail:GetEventSelectors";

        async Task<BedrockPrivacyCheck> CheckCloudTrailAsync(string region, CancellationToken ct)
        {
            var trails = await _cloudTrail.DescribeTrailsAsync(includeShadowTrails: true, ct).ConfigureAwait(false);
            var evaluations = new List<TrailEvaluation>();
            foreach (var trail in trails.Where(t => t.Covers(region)).GroupBy(t => t.TrailArn, StringComparer.Ordinal).Select(g => g.First()))
                evaluations.Add(await EvaluateTrailAsync(trail, ct).ConfigureAwait(false));
            return JudgeCloudTrail(region, trails, evaluations);
        }

        async Task<TrailEvaluation> EvaluateTrailAsync(CloudTrailTrail trail, CancellationToken ct)
        {
            CloudTrailStatus status;
            try
            {
                status = await _cloudTrail.GetTrailStatusAsync(trail.TrailArn, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsCheckFailure(ex, ct))
            {
                return TrailEvaluation.Unverifiable(trail, $"GetTrailStatus failed: {Reason(ex)}", ex);
            }
            if (status.IsLogging != true)
                return new TrailEvaluation(trail, status, null, status.IsLogging == null ? TrailVerdict.Unknown : TrailVerdict.NotLogging,
                    status.IsLogging == null ? "GetTrailStatus did not say whether it is logging" : $"is not logging{Since(" since", status.StopLoggingTime)}");
            if (status.LatestDeliveryError != null)
                return new TrailEvaluation(trail, status, null, TrailVerdict.DeliveryFailing,
                    $"is logging, but delivery to S3{(trail.S3BucketName != null ? $" bucket '{trail.S3BucketName}'" : "")} fails ({status.LatestDeliveryError}): events are not stored");
            CloudTrailEventSelectors selectors;
            try
            {
                selectors = await _cloudTrail.GetEventSelectorsAsync(trail.TrailArn, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsCheckFailure(ex, ct))
            {
                return TrailEvaluation.Unverifiable(trail, $"is logging, but GetEventSelectors failed: {Reason(ex)}", ex, status);
            }
            var coverage = ManagementEventCoverage.Evaluate(selectors);
            if (coverage.Read && coverage.Write)
                return new TrailEvaluation(trail, status, coverage, TrailVerdict.Covers, $"is logging read and write management events ({coverage.Source})");
            string missing = !coverage.Read && !coverage.Write ? "no management events" : coverage.Read ? "read-only management events (no writes)" : "write-only management events (no reads)";
            return new TrailEvaluation(trail, status, coverage, TrailVerdict.MissingManagementEvents,
                $"is logging {missing} of Bedrock ({coverage.Source}){(coverage.Notes.Count > 0 ? "; " + string.Join("; ", coverage.Notes) : "")}");
        }

        public enum TrailVerdict { Covers, NotLogging, DeliveryFailing, MissingManagementEvents, Unknown }

        public sealed class TrailEvaluation
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

        /// <summary>Pass if any trail covering the region is proven; else Unknown if any could not be verified; else Fail.</summary>
        public static BedrockPrivacyCheck JudgeCloudTrail(string region, IReadOnlyList<CloudTrailTrail> visible, IReadOnlyList<TrailEvaluation> covering)
        {
            var result = new BedrockPrivacyCheck
            {
                Check = PrivacyCheck.CloudTrail,
                Requirement = "a logging trail covering the region records read and write management events",
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
                result.Remediation = unverified.Any(e => IsPermissionDenied(e.Error))
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

        // ---------------------------------------------------------------- PrivateLink

        const string PrivateLinkPermission = "ec2:DescribeVpcEndpoints";
        static readonly string[] RelatedServices = { "bedrock", "bedrock-agent-runtime" };

        /// <summary>com.amazonaws.&lt;region&gt;.&lt;service&gt; (cn.com.amazonaws… in the China partition).</summary>
        public static string EndpointServiceName(string region, string service) =>
            (Aws.AwsRegions.PartitionOf(region) == "aws-cn" ? "cn.com.amazonaws." : "com.amazonaws.") + region + "." + service;

        async Task<BedrockPrivacyCheck> CheckPrivateLinkAsync(string region, CancellationToken ct)
        {
            var names = new[] { EndpointServiceName(region, "bedrock-runtime") }.Concat(RelatedServices.Select(s => EndpointServiceName(region, s))).ToList();
            var endpoints = await _ec2.DescribeVpcEndpointsAsync(names, "Interface", ct).ConfigureAwait(false);
            return JudgePrivateLink(region, endpoints);
        }

        public static BedrockPrivacyCheck JudgePrivateLink(string region, IReadOnlyList<VpcEndpoint> endpoints)
        {
            string runtime = EndpointServiceName(region, "bedrock-runtime");
            var result = new BedrockPrivacyCheck
            {
                Check = PrivacyCheck.PrivateLink,
                Requirement = $"an available interface VPC endpoint for {runtime}",
            };
            // The filter asked for interface endpoints; check again rather than trust it.
            var forRuntime = endpoints.Where(e => e.ServiceName == runtime && string.Equals(e.VpcEndpointType ?? "Interface", "Interface", StringComparison.OrdinalIgnoreCase)).ToList();
            var available = forRuntime.Where(e => e.IsAvailable).ToList();
            string related = string.Join("; ", RelatedServices.Select(s =>
            {
                var found = endpoints.Where(e => e.ServiceName == EndpointServiceName(region, s) && e.IsAvailable).Select(e => e.VpcEndpointId).ToList();
                return $"{s}: {(found.Count > 0 ? string.Join(", ", found) : "none")}";
            }));
            if (available.Count > 0)
            {
                result.Status = PrivacyCheckStatus.Pass;
                result.Resources = available.Select(e => e.VpcEndpointId).ToArray();
                result.VpcIds = available.Select(e => e.VpcId).Where(v => v != null).Select(v => v!).Distinct(StringComparer.Ordinal).ToArray();
                var noDns = available.Where(e => e.PrivateDnsEnabled == false).Select(e => e.VpcEndpointId).ToList();
                result.Detail = Cap($"{available.Count} available interface endpoint(s) for {runtime}: " +
                    string.Join(", ", available.Select(e => $"{e.VpcEndpointId} in {e.VpcId ?? "an unnamed VPC"}")) + "." +
                    (noDns.Count > 0 ? $" Private DNS is off on {string.Join(", ", noDns)}: clients that call bedrock-runtime.{region}.amazonaws.com still reach the public endpoint " +
                        $"unless they use the endpoint's own DNS name (aws ec2 modify-vpc-endpoint --vpc-endpoint-id {noDns[0]} --private-dns-enabled)." : "") +
                    $" Other Bedrock endpoints ({related}). VPCs without an endpoint still reach Bedrock over the internet.");
                return result;
            }
            result.Status = PrivacyCheckStatus.Fail;
            result.Resources = forRuntime.Select(e => e.VpcEndpointId).ToArray();
            result.Detail = Cap(forRuntime.Count == 0
                ? $"No interface VPC endpoint for {runtime}: inference calls leave the VPC for Bedrock's public endpoint. Other Bedrock endpoints ({related})."
                : $"No endpoint for {runtime} is available: " + string.Join(", ", forRuntime.Select(e => $"{e.VpcEndpointId} is {e.State ?? "in an unknown state"}")) + ".");
            result.Remediation = forRuntime.Any(e => string.Equals(e.State, "pendingAcceptance", StringComparison.OrdinalIgnoreCase))
                ? "The endpoint waits for acceptance; accept it or recreate it (VPC console > Endpoints)."
                : $"Create one per VPC that calls Bedrock: aws ec2 create-vpc-endpoint --region {region} --vpc-endpoint-type Interface --service-name {runtime} " +
                  "--vpc-id <vpc> --subnet-ids <subnets> --security-group-ids <sg> --private-dns-enabled (VPC console > Endpoints > Create endpoint).";
            return result;
        }

        // ---------------------------------------------------------------- InvocationLogging

        const string LoggingPermission = "bedrock:GetModelInvocationLoggingConfiguration";

        async Task<BedrockPrivacyCheck> CheckInvocationLoggingAsync(string region, PrivacyCheckOptions options, CancellationToken ct)
        {
            var config = await _bedrock.GetModelInvocationLoggingConfigurationAsync(ct).ConfigureAwait(false);
            return JudgeInvocationLogging(region, config, options.InvocationLogging, options.InvocationLogDataKinds);
        }

        public static BedrockPrivacyCheck JudgeInvocationLogging(string region, InvocationLoggingConfiguration config,
            InvocationLoggingRequirement? requirement, IReadOnlyList<InvocationLogDataKind> kinds)
        {
            var result = new BedrockPrivacyCheck { Check = PrivacyCheck.InvocationLogging };
            var destinations = new List<string>();
            if (config.Configured && config.CloudWatchLogGroup != null) destinations.Add("cloudwatch:" + config.CloudWatchLogGroup);
            if (config.Configured && config.S3Bucket != null) destinations.Add("s3://" + config.S3Bucket + "/" + (config.S3KeyPrefix ?? ""));
            var delivered = config.Configured ? Delivered(config) : new List<InvocationLogDataKind>();
            result.Resources = destinations.ToArray();
            result.DataKinds = delivered.Select(k => k.ToString()).ToArray();
            string found = !config.Configured
                ? $"no model-invocation logging is configured in {region}"
                : $"logging delivers {(delivered.Count > 0 ? string.Join(", ", delivered) + " data" : "no prompt or response data (metadata only)")} " +
                  $"to {(destinations.Count > 0 ? string.Join(" and ", destinations) : "no destination")}";
            var wanted = kinds.Distinct().ToList();
            string putCommand = $"aws bedrock put-model-invocation-logging-configuration --region {region} --logging-config " +
                "'{\"cloudWatchConfig\":{\"logGroupName\":\"/aws/bedrock/modelinvocations\",\"roleArn\":\"arn:aws:iam::<account>:role/<logging role>\"}," +
                string.Join(",", (wanted.Count > 0 ? wanted : new List<InvocationLogDataKind> { InvocationLogDataKind.Text }).Select(k => $"\"{FlagName(k)}\":true")) + "}'";

            switch (requirement)
            {
                case null:
                    result.Status = PrivacyCheckStatus.Unknown;
                    result.Detail = $"Not judged: no invocation-logging requirement given. Found: {found}.";
                    result.Remediation = "Pass -RequireInvocationLogging Enabled (logging required for audit), Disabled (prompts must not be stored) or Any (report only).";
                    return result;
                case InvocationLoggingRequirement.Any:
                    result.Requirement = "Any (report only)";
                    result.Status = PrivacyCheckStatus.Pass;
                    result.Detail = Capitalize(found) + ".";
                    return result;
                case InvocationLoggingRequirement.Enabled:
                {
                    result.Requirement = "Enabled (" + (wanted.Count > 0 ? string.Join(", ", wanted) : "any data kind") + ")";
                    var missing = wanted.Where(k => !delivered.Contains(k)).ToList();
                    bool ok = config.Configured && destinations.Count > 0 && (wanted.Count > 0 ? missing.Count == 0 : delivered.Count > 0);
                    result.Status = ok ? PrivacyCheckStatus.Pass : PrivacyCheckStatus.Fail;
                    result.Detail = Capitalize(found) + "." + (ok ? "" :
                        !config.Configured ? " Invocations leave no record of prompts and responses for audit."
                        : destinations.Count == 0 ? " The configuration names no destination."
                        : missing.Count > 0 ? $" Required but not delivered: {string.Join(", ", missing)}."
                        : " No data kind is delivered.");
                    if (!ok)
                        result.Remediation = (config.Configured ? "Update the configuration (it replaces the current one; keep your destinations): " : "") + putCommand +
                            " (Bedrock console > Settings > Model invocation logging).";
                    return result;
                }
                default:
                {
                    var forbidden = wanted.Count > 0 ? wanted : Enum.GetValues(typeof(InvocationLogDataKind)).Cast<InvocationLogDataKind>().ToList();
                    result.Requirement = "Disabled (" + (wanted.Count > 0 ? "no " + string.Join(", ", wanted) : "no data kind") + " delivered)";
                    var stored = delivered.Where(forbidden.Contains).ToList();
                    result.Status = stored.Count == 0 ? PrivacyCheckStatus.Pass : PrivacyCheckStatus.Fail;
                    result.Detail = Capitalize(found) + "." + (stored.Count == 0 ? "" : $" {string.Join(", ", stored)} data of prompts and responses is stored, which the requirement forbids.");
                    if (stored.Count > 0)
                        result.Remediation = $"Stop delivering it: aws bedrock delete-model-invocation-logging-configuration --region {region}, or put the configuration again with " +
                            string.Join(", ", stored.Select(k => FlagName(k) + "=false")) + " (Bedrock console > Settings > Model invocation logging).";
                    return result;
                }
            }
        }

        static List<InvocationLogDataKind> Delivered(InvocationLoggingConfiguration c)
        {
            var list = new List<InvocationLogDataKind>();
            if (c.TextDataDeliveryEnabled) list.Add(InvocationLogDataKind.Text);
            if (c.ImageDataDeliveryEnabled) list.Add(InvocationLogDataKind.Image);
            if (c.EmbeddingDataDeliveryEnabled) list.Add(InvocationLogDataKind.Embedding);
            if (c.VideoDataDeliveryEnabled) list.Add(InvocationLogDataKind.Video);
            if (c.AudioDataDeliveryEnabled) list.Add(InvocationLogDataKind.Audio);
            return list;
        }

        static string FlagName(InvocationLogDataKind k) => k.ToString().ToLowerInvariant() + "DataDeliveryEnabled";

        // ---------------------------------------------------------------- shared

        async Task<BedrockPrivacyCheck> Guard(PrivacyCheck check, string region, string permission, Func<Task<BedrockPrivacyCheck>> run, CancellationToken ct)
        {
            try
            {
                return await run().ConfigureAwait(false);
            }
            catch (Exception ex) when (IsCheckFailure(ex, ct))
            {
                return Unverified(check, region, permission, ex);
            }
        }

        /// <summary>An Unknown result for a check whose first call failed: the reason, the error code, and what to grant or retry.</summary>
        public static BedrockPrivacyCheck Unverified(PrivacyCheck check, string region, string permission, Exception ex)
        {
            bool denied = IsPermissionDenied(ex);
            return new BedrockPrivacyCheck
            {
                Check = check,
                Status = PrivacyCheckStatus.Unknown,
                ErrorCode = (ex as AwsServiceException)?.ErrorCode ?? (ex as AwsConfigurationException)?.ErrorId
                    ?? (ex is AwsResponseFormatException ? "InvalidResponse" : ex is AwsTransportException ? "EndpointUnreachable" : null),
                Detail = Cap((denied ? "Could not verify: permission denied. " : "Could not verify: ") + Reason(ex)),
                Remediation = denied
                    ? $"Grant {permission} in {region} to the principal running the check (IAM console > Roles > the role > Add permissions), or ask the account owner to."
                    : "Rerun the check; the failure above is not a finding about the control.",
            };
        }

        /// <summary>AWS answered with an error, the answer was unusable, the network failed, or SigV4 credentials are missing.</summary>
        static bool IsCheckFailure(Exception ex, CancellationToken ct) =>
            !(ex is OperationCanceledException && ct.IsCancellationRequested) &&
            (ex is AwsServiceException || ex is AwsResponseFormatException || ex is AwsTransportException || ex is AwsConfigurationException);

        public static bool IsPermissionDenied(Exception? ex) => ex is AwsServiceException s && IsPermissionErrorCode(s.ErrorCode);

        /// <summary>The error codes AWS services answer a missing IAM permission with.</summary>
        public static bool IsPermissionErrorCode(string? code) => code switch
        {
            "AccessDeniedException" or "AccessDenied" or "UnauthorizedOperation" or "UnauthorizedAccess" or "NotAuthorized"
                or "AuthorizationError" or "OperationNotPermittedException" => true,
            _ => false,
        };

        static string Reason(Exception ex) => ex is AwsServiceException s
            ? $"{s.ErrorCode}: {s.ServiceMessage ?? "(no message)"} ({s.Service} {s.Operation}, request id {s.RequestId ?? "none"})"
            : ex.Message;

        static string Since(string label, DateTimeOffset? t) => t is { } v ? $"{label} {v.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "";

        static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s.Substring(1);

        /// <summary>Details stay readable in a table and in the ledger.</summary>
        static string Cap(string s) => s.Length <= 2000 ? s : s.Substring(0, 1997) + "...";

        // ---------------------------------------------------------------- evidence

        /// <summary>The PrivacyChecked evidence outcome: Failed if any check failed, Succeeded if all passed, else Observed.</summary>
        public static string EvidenceOutcomeFor(IReadOnlyList<BedrockPrivacyCheck> results) =>
            results.Any(r => r.Status == PrivacyCheckStatus.Fail) ? EvidenceOutcome.Failed
            : results.Count > 0 && results.All(r => r.Status == PrivacyCheckStatus.Pass) ? EvidenceOutcome.Succeeded
            : EvidenceOutcome.Observed;

        /// <summary>One line per run and target: 'CloudTrail=Pass [arn…]; PrivateLink=Unknown (UnauthorizedOperation); …'.</summary>
        public static string EvidenceDetails(IReadOnlyList<BedrockPrivacyCheck> results) => Cap(string.Join("; ", results.Select(r =>
            $"{r.Check}={r.Status}" +
            (r.ErrorCode != null ? $" ({r.ErrorCode})" : "") +
            (r.Requirement != null && (r.Check == PrivacyCheck.RegionAllowed || r.Check == PrivacyCheck.InvocationLogging) ? $" req {r.Requirement}" : "") +
            (r.Resources.Length > 0 ? $" [{string.Join(", ", r.Resources)}]" : "") +
            (r.Check == PrivacyCheck.InvocationLogging && r.DataKinds.Length > 0 ? $" data {string.Join(",", r.DataKinds)}" : ""))));
    }

    /// <summary>
    /// Whether a trail's event selectors record Bedrock's management events, reads and writes. Basic selectors:
    /// IncludeManagementEvents with ReadWriteType All/ReadOnly/WriteOnly. Advanced selectors: a selector whose
    /// eventCategory matches Management, narrowed by readOnly and eventSource; a field this evaluator does not know
    /// makes that selector count for nothing (it cannot be proven to cover Bedrock).
    /// </summary>
    public sealed class ManagementEventCoverage
    {
        public bool Read { get; private set; }
        public bool Write { get; private set; }
        public string Source { get; private set; } = "";
        public List<string> Notes { get; } = new List<string>();

        static readonly string[] KnownFields = { "eventCategory", "readOnly", "eventSource" };

        public static ManagementEventCoverage Evaluate(CloudTrailEventSelectors selectors)
        {
            var c = new ManagementEventCoverage();
            if (selectors.Advanced.Count > 0)
            {
                c.Source = "advanced event selectors";
                foreach (var s in selectors.Advanced)
                {
                    string name = s.Name ?? "(unnamed)";
                    var byField = s.FieldSelectors.GroupBy(f => f.Field, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);
                    bool Matches(string field, string value) => !byField.TryGetValue(field, out var fs) || fs.All(f => f.Matches(value));
                    if (!byField.ContainsKey("eventCategory") || !Matches("eventCategory", "Management")) continue;
                    var unknown = byField.Keys.Where(k => !KnownFields.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
                    if (unknown.Count > 0)
                    {
                        c.Notes.Add($"selector '{name}' filters on {string.Join(", ", unknown)}, which cannot be proven to keep Bedrock events");
                        continue;
                    }
                    if (!Matches("eventSource", BedrockEventSourceName))
                    {
                        c.Notes.Add($"selector '{name}' excludes {BedrockEventSourceName}");
                        continue;
                    }
                    if (Matches("readOnly", "true")) c.Read = true;
                    if (Matches("readOnly", "false")) c.Write = true;
                }
                return c;
            }
            c.Source = selectors.Basic.Count > 0 ? "basic event selectors" : "no event selectors";
            foreach (var s in selectors.Basic)
            {
                if (!s.IncludeManagementEvents) continue;
                if (s.ExcludeManagementEventSources.Contains(BedrockEventSourceName, StringComparer.OrdinalIgnoreCase))
                {
                    c.Notes.Add($"a selector excludes {BedrockEventSourceName}");
                    continue;
                }
                switch (s.ReadWriteType)
                {
                    case "All": c.Read = true; c.Write = true; break;
                    case "ReadOnly": c.Read = true; break;
                    case "WriteOnly": c.Write = true; break;
                    default: c.Notes.Add($"ReadWriteType '{s.ReadWriteType}' is not one of All, ReadOnly, WriteOnly"); break;
                }
            }
            return c;
        }

        const string BedrockEventSourceName = "bedrock.amazonaws.com";
    }
}
