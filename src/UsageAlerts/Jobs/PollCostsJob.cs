using UsageAlerts.Ingestion;

namespace UsageAlerts.Jobs;

/// <summary>Daily costs by project, line item and API key.</summary>
internal sealed class PollCostsJob(StreamPoller poller, StreamCatalog catalog, CostBucketSource source) : IScheduledJob
{
    public Task<JobOutcome> RunAsync(CancellationToken cancellationToken) => poller.PollAsync([catalog.Costs], source, cancellationToken);
}
