namespace BedrockCompliance.Engine.Evidence;

/// <summary>Filters for reading and exporting; null members do not filter. Predicates come from the caller (the cmdlets use PowerShell wildcards).</summary>
internal sealed class EvidenceQuery
{
    /// <summary>Inclusive lower bound (UTC).</summary>
    public DateTime? Since { get; set; }
    /// <summary>Inclusive upper bound (UTC).</summary>
    public DateTime? Until { get; set; }
    public Func<string?, bool>? AccountId { get; set; }
    public Func<string?, bool>? ModelId { get; set; }
    public Func<string?, bool>? Action { get; set; }
    public Func<string?, bool>? CorrelationId { get; set; }

    public bool IsEmpty => Since == null && Until == null && AccountId == null && ModelId == null && Action == null && CorrelationId == null;

    public bool Matches(EvidenceRecord r) =>
        (Since == null || r.Timestamp >= Since.Value.ToUniversalTime())
        && (Until == null || r.Timestamp <= Until.Value.ToUniversalTime())
        && (AccountId == null || AccountId(r.AccountId))
        && (ModelId == null || ModelId(r.ModelId))
        && (Action == null || Action(r.Action))
        && (CorrelationId == null || CorrelationId(r.CorrelationId));
}
