using UsageAlerts.Storage.Rollups;
using UsageAlerts.Storage;

namespace UsageAlerts.Summaries;

/// <summary>
/// What one request reads: daily usage over <see cref="Usage"/>, daily costs over <see cref="Costs"/> (null to skip
/// either), narrowed by <see cref="Filter"/>.
/// </summary>
internal sealed record ReadPlan(SummaryRange? Usage, SummaryRange? Costs, SummaryFilter Filter)
{
    /// <summary>
    /// Usage metrics to fetch; null fetches whole rows, so metrics OpenAI adds later reach the JSON summary without
    /// a code change (rows are a handful of columns, so the extra bytes are few).
    /// </summary>
    public IReadOnlyList<string>? UsageMetrics { get; init; }

    /// <summary>
    /// Whether whole sealed months may be read from monthly rollups: only when nothing finer than a month is asked
    /// for, since a rollup row is dated the first of its month.
    /// </summary>
    public bool MonthlyRollups { get; init; }

    /// <summary>The shape packs are handed on in: per-day totals when the request groups and filters by time only.</summary>
    public PackView View { get; init; } = PackView.Whole;

    /// <summary>Usage endpoints to read; null reads every enabled one.</summary>
    public IReadOnlySet<string>? UsageKinds { get; init; }

    /// <summary>
    /// The cost stream to read: billed costs, or per-key costs when the request groups or filters by API key (billed
    /// per key where OpenAI allowed it, otherwise estimated from usage).
    /// </summary>
    public string CostStream { get; init; } = Ingestion.StreamCatalog.CostsStreamName;

    /// <summary>The per-key stream for requests that split or filter by API key, billed costs for all others.</summary>
    public static string CostStreamFor(SummaryFilter filter, IEnumerable<Dimension> groupBy) =>
        groupBy.Contains(Dimension.ApiKey) || filter.For(Dimension.ApiKey) is not null ? Pricing.CostEstimator.PerKeyStream : Ingestion.StreamCatalog.CostsStreamName;
}
