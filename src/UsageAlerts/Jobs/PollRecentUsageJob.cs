using UsageAlerts.Ingestion;

namespace UsageAlerts.Jobs;

/// <summary>One-minute buckets of the recent window, for rate-limit headroom.</summary>
internal sealed class PollRecentUsageJob(StreamPoller poller, StreamCatalog catalog, UsageBucketSource source) : IScheduledJob
{
    public Task<JobOutcome> RunAsync(CancellationToken cancellationToken) => poller.PollAsync(catalog.RecentUsage, source, cancellationToken);
}
