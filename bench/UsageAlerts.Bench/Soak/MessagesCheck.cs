using System.Globalization;
using Azure.Data.Tables;
using UsageAlerts.Alerts;
using UsageAlerts.Digests;
using UsageAlerts.Notifications;
using UsageAlerts.Simulator;
using UsageAlerts.Storage;

namespace UsageAlerts.Bench.Soak;

/// <summary>
/// What arrived at the webhook sinks against what the truth implies and what the outbox recorded: each implied
/// alert announced exactly once per receiver (extra and missing both fail), every outbox row delivered, every
/// delivered row received once, and every digest enqueued for both receivers.
/// </summary>
internal static class MessagesCheck
{
    private static readonly string[] Receivers = [SoakRules.Teams, SoakRules.Slack];

    public static async Task RunAsync(SimulatorServer simulator, TableStore tables, AlertStore alerts, List<ExpectedAlert> expected, SoakLedger ledger)
    {
        var outbox = new List<OutboxEntity>();
        await foreach (var row in (await tables.GetAsync(TableName.Outbox)).QueryAsync<OutboxEntity>())
        {
            outbox.Add(row);
        }

        var messages = simulator.Sink.Messages;
        foreach (var receiver in Receivers)
        {
            var received = messages.Where(m => m.Name == receiver).ToList();
            var rows = outbox.Where(r => r.Receiver == receiver).ToList();
            int Count(string status) => rows.Count(r => r.Status == status);
            ledger.Receivers[receiver] = (received.Count(m => !SinkNotices.IsDigest(m)), received.Count(SinkNotices.IsDigest),
                Count(OutboxEntity.Delivered), Count(OutboxEntity.Pending), Count(OutboxEntity.Dead), Count(OutboxEntity.Superseded));
            if (received.Count != Count(OutboxEntity.Delivered))
            {
                ledger.Violation($"{receiver}: the sink accepted {received.Count} messages but the outbox records {Count(OutboxEntity.Delivered)} delivered");
            }

            foreach (var twice in received.GroupBy(m => m.Body, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                ledger.Violation($"{receiver}: the same message arrived {twice.Count()} times, at {string.Join(", ", twice.Select(m => m.ReceivedAt.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)))} ({(SinkNotices.IsDigest(twice.First()) ? "digest" : "alerts")})");
            }

            foreach (var row in rows.Where(r => r.Status is OutboxEntity.Pending or OutboxEntity.Dead))
            {
                ledger.Violation($"{receiver}: outbox message {row.RowKey} '{row.Title}' created {row.CreatedAt:HH:mm:ss} is {row.Status} after {row.Attempts} attempts (next {row.NextAttemptAt:HH:mm:ss}, lease {row.LeaseUntil:HH:mm:ss}, last error {row.LastError})");
            }

            foreach (var row in rows.Where(r => r.Status == OutboxEntity.Superseded))
            {
                ledger.Notes.Add($"{receiver}: outbox message {row.RowKey} '{row.Title}' superseded (its alert stopped firing before delivery)");
            }

            CheckAlerts(receiver, received.Where(m => !SinkNotices.IsDigest(m)).SelectMany(SinkNotices.Read).ToList(), expected, ledger);
        }

        CheckDigestPairs(outbox, ledger);
        await CheckLastDigestAsync(tables, outbox, ledger);
        var states = await alerts.LoadAsync(default);
        foreach (var alert in expected)
        {
            var state = states.Values.FirstOrDefault(s => alert.Matches(s.AlertId));
            if (state is null || state.NotifiedLevel != alert.LastLevel)
            {
                ledger.Violation($"{alert.Description}: truth implies level {alert.LastLevel}, stored alert state {(state is null ? "missing" : $"{state.Status} notified level {state.NotifiedLevel}")}");
            }
        }
    }

    private static void CheckAlerts(string receiver, List<SinkNotice> notices, List<ExpectedAlert> expected, SoakLedger ledger)
    {
        foreach (var alert in expected)
        {
            var mine = notices.Where(n => alert.Matches(n.AlertId)).ToList();
            int Of(string type) => mine.Count(n => n.Type == type);
            var escalations = alert.LastLevel - alert.FirstLevel;
            var resolved = Of("resolved");
            var ok = Of("firing") == 1 && Of("escalated") <= escalations && Of("reminder") == 0 && Of("unknown") == 0
                && (alert.MustResolve ? resolved == 1 : alert.MayResolve ? resolved <= 1 : resolved == 0);
            ledger.Checked.Add($"{receiver} got {alert.Description}: {Describe(mine)}");
            if (!ok)
            {
                ledger.Violation($"{receiver}: {alert.Description} (truth: fires once at level {alert.LastLevel}{(alert.MustResolve ? ", then resolves" : "")}) arrived as {Describe(mine)}");
            }
        }

        foreach (var extra in notices.Where(n => !expected.Any(e => e.Matches(n.AlertId))).GroupBy(n => n.AlertId))
        {
            ledger.Violation($"{receiver}: alert {extra.Key} is not implied by the truth but was announced: {Describe([.. extra])}");
        }
    }

    private static string Describe(List<SinkNotice> notices) => notices.Count == 0 ? "nothing"
        : string.Join(", ", notices.Select(n => $"{n.Type} at {n.At:HH:mm:ss}"));

    /// <summary>Each digest is one message built once and enqueued for each receiver, so both rows carry the same time.</summary>
    private static void CheckDigestPairs(List<OutboxEntity> outbox, SoakLedger ledger)
    {
        var digests = outbox.Select(r => (r.Receiver, Content: OutboxContent.Deserialize(r.Content)))
            .Where(r => r.Content.Digest is not null)
            .GroupBy(r => r.Content.Digest!.At)
            .ToList();
        ledger.Checked.Add($"digests enqueued: {digests.Count}");
        foreach (var digest in digests.Where(d => d.Select(r => r.Receiver).Distinct().Count() != Receivers.Length))
        {
            ledger.Violation($"digest built at {digest.Key:HH:mm:ss} was enqueued only for {string.Join(", ", digest.Select(r => r.Receiver))}");
        }
    }

    /// <summary>The digest occurrence last claimed must have reached the outbox: a claim without rows is a lost digest.</summary>
    private static async Task CheckLastDigestAsync(TableStore tables, List<OutboxEntity> outbox, SoakLedger ledger)
    {
        var table = await tables.GetAsync(TableName.Alerts);
        var state = await table.GetEntityIfExistsAsync<DigestStateEntity>(DigestStateEntity.Partition, KeyEncoder.Segment(SoakRules.Digest));
        if (!state.HasValue)
        {
            ledger.Violation("the digest never ran: no digest state stored");
            return;
        }

        var occurrence = state.Value!.LastOccurrence;
        foreach (var receiver in Receivers)
        {
            var id = OutboxContent.IdFor(receiver, [$"digest:{SoakRules.Digest}:{occurrence.ToUnixTimeSeconds()}"]);
            if (!outbox.Any(r => r.RowKey == id))
            {
                ledger.Violation($"digest occurrence {occurrence:HH:mm:ss} is claimed but has no outbox row for {receiver}");
            }
        }
    }
}
