using UsageAlerts.Ingestion;

namespace UsageAlerts.Jobs;

/// <summary>Deletes one-minute and hourly rows past their retention.</summary>
internal sealed class CleanupJob(RowExpiry expiry) : IScheduledJob
{
    public Task<JobOutcome> RunAsync(CancellationToken cancellationToken) => expiry.RunAsync(cancellationToken);
}
