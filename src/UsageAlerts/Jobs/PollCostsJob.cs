using UsageAlerts.Ingestion;

namespace UsageAlerts.Jobs;

/// <summary>Daily costs by project and line item (and API key where OpenAI allows it), then pricing of the days that changed.</summary>
internal sealed class PollCostsJob(PricedPoll poll, StreamCatalog catalog, CostBucketSource source) : IScheduledJob
{
    public Task<JobOutcome> RunAsync(CancellationToken cancellationToken) => poll.RunAsync([catalog.Costs], source, cancellationToken);
}
