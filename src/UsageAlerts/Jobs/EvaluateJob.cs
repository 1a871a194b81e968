using UsageAlerts.Alerts;
using UsageAlerts.Notifications;

namespace UsageAlerts.Jobs;

/// <summary>Evaluates every rule, then delivers what it enqueued right away (the Deliver job retries the rest).</summary>
internal sealed class EvaluateJob(AlertEngine engine, OutboxDeliverer deliverer) : IScheduledJob
{
    public async Task<JobOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var messages = await engine.EvaluateAsync(cancellationToken);
        var delivery = await deliverer.DeliverAsync(cancellationToken);
        return new JobOutcome(messages, 0, 0, delivery.Rejected > 0 ? [$"{delivery.Rejected} message(s) refused by a webhook"] : []);
    }
}
