using System.Text.Json;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>One row of <see cref="EvidenceFields"/>: a member of an evidence record and its rules.</summary>
internal sealed class EvidenceField
{
    internal EvidenceField(string? jsonName, string? column, int columnOrder, bool required, EvidenceFieldForm form,
        EvidenceFieldSource source, Func<EvidenceRecord, string?> get, Action<EvidenceRecord, string?>? set,
        Func<EvidenceRecord, long>? getNumber, Func<EvidenceContext, string?>? fromContext)
    {
        JsonName = jsonName;
        Column = column;
        ColumnOrder = columnOrder;
        Required = required;
        Form = form;
        Source = source;
        Get = get;
        Set = set;
        GetNumber = getNumber;
        FromContext = fromContext;
        if (jsonName != null)
        {
            JsonText = JsonEncodedText.Encode(jsonName);
            NameBytes = Encoding.ASCII.GetBytes(jsonName);
        }
    }

    /// <summary>The JSON member name; null when the field is not stored in the line.</summary>
    public string? JsonName { get; }
    /// <summary>The CSV column name; null when the field is not exported.</summary>
    public string? Column { get; }
    /// <summary>Position of the CSV column (0-based; the contract: new columns take the next number).</summary>
    public int ColumnOrder { get; }
    /// <summary>A line without this member (or with it empty) is Malformed.</summary>
    public bool Required { get; }
    public EvidenceFieldForm Form { get; }
    public EvidenceFieldSource Source { get; }
    /// <summary>The value in its canonical text form (null when absent): what the JSON string and the CSV cell hold.</summary>
    public Func<EvidenceRecord, string?> Get { get; }
    /// <summary>Sets the value from its text; null for the typed members (version, sequence, id, timestamp) the parser sets itself.</summary>
    public Action<EvidenceRecord, string?>? Set { get; }
    /// <summary>The value of a JSON integer member (<see cref="EvidenceFieldForm.Version"/>, <see cref="EvidenceFieldForm.Sequence"/>).</summary>
    public Func<EvidenceRecord, long>? GetNumber { get; }
    /// <summary>The run's value (<see cref="EvidenceFieldSource.CallerThenContext"/>, <see cref="EvidenceFieldSource.Context"/>).</summary>
    public Func<EvidenceContext, string?>? FromContext { get; }

    /// <summary>Position among the stored members, in JSON order; -1 when not stored.</summary>
    public int Index { get; internal set; } = -1;
    /// <summary>Position among the CSV columns; -1 when not exported.</summary>
    public int ColumnIndex { get; internal set; } = -1;
    internal JsonEncodedText JsonText { get; }
    internal byte[]? NameBytes { get; }

    public bool IsStored => JsonName != null;
    public bool IsNumber => Form == EvidenceFieldForm.Version || Form == EvidenceFieldForm.Sequence;

    public override string ToString() => JsonName ?? Column ?? "?";
}
