namespace UsageAlerts.Storage.Rollups;

/// <summary>
/// One stream's part of a read: the stream, its usage endpoint (null for costs), and the filter and metrics that
/// narrow its daily rows. Rollups always hold every group and metric; sinks apply the filter themselves.
/// </summary>
internal sealed record StreamRead(string Stream, string? Kind, SummaryFilter Filter, IReadOnlyList<string>? UsageMetrics)
{
    /// <summary>
    /// A derived stream's source: its days without a pack are read from this stream instead (per-key costs not
    /// priced yet read as billed).
    /// </summary>
    public string? FallbackStream { get; init; }

    /// <summary>The shape each pack is handed on in (whole, per-day totals, or summed to a few dimensions).</summary>
    public PackView View { get; init; } = PackView.Whole;

    /// <summary>
    /// The stream's first day ingestion may still rewrite (its watermark less the re-poll window); days before it may
    /// be served from a recent listing. Null when unknown: every day is then listed on each read.
    /// </summary>
    public DateOnly? SealedBefore { get; init; }

    /// <summary>
    /// Whether a listing remembered for <c>Storage:PackRevalidateSeconds</c> may answer this read. Summaries opt in;
    /// alert evaluation does not, because it must see the estimates pricing wrote a moment earlier in the same run.
    /// </summary>
    public bool ReusesListings { get; init; }

    /// <summary>
    /// Whether decoded packs go into the cache summaries and budgets share. A reader that reads each pack once
    /// (pricing, a day at a time through a backfill) would only push their packs out, and hold memory the size of
    /// the cache while it ran.
    /// </summary>
    public bool FillsCache { get; init; } = true;

    /// <summary>Counts what the read decoded; null when nobody asks.</summary>
    public ReadTally? Tally { get; init; }

    /// <summary>The same stream, whole: what a rollup is built from.</summary>
    public StreamRead Unfiltered => this with { Filter = SummaryFilter.None, UsageMetrics = null, View = PackView.Whole };
}
