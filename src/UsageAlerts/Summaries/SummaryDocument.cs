namespace UsageAlerts.Summaries;

/// <summary>
/// The JSON body of <c>/api/summary</c>. Numbers are raw: USD as exact decimals (unrounded), counts as integers.
/// </summary>
internal sealed record SummaryDocument(
    string From,
    string To,
    IReadOnlyList<string> GroupBy,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filters,
    DateTimeOffset GeneratedAt,
    string ProvisionalFrom,
    IReadOnlyList<string> Notes,
    SummaryRow Total,
    IReadOnlyList<SummaryRow> Groups,
    long RowsRead,
    int RollupMonths);

/// <summary>
/// One group (or the total, without <see cref="Key"/>). Cost is null when no cost row fell in the group: unknown, not
/// zero. <see cref="Metrics"/> holds the fixed CSV columns; <see cref="Usage"/> every stored metric per endpoint.
/// </summary>
internal sealed record SummaryRow(
    IReadOnlyDictionary<string, string?>? Key,
    string? ProjectName,
    decimal? CostUsd,
    decimal? CostProvisionalUsd,
    string CostStatus,
    IReadOnlyDictionary<string, long> Metrics,
    IReadOnlyDictionary<string, SortedDictionary<string, long>> Usage)
{
    /// <summary>The part of the cost estimated from usage and learned rates (per-key costs OpenAI did not bill per key).</summary>
    public decimal? CostEstimatedUsd { get; init; }
}
