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
/// notice told once and every notice recorded as told shown in a received message, every digest enqueued for both
/// receivers, and no firing alert left unobserved past the resolve timeout.
/// </summary>
internal static class MessagesCheck
{
    private static readonly string[] Receivers = [SoakRules.Teams, SoakRules.Slack];

    public static async Task RunAsync(SimulatorServer simulator, TableStore tables, AlertStore alerts, TimeSpan resolveTimeout, DateTimeOffset start, DateTimeOffset end, List<ExpectedAlert> expected, SoakLedger ledger)
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
            int Count(OutboxStatus status) => rows.Count(r => r.State == status);
            ledger.Receivers[receiver] = (received.Count(m => !SinkNotices.IsDigest(m)), received.Count(SinkNotices.IsDigest),
                Count(OutboxStatus.Delivered), Count(OutboxStatus.Pending), Count(OutboxStatus.Dead), Count(OutboxStatus.Superseded));
            var digestsDelivered = rows.Count(r => r.AlertId is null && r.State == OutboxStatus.Delivered);
            if (received.Count(SinkNotices.IsDigest) != digestsDelivered)
            {
                ledger.Violation($"{receiver}: the sink accepted {received.Count(SinkNotices.IsDigest)} digests but the outbox records {digestsDelivered} delivered");
            }

            CheckToldOnce(receiver, rows, received.Where(m => !SinkNotices.IsDigest(m)).SelectMany(SinkNotices.Read).ToList(), ledger);

            foreach (var twice in received.GroupBy(m => m.Body, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                ledger.Violation($"{receiver}: the same message arrived {twice.Count()} times, at {string.Join(", ", twice.Select(m => m.ReceivedAt.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)))} ({(SinkNotices.IsDigest(twice.First()) ? "digest" : "alerts")})");
            }

            foreach (var row in rows.Where(r => r.State is OutboxStatus.Pending or OutboxStatus.Dead))
            {
                ledger.Violation($"{receiver}: outbox message {row.RowKey} '{row.Title}' created {row.CreatedAt:HH:mm:ss} is {row.Status} after {row.Attempts} attempts (next {row.NextAttemptAt:HH:mm:ss}, lease {row.LeaseUntil:HH:mm:ss}, last error {row.LastError})");
            }

            foreach (var row in rows.Where(r => r.State == OutboxStatus.Superseded))
            {
                ledger.Notes.Add($"{receiver}: outbox message {row.RowKey} '{row.Title}' superseded (its alert stopped firing before delivery)");
            }

            CheckAlerts(receiver, received.Where(m => !SinkNotices.IsDigest(m)).SelectMany(SinkNotices.Read).ToList(), expected, ledger);
        }

        CheckDigestPairs(outbox, ledger);
        await CheckLastDigestAsync(tables, outbox, ledger);
        var states = await alerts.LoadRecentAsync(start.AddDays(-1), default);
        CheckObserved(states.Values, resolveTimeout, end, ledger);
        foreach (var alert in expected)
        {
            var state = states.Values.FirstOrDefault(s => alert.Matches(s.Id.Value));
            if (state is null || state.NotifiedLevel != alert.LastLevel)
            {
                ledger.Violation($"{alert.Description}: truth implies level {alert.LastLevel}, stored alert state {(state is null ? "missing" : $"{state.Status} notified level {state.NotifiedLevel}")}");
            }
        }
    }

    /// <summary>
    /// Per alert and notice type, the sink showed exactly as many notices as the outbox records delivered: more is a
    /// notice told twice, fewer is a notice recorded as told that no received message showed.
    /// </summary>
    private static void CheckToldOnce(string receiver, List<OutboxEntity> rows, List<SinkNotice> shown, SoakLedger ledger)
    {
        var recorded = rows.Where(r => r.AlertId is not null && r.State == OutboxStatus.Delivered)
            .GroupBy(r => (Alert: r.AlertId!, Type: r.NoticeType!.ToLowerInvariant()))
            .ToDictionary(g => g.Key, g => g.Count());
        var seen = shown.GroupBy(n => (Alert: n.AlertId, n.Type)).ToDictionary(g => g.Key, g => g.Count());
        ledger.Checked.Add($"{receiver}: {recorded.Values.Sum()} notices recorded as told, {seen.Values.Sum()} shown");
        foreach (var key in recorded.Keys.Union(seen.Keys))
        {
            var (told, showed) = (recorded.GetValueOrDefault(key), seen.GetValueOrDefault(key));
            if (showed > told)
            {
                ledger.Violation($"{receiver}: {key.Type} of {key.Alert} was shown {showed} times for {told} notice(s) told: a notice told more than once");
            }
            else if (showed < told)
            {
                ledger.Violation($"{receiver}: {key.Type} of {key.Alert} is recorded as told {told} times but shown {showed} times: recorded as told without being shown");
            }
        }
    }

    /// <summary>A firing alert that no evaluation observes must resolve within the resolve timeout.</summary>
    private static void CheckObserved(IEnumerable<AlertState> states, TimeSpan resolveTimeout, DateTimeOffset end, SoakLedger ledger)
    {
        var unobserved = states.Where(s => s.IsFiring && s.MissingSince is not null).ToList();
        ledger.Checked.Add($"firing alerts not observed by the last evaluation: {unobserved.Count} (resolve timeout {resolveTimeout})");
        foreach (var state in unobserved.Where(s => end - s.MissingSince!.Value >= resolveTimeout))
        {
            ledger.Violation($"{state.Id} fires though no evaluation has observed it since {state.MissingSince:HH:mm:ss}, past the resolve timeout of {resolveTimeout}");
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
