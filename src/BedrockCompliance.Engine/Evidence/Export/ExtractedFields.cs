using System.Runtime.CompilerServices;

namespace BedrockCompliance.Engine.Evidence;

/// <summary>Where each stored member's value is in the line (or its unescaped string), by <see cref="EvidenceField.Index"/>.</summary>
internal sealed class ExtractedFields
{
    public readonly int[] Start = new int[EvidenceFields.Stored.Length];
    /// <summary>-1 when the member is absent.</summary>
    public readonly int[] Length = new int[EvidenceFields.Stored.Length];
    /// <summary>Set instead of the span when the JSON string had escapes.</summary>
    public readonly string?[] Strings = new string?[EvidenceFields.Stored.Length];

    [MethodImpl(HotPath.Optimize)]
    public void Reset()
    {
        for (int i = 0; i < Length.Length; i++) { Length[i] = -1; Strings[i] = null; }
    }

    public string? Text(byte[] buf, EvidenceField f)
    {
        int i = f.Index;
        if (Strings[i] != null) return Strings[i];
        return Length[i] < 0 ? null : Encoding.UTF8.GetString(buf, Start[i], Length[i]);
    }

    /// <summary>The members <see cref="EvidenceQuery"/> filters on.</summary>
    public EvidenceRecord ToFilterRecord(byte[] buf)
    {
        var r = new EvidenceRecord
        {
            Action = Text(buf, EvidenceFields.Action) ?? "",
            AccountId = Text(buf, EvidenceFields.AccountId),
            ModelId = Text(buf, EvidenceFields.ModelId),
            CorrelationId = Text(buf, EvidenceFields.CorrelationId),
        };
        EvidenceLineParser.TryParseTimestamp(Text(buf, EvidenceFields.Timestamp) ?? "", out DateTime ts);
        r.Timestamp = ts;
        return r;
    }
}
