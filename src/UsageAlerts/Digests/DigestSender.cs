using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using UsageAlerts.Alerts.Evaluation;
using UsageAlerts.Configuration;
using UsageAlerts.Notifications;
using UsageAlerts.OpenAi;
using UsageAlerts.Rules;
using UsageAlerts.Storage;

namespace UsageAlerts.Digests;

/// <summary>
/// Enqueues each digest whose schedule came due since it was last sent. A new digest waits for its first
/// occurrence instead of firing at deploy time. The occurrence is enqueued for every receiver first (under ids made
/// from the occurrence, so a repeat writes nothing new) and claimed after, with an ETag: a failure in between leaves
/// it unclaimed, and the next run enqueues it again rather than losing it.
/// </summary>
internal sealed class DigestSender(
    RulesProvider rules,
    DigestBuilder builder,
    OutboxStore outbox,
    TableStore tables,
    EvaluationContextFactory contexts,
    IOptions<OpenAiOptions> openAi,
    IOptions<DashboardOptions> dashboard,
    TimeProvider timeProvider)
{
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var document = rules.Current;
        var now = timeProvider.GetUtcNow();
        var table = await tables.GetAsync(TableName.Alerts, cancellationToken);
        var sent = 0;
        foreach (var digest in document.Digests)
        {
            var schedule = CronSchedule.Parse(digest.Schedule);
            var key = KeyEncoder.Segment(digest.Name);
            var found = await table.GetEntityIfExistsAsync<DigestStateEntity>(DigestStateEntity.Partition, key, cancellationToken: cancellationToken);
            if (!found.HasValue)
            {
                await table.UpsertEntityAsync(new DigestStateEntity { RowKey = key, LastOccurrence = now }, TableUpdateMode.Replace, cancellationToken);
                continue;
            }

            if (Latest(schedule, found.Value!.LastOccurrence, now) is not { } latest)
            {
                continue;
            }

            var context = await contexts.CreateAsync(cancellationToken);
            var link = dashboard.Value.PublicBaseUrl is { } b ? new Uri(b, "api/dashboard") : null;
            var message = await builder.BuildAsync(digest, document, context, openAi.Value.OrganizationName, link, cancellationToken);
            foreach (var receiver in EvaluationContext.Route(digest.Receivers, document.DefaultReceiver))
            {
                var id = OutboxContent.IdFor(receiver, [$"digest:{digest.Name}:{latest.ToUnixTimeSeconds()}"]);
                await outbox.EnqueueAsync(receiver, id, new OutboxContent(null, message, []), message.Title, now, cancellationToken);
                sent++;
            }

            await ReadDecideWrite.RunAsync<DigestStateEntity, DigestStateEntity>(
                async (attempt, ct) => attempt == 0 ? found.Value : (await table.GetEntityAsync<DigestStateEntity>(DigestStateEntity.Partition, key, cancellationToken: ct)).Value,
                state => state is not null && state.LastOccurrence < latest ? Claimed(state, latest) : null,
                async (state, ct) =>
                {
                    try
                    {
                        await table.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace, ct);
                        return true;
                    }
                    catch (RequestFailedException exception) when (exception.Status == 412)
                    {
                        return false;
                    }
                },
                cancellationToken);
        }

        return sent;
    }

    /// <summary>The latest occurrence due since the last one sent; a missed hour sends one digest, not a backlog.</summary>
    private static DateTimeOffset? Latest(CronSchedule schedule, DateTimeOffset last, DateTimeOffset now)
    {
        var due = schedule.Next(last);
        if (due > now)
        {
            return null;
        }

        var latest = due;
        for (var next = schedule.Next(due); next <= now; next = schedule.Next(next))
        {
            latest = next;
        }

        return latest;
    }

    private static DigestStateEntity Claimed(DigestStateEntity state, DateTimeOffset occurrence) =>
        new() { RowKey = state.RowKey, ETag = state.ETag, LastOccurrence = occurrence };
}
