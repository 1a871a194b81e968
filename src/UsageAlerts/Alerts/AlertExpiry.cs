using Microsoft.Extensions.Options;
using UsageAlerts.Jobs;
using UsageAlerts.Notifications;

namespace UsageAlerts.Alerts;

/// <summary>
/// Table Storage has no TTL, so the alert and outbox tables are swept: closed alert states after
/// <c>Alerts:ResolvedRetention</c>, and outbox rows done with (delivered, superseded, dead) after
/// <c>Alerts:MessageRetention</c>. Firing alerts and pending messages are never deleted.
/// </summary>
internal sealed class AlertExpiry(AlertStore alerts, OutboxStore outbox, IOptions<AlertingOptions> options, TimeProvider timeProvider)
{
    public async Task<JobOutcome> RunAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var states = await alerts.DeleteClosedBeforeAsync(now - options.Value.ResolvedRetention, cancellationToken);
        var messages = await outbox.DeleteFinishedBeforeAsync(now - options.Value.MessageRetention, cancellationToken);
        return new JobOutcome(states + messages, 0, 0, []);
    }
}
