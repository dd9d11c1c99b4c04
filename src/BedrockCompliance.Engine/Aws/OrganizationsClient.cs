namespace BedrockCompliance.Engine.Aws;

/// <summary>
/// AWS Organizations over JSON 1.1 on AWSSDK.Core's signer (AWSSDK.Organizations is not shipped): the organisation,
/// its accounts, and an OU subtree (ListChildren, ListAccountsForParent). Every listing follows NextToken.
/// </summary>
internal sealed class OrganizationsClient(AwsHttpSender sender)
{
    const string TargetPrefix = "AWSOrganizationsV20161128.";
    // An organisation may have thousands of accounts: far more pages than other listings.
    const int MaxPages = 10000;

    /// <summary>The organisation's id and management account.</summary>
    public Task<(string Id, string ManagementAccountId)> DescribeOrganizationAsync(CancellationToken ct) =>
        CallAsync("DescribeOrganization", _ => { }, root =>
        {
            var org = JsonShape.Object(root, "Organization", "");
            return (JsonShape.String(org, "Id", "Organization."), JsonShape.String(org, "MasterAccountId", "Organization."));
        }, ct);

    public Task<IReadOnlyList<BedrockOrganizationAccount>> ListAccountsAsync(CancellationToken ct) =>
        ListAsync("ListAccounts", null, "Accounts", (a, p) => ReadAccount(a, p, null), ct);

    public Task<IReadOnlyList<BedrockOrganizationAccount>> ListAccountsForParentAsync(string parentId, CancellationToken ct) =>
        ListAsync("ListAccountsForParent", w => w.WriteString("ParentId", parentId), "Accounts", (a, p) => ReadAccount(a, p, parentId), ct);

    /// <summary>The OUs directly under a root or OU.</summary>
    public Task<IReadOnlyList<string>> ListChildOusAsync(string parentId, CancellationToken ct) =>
        ListAsync("ListChildren", w => { w.WriteString("ParentId", parentId); w.WriteString("ChildType", "ORGANIZATIONAL_UNIT"); }, "Children",
            (c, p) => JsonShape.String(c, "Id", p), ct);

    /// <summary>The accounts of an OU and of every OU below it, each OU once.</summary>
    public async Task<IReadOnlyList<BedrockOrganizationAccount>> ListAccountsInSubtreeAsync(string rootOrOuId, CancellationToken ct)
    {
        var result = new List<BedrockOrganizationAccount>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(rootOrOuId);
        while (queue.Count > 0)
        {
            string parent = queue.Dequeue();
            if (!seen.Add(parent)) continue;
            result.AddRange(await ListAccountsForParentAsync(parent, ct).ConfigureAwait(false));
            foreach (var child in await ListChildOusAsync(parent, ct).ConfigureAwait(false)) queue.Enqueue(child);
        }
        return result;
    }

    /// <summary>One account; the organisation id and management flag are the caller's to set.</summary>
    static BedrockOrganizationAccount ReadAccount(System.Text.Json.JsonElement a, string p, string? parentId) => new BedrockOrganizationAccount
    {
        AccountId = JsonShape.String(a, "Id", p),
        AccountName = JsonShape.OptionalString(a, "Name", p),
        Email = JsonShape.OptionalString(a, "Email", p),
        Status = JsonShape.OptionalString(a, "Status", p) ?? JsonShape.OptionalString(a, "State", p) ?? "",
        Arn = JsonShape.OptionalString(a, "Arn", p),
        // JSON 1.1 timestamps are epoch seconds.
        JoinedTimestamp = EpochSeconds(a, "JoinedTimestamp"),
        ParentId = parentId,
    };

    /// <summary>JSON 1.1 sends epoch seconds, possibly with a fraction; anything else is left out rather than guessed.</summary>
    static DateTimeOffset? EpochSeconds(System.Text.Json.JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.Number && v.TryGetDouble(out double seconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000)) : null;

    async Task<IReadOnlyList<T>> ListAsync<T>(string op, Action<System.Text.Json.Utf8JsonWriter>? write, string member,
        Func<System.Text.Json.JsonElement, string, T> read, CancellationToken ct)
    {
        var items = new List<T>();
        await AwsPaging.FollowAsync(AwsService.Organizations, op, "NextToken", async token =>
        {
            string? next = await CallAsync(op, w =>
            {
                write?.Invoke(w);
                if (token != null) w.WriteString("NextToken", token);
            }, root =>
            {
                items.AddRange(JsonShape.Objects(root, member, "", read, required: false));
                return JsonShape.OptionalString(root, "NextToken", "");
            }, ct).ConfigureAwait(false);
            return (next, null);
        }, MaxPages).ConfigureAwait(false);
        return items;
    }

    async Task<T> CallAsync<T>(string op, Action<System.Text.Json.Utf8JsonWriter> write, Func<System.Text.Json.JsonElement, T> read, CancellationToken ct)
    {
        var response = await sender.SendJson11Async(AwsService.Organizations, TargetPrefix, op, write, ct).ConfigureAwait(false);
        return JsonShape.ParseResponse(AwsService.Organizations, op, response, read);
    }
}
