using UsageAlerts.Ingestion;

namespace UsageAlerts.Jobs;

/// <summary>
/// Projects (names for ids), each active project's configured rate limits, then OpenAI's spend controls of the
/// organization and each active project, read from the projects just stored. Both streams' states are written at
/// the end, in one batch.
/// </summary>
internal sealed class PollProjectsJob(CatalogIngestor catalog, SpendControlIngestor spendControls, StreamStateStore states) : IScheduledJob
{
    public async Task<JobOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var known = (await states.GetAllAsync(cancellationToken)).ToDictionary(s => s.RowKey, StringComparer.Ordinal);
        var projects = await catalog.RunAsync(cancellationToken);
        var spend = await spendControls.RunAsync(cancellationToken);
        await states.CommitAllAsync(
            [
                (CatalogIngestor.StreamName, known.GetValueOrDefault(CatalogIngestor.StreamName), projects.State),
                (SpendControlIngestor.StreamName, known.GetValueOrDefault(SpendControlIngestor.StreamName), spend.State),
            ],
            cancellationToken);
        return JobOutcome.Combine([projects.Outcome, spend.Outcome]);
    }
}
