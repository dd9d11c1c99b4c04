namespace BedrockCompliance.Engine.Evidence;

/// <summary>What a row of an <see cref="ExportBatch"/> holds once parsed.</summary>
internal enum ExportRowKind : byte
{
    /// <summary>Copied, not parsed yet.</summary>
    Pending,
    /// <summary>Fast path: values are UTF-8 slices of the batch (or strings where the JSON was escaped).</summary>
    Spans,
    /// <summary>Slow path: the parser's record, as the row's strings.</summary>
    Strings,
    /// <summary>Not a record: the problem and the raw bytes.</summary>
    Invalid,
    /// <summary>A record the query does not match.</summary>
    Skipped,
}
