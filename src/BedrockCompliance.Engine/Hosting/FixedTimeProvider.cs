namespace BedrockCompliance.Engine.Hosting;

/// <summary>
/// A clock that always reads one instant: evaluating "as of" a date (-AsOf) through the same <see cref="TimeProvider"/>
/// every engine type takes (the one clock).
/// </summary>
internal sealed class FixedTimeProvider : TimeProvider
{
    readonly DateTimeOffset _at;

    /// <param name="utc">The instant; a local time is converted, an unspecified one is read as UTC.</param>
    public FixedTimeProvider(DateTime utc) =>
        _at = new DateTimeOffset(utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public override DateTimeOffset GetUtcNow() => _at;
}
