namespace BedrockCompliance.Engine.Evidence;

/// <summary>
/// Lines copied from the ledger (<see cref="LineStart"/>, <see cref="LineLength"/> in <see cref="Data"/>), then,
/// once parsed, each row's values as UTF-8 slices of <see cref="Data"/> (or strings when unusual). Struct-of-arrays
/// and reused, so the export allocates almost nothing per line.
/// </summary>
internal sealed class ExportBatch
{
    public const int MaxRows = 2048;
    /// <summary>Value slots per row: one per stored member (<see cref="EvidenceField.Index"/>).</summary>
    public static readonly int Members = EvidenceFields.Stored.Length;
    public readonly byte[] Data = new byte[1 << 20];
    public int DataLength;
    public int Count;
    public long LinesRead;
    /// <summary>Ledger bytes consumed when the batch was handed on (progress).</summary>
    public long Position;
    public readonly ExportRowKind[] Kind = new ExportRowKind[MaxRows];
    public readonly long[] Line = new long[MaxRows];
    public readonly int[] LineStart = new int[MaxRows];
    public readonly int[] LineLength = new int[MaxRows];
    public readonly int[] Start = new int[MaxRows * Members];
    public readonly int[] Length = new int[MaxRows * Members];
    public readonly object?[] Extra = new object?[MaxRows];
    public readonly ManualResetEventSlim Parsed = new ManualResetEventSlim(false, spinCount: 0);
    public Exception? Error;

    public void Reset()
    {
        Array.Clear(Extra, 0, Count);
        Count = 0;
        DataLength = 0;
        LinesRead = 0;
        Position = 0;
        Error = null;
        Parsed.Reset();
    }
}
