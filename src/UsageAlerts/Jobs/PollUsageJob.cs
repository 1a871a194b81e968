using UsageAlerts.Ingestion;

namespace UsageAlerts.Jobs;

/// <summary>Daily history and hourly "today" buckets of every usage endpoint, then pricing of the days that changed.</summary>
internal sealed class PollUsageJob(PricedPoll poll, StreamCatalog catalog, UsageBucketSource source) : IScheduledJob
{
    public Task<JobOutcome> RunAsync(CancellationToken cancellationToken) => poll.RunAsync(catalog.Usage, source, cancellationToken);
}
