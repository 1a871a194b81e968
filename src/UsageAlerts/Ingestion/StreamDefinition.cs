using UsageAlerts.OpenAi;

namespace UsageAlerts.Ingestion;

/// <summary>
/// One polled series: an endpoint at one bucket width and grouping. <see cref="Kind"/> is null for costs.
/// </summary>
/// <param name="Backfill">How far back the first run reads.</param>
/// <param name="Repoll">How much before the watermark every run reads again.</param>
/// <param name="ResumeBeyondBackfill">Whether a watermark older than the backfill window is resumed from (no gap), or the window wins.</param>
internal sealed record StreamDefinition(
    string Name,
    StreamSource Source,
    UsageKind? Kind,
    BucketWidth Width,
    IReadOnlyList<string> GroupBy,
    TimeSpan Backfill,
    TimeSpan Repoll,
    bool ResumeBeyondBackfill)
{
    /// <summary>Groupings the stream can do without when OpenAI refuses them (a costs 400 naming <c>group_by</c>).</summary>
    public IReadOnlyList<string> OptionalGroupBy { get; init; } = [];

    /// <summary>Partition key prefix of this stream's rows (also the stream's identity in storage).</summary>
    public string KeyPrefix => Name;
}
