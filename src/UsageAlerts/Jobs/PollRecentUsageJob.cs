using UsageAlerts.Ingestion;

namespace UsageAlerts.Jobs;

/// <summary>
/// One-minute buckets of the recent window, for rate-limit headroom, then today's estimate again with them: spend
/// from usage is then as recent as this poll, not the last daily one.
/// </summary>
internal sealed class PollRecentUsageJob(PricedPoll poll, StreamCatalog catalog, UsageBucketSource source) : IScheduledJob
{
    public Task<JobOutcome> RunAsync(CancellationToken cancellationToken) => poll.RunAsync(catalog.RecentUsage, source, cancellationToken, priceToday: true);
}
