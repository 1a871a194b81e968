using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace UsageAlerts.Notifications;

/// <summary>
/// Sends pending outbox rows, oldest first, one receiver at a time and at most one message per interval per webhook.
/// The due notices of a receiver go out together as one message (up to <see cref="MaxNoticesPerMessage"/>), and
/// only the notices the rendered message shows are marked delivered: the rest go in the next message. Rows are
/// leased before they are sent (so two runs never send one twice), re-checked against alert state (news of an
/// alert that resolved, or fired again since, is not sent late), and marked delivered only after the webhook
/// accepted them. A digest is a message of its own.
/// </summary>
internal sealed class OutboxDeliverer(
    ReceiverDirectory receivers,
    ReceiverStore receiverStates,
    OutboxStore outbox,
    IAlertLedger alerts,
    WebhookClient webhooks,
    WebhookPacer pacer,
    IEnumerable<IChatRenderer> renderers,
    IOptions<NotificationOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxDeliverer> logger)
{
    /// <summary>A message stays readable; more notices wait for the next message.</summary>
    public const int MaxNoticesPerMessage = 25;

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
        var waiting = await outbox.PendingAsync(receiver.Name, cancellationToken);
        while (true)
        {
            var now = timeProvider.GetUtcNow();
            var due = waiting.Where(m => m.NextAttemptAt <= now && !(m.LeaseUntil > now)).ToList();
            if (due.Count == 0)
            {
                return;
            }

            var batch = Batch(due);
            waiting.RemoveAll(batch.Contains);
            var parts = new List<(OutboxEntity Row, OutboxContent Content)>();
            foreach (var row in batch)
            {
                row.LeaseUntil = now + Lease;
                if (await outbox.TrySaveAsync(row, cancellationToken))
                {
                    parts.Add((row, OutboxContent.Deserialize(row.Content)));
                }
            }

            var fresh = await FreshAsync(parts, cancellationToken);
            if (fresh.Count == 0)
            {
                continue;
            }

            var (body, shown) = Render(renderer, fresh);
            var (stop, unsent) = await SendAsync(receiver, state, fresh, shown, body, summary, cancellationToken);
            waiting.InsertRange(0, unsent);
            if (stop)
            {
                return;
            }
        }
    }

    /// <summary>The oldest due row: a digest alone, or notices from it on, up to a message's worth.</summary>
    private static List<OutboxEntity> Batch(List<OutboxEntity> due)
    {
        if (due[0].AlertId is null)
        {
            return [due[0]];
        }

        return [.. due.Where(m => m.AlertId is not null).Take(MaxNoticesPerMessage)];
    }

    /// <summary>
    /// Renders the rows as one message and keeps the rows whose notices it shows whole; when the channel cuts some,
    /// the message is rendered again with only those, so it shows everything it carries.
    /// </summary>
    private (string Body, List<(OutboxEntity Row, OutboxContent Content)> Shown) Render(IChatRenderer renderer, List<(OutboxEntity Row, OutboxContent Content)> parts)
    {
        if (parts[0].Content.Digest is { } digest)
        {
            return (renderer.Render(digest), parts);
        }

        var ordered = Ordered(parts);
        var rendered = renderer.Render(Message(parts, ordered));
        if (rendered.Shown == ordered.Count)
        {
            return (rendered.Body, parts);
        }

        var cut = ordered.Skip(rendered.Shown).Select(n => n.Part.Row).ToHashSet();
        var shown = parts.Where(p => !cut.Contains(p.Row)).ToList();
        shown = shown.Count > 0 ? shown : [parts[0]];
        return (renderer.Render(Message(shown, Ordered(shown))).Body, shown);
    }

    private static List<(AlertNotice Notice, (OutboxEntity Row, OutboxContent Content) Part)> Ordered(List<(OutboxEntity Row, OutboxContent Content)> parts) =>
        [.. parts.SelectMany(p => p.Content.Alerts!.Notices.Select(n => (Notice: n, Part: p)))
            .OrderByDescending(n => n.Notice.Severity).ThenBy(n => n.Notice.AlertId, StringComparer.Ordinal)];

    private ChatMessage Message(List<(OutboxEntity Row, OutboxContent Content)> parts, List<(AlertNotice Notice, (OutboxEntity Row, OutboxContent Content) Part)> ordered)
    {
        var first = parts[0].Content.Alerts!;
        return new ChatMessage(first.Organization, timeProvider.GetUtcNow(), [.. ordered.Select(n => n.Notice)], first.DashboardLink);
    }

    /// <returns>Whether to stop trying this receiver in this run, and the rows leased but not sent (for the next message).</returns>
    private async Task<(bool Stop, List<OutboxEntity> Unsent)> SendAsync(
        ResolvedReceiver receiver, ReceiverStateEntity state, List<(OutboxEntity Row, OutboxContent Content)> parts,
        List<(OutboxEntity Row, OutboxContent Content)> shown, string body, DeliverySummary summary, CancellationToken cancellationToken)
    {
        var unsent = parts.Except(shown).Select(p => p.Row).ToList();
        foreach (var row in unsent)
        {
            row.LeaseUntil = null;
            await outbox.TrySaveAsync(row, cancellationToken);
        }

        var rows = shown.Select(p => p.Row).ToList();
        for (var attempt = 1; ; attempt++)
        {
            var response = await pacer.RunAsync(receiver.Name, options.Value.MinInterval, () => webhooks.PostAsync(receiver.Url!, body, cancellationToken), cancellationToken);
            var (result, reason) = DeliveryOutcome.Classify(receiver.Kind, response);
            var now = timeProvider.GetUtcNow();
            state.LastAttemptAt = now;
            if (result == DeliveryResult.RetryLater && attempt < options.Value.MaxAttemptsPerRun && (response.RetryAfter ?? TimeSpan.Zero) <= options.Value.MaxRetryAfter)
            {
                await Task.Delay(response.RetryAfter ?? TimeSpan.FromSeconds(attempt * 2), timeProvider, cancellationToken);
                continue;
            }

            foreach (var row in rows)
            {
                row.Attempts += attempt;
                row.LeaseUntil = null;
                row.LastError = result == DeliveryResult.Delivered ? null : reason;
                switch (result)
                {
                    case DeliveryResult.Delivered:
                        row.State = OutboxStatus.Delivered;
                        row.DeliveredAt = now;
                        break;
                    case DeliveryResult.RetryLater:
                        row.NextAttemptAt = now + (response.RetryAfter ?? Backoff(row.Attempts));
                        break;
                    case DeliveryResult.Rejected:
                        row.State = OutboxStatus.Dead;
                        break;
                }

                await outbox.TrySaveAsync(row, cancellationToken);
            }

            var id = rows[0].RowKey;
            switch (result)
            {
                case DeliveryResult.Delivered:
                    foreach (var (_, content) in shown)
                    {
                        await RecordDeliveryAsync(receiver.Name, content, cancellationToken);
                    }

                    state.LastDeliveredAt = now;
                    summary.Delivered++;
                    NotificationsLog.Delivered(logger, id, receiver.Name);
                    return (false, unsent);
                case DeliveryResult.RetryLater:
                    summary.Pending++;
                    NotificationsLog.RetryLater(logger, id, receiver.Name, reason);
                    return (true, unsent);
                case DeliveryResult.ReceiverBroken:
                    await MarkBrokenAsync(state, receiver, reason, cancellationToken);
                    summary.Pending++;
                    return (true, unsent);
                default:
                    state.LastRejectedAt = now;
                    state.LastRejectedReason = reason;
                    summary.Rejected++;
                    NotificationsLog.Rejected(logger, id, receiver.Name, reason);
                    return (false, unsent);
            }
        }
    }

    /// <summary>
    /// Drops firing news about alerts no longer firing in the episode it announced (resolved, or resolved and fired
    /// again since); such rows are marked superseded. Resolves, reports and digests are always news.
    /// </summary>
    private async Task<List<(OutboxEntity Row, OutboxContent Content)>> FreshAsync(List<(OutboxEntity Row, OutboxContent Content)> parts, CancellationToken cancellationToken)
    {
        var fresh = new List<(OutboxEntity Row, OutboxContent Content)>();
        foreach (var part in parts)
        {
            var stale = false;
            foreach (var reference in part.Content.Refs.Where(r => r.TracksAlert))
            {
                stale |= !await alerts.IsFiringAsync(reference.AlertId, reference.Episode, cancellationToken);
            }

            if (!stale)
            {
                fresh.Add(part);
                continue;
            }

            part.Row.State = OutboxStatus.Superseded;
            part.Row.LeaseUntil = null;
            await outbox.TrySaveAsync(part.Row, cancellationToken);
        }

        return fresh;
    }

    private async Task RecordDeliveryAsync(string receiver, OutboxContent content, CancellationToken cancellationToken)
    {
        foreach (var reference in content.Refs.Where(r => r.TracksAlert))
        {
            await alerts.RecordDeliveryAsync(reference.AlertId, reference.Episode, receiver, cancellationToken);
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

/// <summary>Counts of one delivery run (messages, not rows).</summary>
internal sealed class DeliverySummary
{
    public int Delivered { get; set; }

    public int Pending { get; set; }

    public int Rejected { get; set; }
}
