namespace BedrockCompliance.Engine.Report;

/// <summary>One account × Region × model row of the report's matrix: the latest state of each column.</summary>
internal sealed class ModelRow
{
    public string ModelId = "";
    public string Region = "";
    public string? Category;
    public string? Verdict;
    public string? ReasonCodes;
    public string? Approval;
    public string? Agreement;
    public string? AcceptedBy;
    public string? AcceptedVia;
    public string? AcceptedAt;
    public string? Access;
    public bool OutsideReview;
}

/// <summary>One privacy check result in an account and Region (from the PrivacyChecked record or a live result).</summary>
internal sealed class PrivacyRow
{
    public string AccountId = "";
    public string Region = "";
    public string Check = "";
    public string Status = "";
    public string? Detail;
    public string? CheckedAt;
}

/// <summary>An acceptance with no intent in the ledger.</summary>
internal sealed class OutsideReviewRow
{
    public string? AccountId;
    public string? Region;
    public string? ModelId;
    public string? PrincipalArn;
    public string? EventTime;
    public string? AcceptedVia;
    public string? EventId;
    public string? Source;
}

internal sealed class AccountData
{
    public string AccountId = "";
    public string? Name;
    public readonly SortedDictionary<string, ModelRow> Rows = new SortedDictionary<string, ModelRow>(StringComparer.Ordinal);
    public readonly SortedSet<string> Regions = new SortedSet<string>(StringComparer.Ordinal);
    public int Failures;
    public int OutsideReview;

    public ModelRow Row(string region, string modelId)
    {
        string key = modelId + "\u0001" + region;
        if (!Rows.TryGetValue(key, out var row)) Rows[key] = row = new ModelRow { ModelId = modelId, Region = region };
        Regions.Add(region);
        return row;
    }
}

internal sealed class PolicySeen
{
    public string Name = "";
    public string Sha256 = "";
    public long Decisions;
}

internal sealed class ApprovalSeen
{
    public string? ModelId;
    public string? ApprovedBy;
    public string? ApprovedOn;
    public string? Reference;
    public string? ExpiresOn;
    public string? Notes;
}
