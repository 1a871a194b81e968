using UsageAlerts.Ingestion;

namespace UsageAlerts.Jobs;

/// <summary>
/// Projects (names for ids), each active project's configured rate limits, then OpenAI's spend controls of the
/// organization and each active project, read from the projects just stored.
/// </summary>
internal sealed class PollProjectsJob(CatalogIngestor catalog, SpendControlIngestor spendControls) : IScheduledJob
{
    public async Task<JobOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var projects = await catalog.RunAsync(cancellationToken);
        var spend = await spendControls.RunAsync(cancellationToken);
        return JobOutcome.Combine([projects, spend]);
    }
}
