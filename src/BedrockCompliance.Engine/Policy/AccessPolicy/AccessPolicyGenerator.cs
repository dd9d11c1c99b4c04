using System.Text.RegularExpressions;

namespace BedrockCompliance.Engine.Policy;

/// <summary>
/// Builds IAM / SCP documents that deny Bedrock inference and agreement creation for every model a licence
/// policy does not allow. Design and sources: docs/licence-policy.md ("The generated deny policy").
/// <list type="bullet">
/// <item>ARNs: foundation model <c>arn:aws:bedrock:*::foundation-model/&lt;id&gt;</c> (no account) and
/// system-defined inference profile <c>arn:aws:bedrock:*:*:inference-profile/*.&lt;id&gt;</c> (any geo prefix:
/// us., eu., apac., global., …; any account). Region is '*' in the ARN because a cross-Region inference
/// profile is also authorised against the foundation model in each destination Region (and '*' matches the
/// empty Region of a global profile's Region-less leg). The deny holds in every Region unless the caller
/// limits it explicitly (<see cref="AccessPolicyOptions.Regions"/>, with a warning).</item>
/// <item>Stages here; <see cref="AccessPolicyPacker"/> fills documents, <see cref="AccessPolicyRenderer"/> writes them.</item>
/// <item>Wildcards ('*' in IAM Resource matching, case-sensitive) are used only at ID separators and only
/// where every model of the model list they match has the same verdict.</item>
/// <item>AllowListOnly uses NotResource and cannot be split (two NotResource denies intersect); DenyListed
/// uses Resource and is split across documents when it exceeds the size limit.</item>
/// </list>
/// </summary>
internal static class AccessPolicyGenerator
{
    /// <summary>AWS Organizations quota "Service control policies: 5,120 characters"; via API/CLI every character as stored counts, white space included.</summary>
    public const int ScpSizeLimit = 5120;
    /// <summary>IAM customer managed policy: 6,144 characters, white space not counted.</summary>
    public const int IamSizeLimit = 6144;
    /// <summary>At most 5 SCPs can be attached to one root, OU or account.</summary>
    public const int MaxScpsPerTarget = 5;

    /// <summary>
    /// Inference actions denied. AWS authorises Converse with bedrock:InvokeModel and ConverseStream with
    /// bedrock:InvokeModelWithResponseStream; bedrock:Converse / bedrock:ConverseStream are listed as well so
    /// the intent is explicit and the policy stays right if AWS ever authorises them separately (a Deny on an
    /// action that is never requested has no effect).
    /// </summary>
    public static readonly IReadOnlyList<string> InvokeActions = new[]
    {
        "bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream", "bedrock:Converse", "bedrock:ConverseStream",
    };

    /// <summary>
    /// How the statements write <see cref="InvokeActions"/>: two wildcards, shorter, that also cover
    /// InvokeModelWithBidirectionalStream (streaming speech models) — nothing else in bedrock: starts with these.
    /// </summary>
    public static readonly IReadOnlyList<string> InvokeActionPatterns = new[] { "bedrock:InvokeModel*", "bedrock:Converse*" };

    public const string AgreementAction = "bedrock:CreateFoundationModelAgreement";
    public const string MarketplaceSubscribeAction = "aws-marketplace:Subscribe";
    /// <summary>Inference on the OpenAI-compatible mantle endpoint; the model is named only in <see cref="MantleModelKey"/>.</summary>
    public const string MantleInferenceAction = "bedrock-mantle:CreateInference";
    public const string MantleModelKey = "bedrock-mantle:Model";
    public const string InferenceProfileArnKey = "bedrock:InferenceProfileArn";

    static readonly Regex PartitionShape = new Regex("^aws(-[a-z]+)*$", RegexOptions.CultureInvariant);

    public static string FoundationModelArn(string partition, string idPattern) => $"arn:{partition}:bedrock:*::foundation-model/{idPattern}";
    /// <summary>
    /// The agreement deny's resource: the resource type as '*' (15 characters shorter per model). Agreements concern
    /// foundation models only, the one account-less bedrock resource, so it matches the same ARNs.
    /// </summary>
    public static string AgreementArn(string partition, string idPattern) => $"arn:{partition}:bedrock:*::*/{idPattern}";
    public static string InferenceProfileArn(string partition, string idPattern) => $"arn:{partition}:bedrock:*:*:inference-profile/*.{idPattern}";
    /// <summary>The OpenAI-compatible runtime APIs also authorise InvokeModel on the account's default project (§3.3): left out of the allow-list deny.</summary>
    public static string DefaultProjectArn(string partition) => $"arn:{partition}:bedrock:*:*:project/default";

    /// <summary>Wire spellings of the retention modes above <paramref name="maximum"/> in Bedrock's order.</summary>
    public static IReadOnlyList<string> RetentionModesAbove(DataRetentionMode maximum) =>
        new[] { DataRetentionMode.None, DataRetentionMode.Default, DataRetentionMode.AwsReview, DataRetentionMode.ProviderDataShare }
            .Where(m => m > maximum).Select(DataRetentionModes.ToWire).ToList();

    /// <summary>Size as AWS counts it: SCP every character; IAM every character except white space.</summary>
    public static int MeasureSize(string document, AccessPolicyType type) =>
        type == AccessPolicyType.Scp ? document.Length : document.Count(c => !char.IsWhiteSpace(c));

    public static int LimitFor(AccessPolicyType type) => type == AccessPolicyType.Scp ? ScpSizeLimit : IamSizeLimit;

    /// <summary>
    /// Generates the documents for a model universe with verdicts (one entry per foundation-model ID;
    /// duplicates are merged conservatively: allowed only if every entry is allowed).
    /// </summary>
    public static AccessPolicyResult Generate(IEnumerable<(string ModelId, bool Allowed)> universe, AccessPolicyOptions options)
    {
        if (options == null) throw new ArgumentNullException(nameof(options));
        if (!PartitionShape.IsMatch(options.Partition ?? ""))
            throw new ArgumentException($"'{options.Partition}' is not an AWS partition; expected 'aws', 'aws-cn' or 'aws-us-gov'.");
        foreach (var r in options.Regions.Concat(options.AllowedRegions))
            if (!Aws.AwsRegions.IsRegionName(r))
                throw new ArgumentException($"'{r}' is not an AWS Region name; expected a name such as 'us-east-1'.");

        var merged = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (id, allowed) in universe)
            merged[id] = merged.TryGetValue(id, out var prev) ? prev && allowed : allowed;
        var all = merged.Keys.ToList();
        var allowedSet = new HashSet<string>(merged.Where(kv => kv.Value).Select(kv => kv.Key), StringComparer.Ordinal);
        var denied = all.Where(id => !allowedSet.Contains(id)).ToList();
        var allowedList = all.Where(allowedSet.Contains).ToList();
        int limit = options.SizeLimit ?? LimitFor(options.Type);
        var warnings = new List<string>();
        var notes = new List<string>();

        if (options.Strategy == AccessPolicyStrategy.DenyListed && denied.Count == 0)
            return new AccessPolicyResult { Warnings = new[] { $"The policy allows all {all.Count} models of the model list: DenyListed has nothing to deny, so no document was generated." } };

        // Marketplace product IDs: deny only IDs no allowed model of the list shares.
        var productIds = new List<string>();
        if (options.IncludeMarketplace)
        {
            var allowedProducts = new HashSet<string>(allowedList.Select(MarketplaceProductIds.Find).Where(p => p != null)!, StringComparer.Ordinal);
            productIds = denied.Select(MarketplaceProductIds.Find).Where(p => p != null && !allowedProducts.Contains(p)).Select(p => p!).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToList();
        }

        List<AccessPolicyDraft> docs;
        bool compacted = false;
        // Stage A: exact lists.
        docs = AccessPolicyPacker.Pack(options, allowedList, denied, productIds, limit, out bool fits);
        if (!fits || docs.Count > 1)
        {
            // Stage B: wildcards in deny-lists (exact against the list; a future model sharing the prefix is denied too — the safe side).
            var deniedCompact = Compact(all, new HashSet<string>(denied, StringComparer.Ordinal), anyCharacter: options.Strategy == AccessPolicyStrategy.AllowListOnly);
            var docsB = AccessPolicyPacker.Pack(options, allowedList, deniedCompact, productIds, limit, out bool fitsB);
            if (fitsB && (docsB.Count < docs.Count || !fits)) { docs = docsB; fits = true; compacted = deniedCompact.Count < denied.Count; }
            if (!fitsB && options.Strategy == AccessPolicyStrategy.AllowListOnly)
            {
                // Stage C: the allow-list itself. Exact against the list, but a future model matching a prefix would be allowed.
                var allowedCompact = Compact(all, allowedSet);
                var docsC = AccessPolicyPacker.Pack(options, allowedCompact, deniedCompact, productIds, limit, out bool fitsC);
                if (!fitsC)
                    throw new AccessPolicyTooLargeException(
                        $"The allow-list of {allowedList.Count} models does not fit one {options.Type} document of {limit} characters even with wildcards, and a NotResource deny cannot be split (two such denies intersect and would deny every model). " +
                        "Use -Compress, allow fewer models, choose -Type Iam, or use -Strategy DenyListed (which can be split).");
                docs = docsC; fits = true; compacted = true;
                warnings.Add($"The allow-list was shortened with wildcards to fit {limit} characters ({string.Join(", ", allowedCompact.Where(p => p.EndsWith("*", StringComparison.Ordinal)))}). " +
                    "Each wildcard matches only allowed models of today's model list, but a model released later under the same prefix would be allowed without review.");
            }
            if (!fits)
                throw new AccessPolicyTooLargeException($"A single model ARN does not fit a {options.Type} document of {limit} characters.");
        }

        var documents = new List<BedrockAccessPolicyDocument>();
        for (int i = 0; i < docs.Count; i++)
        {
            string text = AccessPolicyRenderer.Render(docs[i], options);
            if (MeasureSize(text, options.Type) != docs[i].Size)
                throw new InvalidOperationException($"Internal error: the packed size {docs[i].Size} of document {i + 1} differs from its rendered size {MeasureSize(text, options.Type)}.");
            string name = docs.Count == 1 ? $"{options.BaseName}-{options.Type}" : $"{options.BaseName}-{options.Type}-Part{i + 1}of{docs.Count}";
            var deniedHere = options.Strategy == AccessPolicyStrategy.AllowListOnly && docs[i].AllowList != null
                ? denied
                : all.Where(id => docs[i].DenyPatterns.Concat(docs[i].AgreementPatterns).Any(p => new ModelIdGlob(p).IsMatch(id))).ToList();
            documents.Add(new BedrockAccessPolicyDocument
            {
                Name = name,
                Type = options.Type,
                Strategy = options.Strategy,
                Part = i + 1,
                PartCount = docs.Count,
                Document = text,
                Size = MeasureSize(text, options.Type),
                SizeLimit = limit,
                ModelsDenied = deniedHere,
                ModelsAllowed = allowedList,
                Regions = options.Regions.ToList(),
                Compacted = compacted,
            });
        }

        if (docs.Count > 1)
        {
            warnings.Add($"The policy was split into {docs.Count} {options.Type} documents of at most {limit} characters; attach all of them." +
                (options.Type == AccessPolicyType.Scp && docs.Count > MaxScpsPerTarget
                    ? $" AWS allows at most {MaxScpsPerTarget} SCPs per root, OU or account: attach them at different levels (root and OUs), or use -Strategy AllowListOnly / allow whole providers to shrink the list."
                    : ""));
        }
        if (options.Strategy == AccessPolicyStrategy.DenyListed)
            warnings.Add($"DenyListed denies only the {denied.Count} not-allowed models of the {all.Count}-model list; a model missing from the list or released later is NOT denied. -Strategy AllowListOnly (the default) fails closed.");
        else
            notes.Add("AllowListOnly denies inference on every Bedrock resource except the allowed foundation models and their system-defined inference profiles: custom, provisioned and imported models, prompt routers and application inference profiles are denied too.");
        if (options.Regions.Count == 0)
            notes.Add("The licence deny applies in every Region.");
        else
            warnings.Add($"The licence deny is limited to {string.Join(", ", options.Regions)}: in every other Region the {denied.Count} models the policy does not allow " +
                "stay usable (inference, mantle inference and agreements), and so does a global cross-Region profile's Region-less leg. Leave out the Region limit to deny them everywhere.");
        return new AccessPolicyResult { Documents = documents, Warnings = warnings, Notes = notes };
    }

    /// <summary>
    /// The shortest pattern list that matches exactly <paramref name="selected"/> within <paramref name="universe"/>:
    /// an ID prefix ending at '.', '-' or ':' followed by '*' when every universe ID with that prefix is selected
    /// and it covers at least two IDs; otherwise the exact ID.
    /// </summary>
    /// <param name="anyCharacter">Also end prefixes mid-word (never before the provider's '.') and use a wildcard for one ID
    /// when it is shorter: for the agreement deny of AllowListOnly, whose wildcards only ever deny more (models that
    /// policy denies inference for anyway).</param>
    public static List<string> Compact(IReadOnlyList<string> universe, ISet<string> selected, bool anyCharacter = false)
    {
        var patterns = new List<string>();
        foreach (var id in universe.Where(selected.Contains).OrderBy(s => s, StringComparer.Ordinal))
        {
            if (patterns.Any(p => Covers(p, id))) continue;
            string? chosen = null;
            for (int i = anyCharacter ? Math.Max(0, id.IndexOf('.')) : 0; i < id.Length - (anyCharacter ? 2 : 1) && chosen == null; i++)
            {
                if (!anyCharacter && id[i] != '.' && id[i] != '-' && id[i] != ':') continue;
                string prefix = id.Substring(0, i + 1);
                var covered = universe.Where(u => u.StartsWith(prefix, StringComparison.Ordinal)).ToList();
                if ((covered.Count >= 2 || anyCharacter) && covered.All(selected.Contains)) chosen = prefix + "*";
            }
            patterns.Add(chosen ?? id);
        }
        // An exact ID that a later wildcard covers (an ID that is a prefix of others) is redundant.
        return patterns.Where(p => !patterns.Any(q => q != p && q.EndsWith("*", StringComparison.Ordinal) && Covers(q, p))).ToList();
    }

    static bool Covers(string pattern, string id) =>
        pattern.EndsWith("*", StringComparison.Ordinal) ? id.StartsWith(pattern.Substring(0, pattern.Length - 1), StringComparison.Ordinal) : pattern == id;
}
