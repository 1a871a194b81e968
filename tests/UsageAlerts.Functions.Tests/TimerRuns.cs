using Azure;
using Azure.Data.Tables;
using UsageAlerts.Functions.Tests.Rpc;
using UsageAlerts.Simulator;

namespace UsageAlerts.Functions.Tests;

/// <summary>
/// Every timer function invoked through the protocol, in the order the jobs depend on each other, with what the tests
/// need to see each job's own effect: the Slack webhook fails during Evaluate so Deliver has something to retry (made due at once), the
/// digest's last occurrence is moved back a day so Digest has one due, and a minute row from three days ago is
/// planted for Cleanup.
/// </summary>
internal sealed class TimerRuns
{
    public const string MinuteStream = "completions.1m";

    public Dictionary<string, InvocationResponse> Responses { get; } = new(StringComparer.Ordinal);

    public int PendingAfterEvaluate { get; private set; }

    public int SlackMessagesAfterEvaluate { get; private set; }

    public DateTimeOffset DigestMovedBackTo { get; private set; }

    public int SinkMessagesBeforeDigest { get; private set; }

    public (string Partition, string Row) PlantedMinuteRow { get; private set; }

    public static async Task<TimerRuns> RunAsync(PublishedWorker worker)
    {
        var runs = new TimerRuns();
        var host = worker.Host;
        var sink = worker.Simulator.Sink;
        foreach (var job in new[] { "PollProjects", "PollUsage", "PollCosts", "PollRecentUsage" })
        {
            runs.Responses[job] = await host.InvokeTimerAsync(job);
        }

        worker.Simulator.Faults.Add(new FaultRule { Route = "sink/slack", Kind = FaultKind.ServiceUnavailable, Times = 1000 });
        runs.Responses["Evaluate"] = await host.InvokeTimerAsync("Evaluate");
        worker.Simulator.Faults.Clear();
        runs.PendingAfterEvaluate = await Outbox(worker).CountAsync(o => o.GetString("Status") == "pending");
        runs.SlackMessagesAfterEvaluate = sink.Messages.Count(m => m.Channel == "slack");
        await MakeRetriesDueAsync(worker.Table("Outbox"));
        runs.Responses["Deliver"] = await host.InvokeTimerAsync("Deliver");

        // The first Digest run only notes "now" for the new digest; a day later one occurrence is due.
        Assert.True((await host.InvokeTimerAsync("Digest")).Result.Status == StatusResult.Types.Status.Success);
        var alerts = worker.Table("Alerts");
        var digest = alerts.QueryAsync<TableEntity>(e => e.PartitionKey == "digest").ToBlockingEnumerable().Single();
        runs.DigestMovedBackTo = DateTimeOffset.UtcNow.AddDays(-1).AddHours(-1);
        digest["LastOccurrence"] = runs.DigestMovedBackTo;
        await alerts.UpdateEntityAsync(digest, ETag.All, TableUpdateMode.Replace);
        runs.SinkMessagesBeforeDigest = sink.Messages.Count;
        runs.Responses["Digest"] = await host.InvokeTimerAsync("Digest");

        runs.PlantedMinuteRow = await PlantOldMinuteRowAsync(worker.Table("Usage"));
        runs.Responses["Cleanup"] = await host.InvokeTimerAsync("Cleanup");
        return runs;
    }

    /// <summary>What the retry back-off would do with time: the pending messages' next attempt comes due.</summary>
    private static async Task MakeRetriesDueAsync(TableClient outbox)
    {
        await foreach (var message in outbox.QueryAsync<TableEntity>("Status eq 'pending'"))
        {
            message["NextAttemptAt"] = DateTimeOffset.UtcNow.AddSeconds(-1);
            await outbox.UpdateEntityAsync(message, message.ETag, TableUpdateMode.Merge);
        }
    }

    internal static IEnumerable<TableEntity> MinuteRows(TableClient usage) =>
        usage.Query<TableEntity>($"PartitionKey ge '{MinuteStream}|' and PartitionKey lt '{MinuteStream}}}'");

    internal static IAsyncEnumerable<TableEntity> Outbox(PublishedWorker worker) => worker.Table("Outbox").QueryAsync<TableEntity>();

    private static async Task<(string, string)> PlantOldMinuteRowAsync(TableClient usage)
    {
        var row = MinuteRows(usage).First();
        var old = new TableEntity($"{MinuteStream}|{DateTime.UtcNow.AddDays(-3):yyyyMMdd}", row.RowKey);
        foreach (var (name, value) in row.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
        {
            old[name] = value;
        }

        await usage.UpsertEntityAsync(old, TableUpdateMode.Replace);
        return (old.PartitionKey, old.RowKey);
    }
}

internal static class AsyncEnumerableCount
{
    public static async Task<int> CountAsync<T>(this IAsyncEnumerable<T> items, Func<T, bool> predicate)
    {
        var count = 0;
        await foreach (var item in items)
        {
            count += predicate(item) ? 1 : 0;
        }

        return count;
    }
}
