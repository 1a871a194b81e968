using UsageAlerts.Notifications;

namespace UsageAlerts.Jobs;

/// <summary>Retries pending outbox messages whose time has come.</summary>
internal sealed class DeliverJob(OutboxDeliverer deliverer) : IScheduledJob
{
    public async Task<JobOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var delivery = await deliverer.DeliverAsync(cancellationToken);
        return new JobOutcome(delivery.Delivered, 0, 0, delivery.Rejected > 0 ? [$"{delivery.Rejected} message(s) refused by a webhook"] : []);
    }
}
