using UsageAlerts.Alerts;
using UsageAlerts.Ingestion;

namespace UsageAlerts.Jobs;

/// <summary>Deletes one-minute and hourly rows past their retention, and closed alerts and finished messages past theirs.</summary>
internal sealed class CleanupJob(RowExpiry expiry, AlertExpiry alerts) : IScheduledJob
{
    public async Task<JobOutcome> RunAsync(CancellationToken cancellationToken) =>
        JobOutcome.Combine([await expiry.RunAsync(cancellationToken), await alerts.RunAsync(cancellationToken)]);
}
