using System.Globalization;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// The one list of evidence record members (the compliance contract). Rows are in JSON order; each names its JSON
/// member, CSV column and position, whether it is required, its canonical form, who fills it and how to get and
/// set it. The line serialiser, the parser, the CSV exporter (both paths), the ledger's cleaning, the bench and
/// the README test all read this table.
/// <para>
/// To add a member: add the <see cref="EvidenceRecord"/> property and one row here, before <c>hash</c> (the hash is
/// the line's fixed suffix, so it stays last), with the next free CSV position (columns are only ever appended).
/// Never reorder, rename or remove a row: existing ledgers would no longer verify and CSV consumers would break.
/// </para>
/// </summary>
internal static class EvidenceFields
{
    public static readonly EvidenceField Version = Number("v", null, -1, EvidenceFieldForm.Version, r => r.Version);
    public static readonly EvidenceField Id = Typed("id", "Id", 19, EvidenceFieldForm.Guid, r => r.Id.ToString("D"));
    public static readonly EvidenceField Sequence = Number("sequence", "Sequence", 0, EvidenceFieldForm.Sequence, r => r.Sequence);
    public static readonly EvidenceField Timestamp = Typed("timestamp", "Timestamp", 1, EvidenceFieldForm.Timestamp, r => EvidenceFormat.FormatTimestamp(r.Timestamp));
    public static readonly EvidenceField Action = Vocabulary("action", "Action", 2, r => r.Action, (r, v) => r.Action = v ?? "");
    public static readonly EvidenceField Outcome = Vocabulary("outcome", "Outcome", 3, r => r.Outcome, (r, v) => r.Outcome = v ?? "");
    public static readonly EvidenceField AccountId = Text("accountId", "AccountId", 4, r => r.AccountId, (r, v) => r.AccountId = v);
    public static readonly EvidenceField Region = Text("region", "Region", 5, r => r.Region, (r, v) => r.Region = v);
    public static readonly EvidenceField ModelId = Text("modelId", "ModelId", 6, r => r.ModelId, (r, v) => r.ModelId = v);
    public static readonly EvidenceField Provider = Text("provider", "Provider", 7, r => r.Provider, (r, v) => r.Provider = v);
    public static readonly EvidenceField LicenseCategory = Text("licenseCategory", "LicenseCategory", 8, r => r.LicenseCategory, (r, v) => r.LicenseCategory = v);
    public static readonly EvidenceField LicenseName = Text("licenseName", "LicenseName", 9, r => r.LicenseName, (r, v) => r.LicenseName = v);
    public static readonly EvidenceField OfferId = Text("offerId", "OfferId", 10, r => r.OfferId, (r, v) => r.OfferId = v);
    public static readonly EvidenceField LegalTermUrl = Text("legalTermUrl", "LegalTermUrl", 11, r => r.LegalTermUrl, (r, v) => r.LegalTermUrl = v);
    public static readonly EvidenceField PrincipalArn = Text("principalArn", "PrincipalArn", 13, r => r.PrincipalArn, (r, v) => r.PrincipalArn = v,
        EvidenceFieldSource.CallerThenContext, c => c.PrincipalArn);
    public static readonly EvidenceField OsUser = Text("osUser", "OsUser", 14, r => r.OsUser, (r, v) => r.OsUser = v, EvidenceFieldSource.Context, c => c.OsUser);
    public static readonly EvidenceField Machine = Text("machine", "Machine", 15, r => r.Machine, (r, v) => r.Machine = v, EvidenceFieldSource.Context, c => c.Machine);
    public static readonly EvidenceField UseCase = Text("useCase", "UseCase", 12, r => r.UseCase, (r, v) => r.UseCase = v);
    public static readonly EvidenceField ModuleVersion = Text("moduleVersion", "ModuleVersion", 17, r => r.ModuleVersion, (r, v) => r.ModuleVersion = v,
        EvidenceFieldSource.Context, c => c.ModuleVersion);
    public static readonly EvidenceField CorrelationId = Text("correlationId", "CorrelationId", 16, r => r.CorrelationId, (r, v) => r.CorrelationId = v,
        EvidenceFieldSource.CallerThenContext, c => c.CorrelationId);
    public static readonly EvidenceField Details = Text("details", "Details", 18, r => r.Details, (r, v) => r.Details = v);
    // Absent prevHash means the first record: its canonical form is the genesis hash.
    public static readonly EvidenceField PrevHash = HashField("prevHash", "PrevHash", 21, r => r.PrevHash ?? EvidenceFormat.GenesisHash, (r, v) => r.PrevHash = v);
    // Issue 17's members: after prevHash (just before hash) and the next CSV positions, so older ledgers verify unchanged.
    public static readonly EvidenceField AccountName = Text("accountName", "AccountName", 23, r => r.AccountName, (r, v) => r.AccountName = v);
    public static readonly EvidenceField SourceArn = Text("sourceArn", "SourceArn", 24, r => r.SourceArn, (r, v) => r.SourceArn = v);
    public static readonly EvidenceField SourceIdentity = Text("sourceIdentity", "SourceIdentity", 25, r => r.SourceIdentity, (r, v) => r.SourceIdentity = v);
    public static readonly EvidenceField PolicyName = Text("policyName", "PolicyName", 26, r => r.PolicyName, (r, v) => r.PolicyName = v);
    public static readonly EvidenceField PolicySha256 = Text("policySha256", "PolicySha256", 27, r => r.PolicySha256, (r, v) => r.PolicySha256 = v);
    public static readonly EvidenceField Verdict = Text("verdict", "Verdict", 28, r => r.Verdict, (r, v) => r.Verdict = v);
    public static readonly EvidenceField ReasonCodes = Text("reasonCodes", "ReasonCodes", 29, r => r.ReasonCodes, (r, v) => r.ReasonCodes = v);
    public static readonly EvidenceField ApprovedBy = Text("approvedBy", "ApprovedBy", 30, r => r.ApprovedBy, (r, v) => r.ApprovedBy = v);
    public static readonly EvidenceField ApprovedOn = Text("approvedOn", "ApprovedOn", 31, r => r.ApprovedOn, (r, v) => r.ApprovedOn = v);
    public static readonly EvidenceField ApprovalReference = Text("approvalReference", "ApprovalReference", 32, r => r.ApprovalReference, (r, v) => r.ApprovalReference = v);
    public static readonly EvidenceField ApprovalExpiresOn = Text("approvalExpiresOn", "ApprovalExpiresOn", 33, r => r.ApprovalExpiresOn, (r, v) => r.ApprovalExpiresOn = v);
    public static readonly EvidenceField CloudTrailEventId = Text("cloudTrailEventId", "CloudTrailEventId", 34, r => r.CloudTrailEventId, (r, v) => r.CloudTrailEventId = v);
    public static readonly EvidenceField EventTime = Text("eventTime", "EventTime", 35, r => r.EventTime, (r, v) => r.EventTime = v);
    public static readonly EvidenceField AcceptedVia = Text("acceptedVia", "AcceptedVia", 36, r => r.AcceptedVia, (r, v) => r.AcceptedVia = v);
    public static readonly EvidenceField Hash = HashField("hash", "Hash", 22, r => r.Hash, (r, v) => r.Hash = v);
    public static readonly EvidenceField LineNumber = new EvidenceField(null, "LineNumber", 20, false, EvidenceFieldForm.LineNumber, EvidenceFieldSource.Reader,
        r => r.LineNumber.ToString(CultureInfo.InvariantCulture), null, r => r.LineNumber, null);

    /// <summary>Every field, in JSON order, then the ones that are not stored.</summary>
    public static readonly IReadOnlyList<EvidenceField> All = new[]
    {
        Version, Id, Sequence, Timestamp, Action, Outcome, AccountId, Region, ModelId, Provider, LicenseCategory,
        LicenseName, OfferId, LegalTermUrl, PrincipalArn, OsUser, Machine, UseCase, ModuleVersion, CorrelationId,
        Details, PrevHash,
        AccountName, SourceArn, SourceIdentity, PolicyName, PolicySha256, Verdict, ReasonCodes, ApprovedBy, ApprovedOn,
        ApprovalReference, ApprovalExpiresOn, CloudTrailEventId, EventTime, AcceptedVia,
        Hash,
        LineNumber,
    };

    /// <summary>The JSON members, in line order (<see cref="EvidenceField.Index"/>); <c>hash</c> is last.</summary>
    public static readonly EvidenceField[] Stored = All.Where(f => f.IsStored).ToArray();

    /// <summary>The CSV columns, in order (<see cref="EvidenceField.ColumnIndex"/>).</summary>
    public static readonly EvidenceField[] Columns = All.Where(f => f.Column != null).OrderBy(f => f.ColumnOrder).ToArray();

    /// <summary>The column names, in order.</summary>
    public static readonly string[] ColumnNames = Array.ConvertAll(Columns, f => f.Column!);

    /// <summary>Required members in the order the parser checks them (chain members first, see <see cref="EvidenceFieldForm"/>).</summary>
    public static readonly EvidenceField[] RequiredInCheckOrder = Stored.Where(f => f.Required).OrderBy(f => f.Form).ThenBy(f => f.Index).ToArray();

    /// <summary>Text members that <see cref="EvidenceLedger"/> copies from the draft or the context and cleans (secret guard).</summary>
    public static readonly EvidenceField[] Cleaned = Stored.Where(f => f.Form == EvidenceFieldForm.Text && f.Source != EvidenceFieldSource.Ledger).ToArray();

    static EvidenceFields()
    {
        for (int i = 0; i < Stored.Length; i++) Stored[i].Index = i;
        for (int i = 0; i < Columns.Length; i++)
        {
            // The table is the contract: a gap or a duplicate CSV position is a coding error, caught at first use.
            if (Columns[i].ColumnOrder != i) throw new InvalidOperationException($"Evidence CSV column positions must be 0..n-1 without gaps; '{Columns[i]}' has {Columns[i].ColumnOrder}, expected {i}.");
            Columns[i].ColumnIndex = i;
        }
        if (Stored[Stored.Length - 1] != Hash || Stored[0] != Version)
            throw new InvalidOperationException("Evidence members must start with 'v' and end with 'hash' (the line prefix and hash suffix rules).");
    }

    /// <summary>The stored member with this JSON name (ordinal), or -1.</summary>
    public static int IndexOf(ReadOnlySpan<byte> name)
    {
        int next = 0;
        return IndexOf(name, ref next);
    }

    /// <summary>
    /// Members are written in table order, so the one after the previous match is tried first (<paramref name="next"/>,
    /// start at 0): one comparison per member on canonical lines instead of a scan.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(HotPath.Optimize)] // once per member of every exported line
    public static int IndexOf(ReadOnlySpan<byte> name, ref int next)
    {
        var stored = Stored;
        if (next < stored.Length && name.SequenceEqual(stored[next].NameBytes)) return next++;
        for (int i = 0; i < stored.Length; i++)
            if (name.SequenceEqual(stored[i].NameBytes)) { next = i + 1; return i; }
        return -1;
    }

    static EvidenceField Number(string json, string? column, int order, EvidenceFieldForm form, Func<EvidenceRecord, long> get) =>
        new EvidenceField(json, column, order, true, form, EvidenceFieldSource.Ledger,
            r => get(r).ToString(CultureInfo.InvariantCulture), null, get, null);

    static EvidenceField Typed(string json, string column, int order, EvidenceFieldForm form, Func<EvidenceRecord, string?> get) =>
        new EvidenceField(json, column, order, true, form, EvidenceFieldSource.Ledger, get, null, null, null);

    static EvidenceField Vocabulary(string json, string column, int order, Func<EvidenceRecord, string?> get, Action<EvidenceRecord, string?> set) =>
        new EvidenceField(json, column, order, true, EvidenceFieldForm.Vocabulary, EvidenceFieldSource.Caller, get, set, null, null);

    static EvidenceField HashField(string json, string column, int order, Func<EvidenceRecord, string?> get, Action<EvidenceRecord, string?> set) =>
        new EvidenceField(json, column, order, true, EvidenceFieldForm.Hash, EvidenceFieldSource.Ledger, get, set, null, null);

    static EvidenceField Text(string json, string column, int order, Func<EvidenceRecord, string?> get, Action<EvidenceRecord, string?> set,
        EvidenceFieldSource source = EvidenceFieldSource.Caller, Func<EvidenceContext, string?>? fromContext = null) =>
        new EvidenceField(json, column, order, false, EvidenceFieldForm.Text, source, get, set, null, fromContext);
}
