using UsageAlerts.Ingestion;

namespace UsageAlerts.Jobs;

/// <summary>Projects (names for ids) and each active project's configured rate limits.</summary>
internal sealed class PollProjectsJob(CatalogIngestor ingestor) : IScheduledJob
{
    public Task<JobOutcome> RunAsync(CancellationToken cancellationToken) => ingestor.RunAsync(cancellationToken);
}
