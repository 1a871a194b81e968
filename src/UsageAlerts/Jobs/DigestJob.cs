using UsageAlerts.Digests;
using UsageAlerts.Notifications;

namespace UsageAlerts.Jobs;

/// <summary>Sends the digests that came due, then delivers them.</summary>
internal sealed class DigestJob(DigestSender sender, OutboxDeliverer deliverer) : IScheduledJob
{
    public async Task<JobOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var enqueued = await sender.SendDueAsync(cancellationToken);
        await deliverer.DeliverAsync(cancellationToken);
        return new JobOutcome(enqueued, 0, 0, []);
    }
}
