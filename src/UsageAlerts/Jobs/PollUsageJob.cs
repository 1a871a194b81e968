using UsageAlerts.Ingestion;

namespace UsageAlerts.Jobs;

/// <summary>Daily history and hourly "today" buckets of every usage endpoint.</summary>
internal sealed class PollUsageJob(StreamPoller poller, StreamCatalog catalog, UsageBucketSource source) : IScheduledJob
{
    public Task<JobOutcome> RunAsync(CancellationToken cancellationToken) => poller.PollAsync(catalog.Usage, source, cancellationToken);
}
