using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UsageAlerts.Alerts;

namespace UsageAlerts.Notifications;

/// <summary>
/// Sends pending outbox messages, oldest first, one receiver at a time and at most one per interval per webhook.
/// A message is leased before it is sent (so two runs never send it twice), re-checked against alert state (a
/// firing that has since resolved is not sent late), and marked delivered only after the webhook accepted it.
/// </summary>
internal sealed class OutboxDeliverer(
    ReceiverDirectory receivers,
    ReceiverStore receiverStates,
    OutboxStore outbox,
    AlertStore alerts,
    WebhookClient webhooks,
    WebhookPacer pacer,
    IEnumerable<IChatRenderer> renderers,
    IOptions<NotificationOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxDeliverer> logger)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    public async Task<DeliverySummary> DeliverAsync(CancellationToken cancellationToken)
    {
        var summary = new DeliverySummary();
        foreach (var receiver in await receivers.ResolveAllAsync(cancellationToken))
        {
            var state = await receiverStates.GetAsync(receiver.Name, cancellationToken);
            if (receiver.Problem is { } problem)
            {
                await MarkBrokenAsync(state, receiver, problem, cancellationToken);
                continue;
            }

            if (state.Broken && state.UrlFingerprint == receiver.Fingerprint)
            {
                continue;
            }

            state.Broken = false;
            state.Reason = null;
            state.UrlFingerprint = receiver.Fingerprint;
            await DeliverToAsync(receiver, state, summary, cancellationToken);
            await receiverStates.SaveAsync(state, cancellationToken);
        }

        return summary;
    }

    private async Task DeliverToAsync(ResolvedReceiver receiver, ReceiverStateEntity state, DeliverySummary summary, CancellationToken cancellationToken)
    {
        var renderer = renderers.Single(r => r.Kind == receiver.Kind);
        foreach (var message in await outbox.PendingAsync(receiver.Name, cancellationToken))
        {
            var now = timeProvider.GetUtcNow();
            if (message.NextAttemptAt > now || message.LeaseUntil > now)
            {
                continue;
            }

            message.LeaseUntil = now + Lease;
            if (!await outbox.TrySaveAsync(message, cancellationToken))
            {
                continue;
            }

            var content = await StillNewsAsync(OutboxContent.Deserialize(message.Content), cancellationToken);
            if (content is null)
            {
                message.Status = OutboxEntity.Superseded;
                message.LeaseUntil = null;
                await outbox.TrySaveAsync(message, cancellationToken);
                continue;
            }

            var body = content.Alerts is { } alertsMessage ? renderer.Render(alertsMessage) : renderer.Render(content.Digest!);
            var stop = await SendAsync(receiver, state, message, content, body, summary, cancellationToken);
            if (stop)
            {
                return;
            }
        }
    }

    /// <returns>True when this receiver should not be tried further in this run.</returns>
    private async Task<bool> SendAsync(ResolvedReceiver receiver, ReceiverStateEntity state, OutboxEntity message, OutboxContent content, string body, DeliverySummary summary, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var response = await pacer.RunAsync(receiver.Name, options.Value.MinInterval, () => webhooks.PostAsync(receiver.Url!, body, cancellationToken), cancellationToken);
            var (result, reason) = DeliveryOutcome.Classify(receiver.Kind, response);
            var now = timeProvider.GetUtcNow();
            state.LastAttemptAt = now;
            message.Attempts++;
            message.LeaseUntil = null;
            switch (result)
            {
                case DeliveryResult.Delivered:
                    message.Status = OutboxEntity.Delivered;
                    message.DeliveredAt = now;
                    message.LastError = null;
                    await outbox.TrySaveAsync(message, cancellationToken);
                    await RecordDeliveryAsync(receiver.Name, content, cancellationToken);
                    state.LastDeliveredAt = now;
                    summary.Delivered++;
                    NotificationsLog.Delivered(logger, message.RowKey, receiver.Name);
                    return false;
                case DeliveryResult.RetryLater when attempt < options.Value.MaxAttemptsPerRun && (response.RetryAfter ?? TimeSpan.Zero) <= options.Value.MaxRetryAfter:
                    await Task.Delay(response.RetryAfter ?? TimeSpan.FromSeconds(attempt * 2), timeProvider, cancellationToken);
                    continue;
                case DeliveryResult.RetryLater:
                    message.LastError = reason;
                    message.NextAttemptAt = now + (response.RetryAfter ?? Backoff(message.Attempts));
                    await outbox.TrySaveAsync(message, cancellationToken);
                    summary.Pending++;
                    NotificationsLog.RetryLater(logger, message.RowKey, receiver.Name, reason);
                    return true;
                case DeliveryResult.ReceiverBroken:
                    message.LastError = reason;
                    await outbox.TrySaveAsync(message, cancellationToken);
                    await MarkBrokenAsync(state, receiver, reason, cancellationToken);
                    summary.Pending++;
                    return true;
                default:
                    message.Status = OutboxEntity.Dead;
                    message.LastError = reason;
                    await outbox.TrySaveAsync(message, cancellationToken);
                    summary.Rejected++;
                    NotificationsLog.Rejected(logger, message.RowKey, receiver.Name, reason);
                    return false;
            }
        }
    }

    /// <summary>Drops firing news about alerts that are no longer firing; null when nothing is left to say.</summary>
    private async Task<OutboxContent?> StillNewsAsync(OutboxContent content, CancellationToken cancellationToken)
    {
        if (content.Alerts is not { } message)
        {
            return content;
        }

        var stale = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in content.Refs.Where(r => r.Type != NoticeType.Resolved))
        {
            if ((await alerts.GetAsync(reference.AlertId, cancellationToken))?.Status != AlertStateEntity.Firing)
            {
                stale.Add(reference.AlertId);
            }
        }

        if (stale.Count == 0)
        {
            return content;
        }

        var notices = message.Notices.Where(n => n.Type == NoticeType.Resolved || !stale.Contains(n.AlertId)).ToList();
        return notices.Count == 0 ? null : content with { Alerts = message with { Notices = notices }, Refs = [.. content.Refs.Where(r => r.Type == NoticeType.Resolved || !stale.Contains(r.AlertId))] };
    }

    private async Task RecordDeliveryAsync(string receiver, OutboxContent content, CancellationToken cancellationToken)
    {
        foreach (var reference in content.Refs.Where(r => r.Type != NoticeType.Resolved))
        {
            await alerts.UpdateAsync(reference.AlertId, state =>
            {
                if (!state.DeliveredReceivers.Contains(receiver))
                {
                    state.DeliveredTo = string.Join(';', state.DeliveredReceivers.Append(receiver));
                }
            }, cancellationToken);
        }
    }

    private async Task MarkBrokenAsync(ReceiverStateEntity state, ResolvedReceiver receiver, string reason, CancellationToken cancellationToken)
    {
        if (!state.Broken || state.Reason != reason)
        {
            NotificationsLog.ReceiverBroken(logger, receiver.Name, reason);
        }

        state.Broken = true;
        state.Reason = reason;
        state.UrlFingerprint = receiver.Fingerprint;
        await receiverStates.SaveAsync(state, cancellationToken);
    }

    private static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Min(attempts, 10))));
}

/// <summary>Counts of one delivery run.</summary>
internal sealed class DeliverySummary
{
    public int Delivered { get; set; }

    public int Pending { get; set; }

    public int Rejected { get; set; }
}
