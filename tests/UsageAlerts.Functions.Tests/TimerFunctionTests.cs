using Azure.Data.Tables;
using UsageAlerts.Functions.Tests.Rpc;

namespace UsageAlerts.Functions.Tests;

/// <summary>
/// Each timer function of the published app, invoked over the protocol: a Success reply is not enough (the job
/// runner records a crash as a failed run and returns), so each test checks the job's effect in storage and its
/// job-run record.
/// </summary>
[Collection(PublishedWorkerGroup.Name)]
public sealed class TimerFunctionTests(PublishedWorker worker)
{
    [Fact]
    public async Task PollProjects_stores_the_projects()
    {
        await AssertRanAsync("PollProjects");
        Assert.True(worker.Table("Catalog").Query<TableEntity>().Count() >= 4, "the simulator's 4 projects are in the catalog");
        AssertStreamPolled("projects");
    }

    [Fact]
    public async Task PollUsage_stores_daily_and_hourly_usage()
    {
        await AssertRanAsync("PollUsage");
        AssertStreamPolled("completions.1d");
        AssertStreamPolled("completions.1h");
        Assert.NotEmpty(Rows("Usage", "completions.1d"));
        Assert.NotEmpty(Rows("Usage", "completions.1h"));
    }

    [Fact]
    public async Task PollCosts_stores_daily_costs()
    {
        await AssertRanAsync("PollCosts");
        AssertStreamPolled("costs.1d");
        Assert.NotEmpty(Rows("Costs", "costs.1d"));
    }

    [Fact]
    public async Task PollRecentUsage_stores_one_minute_usage()
    {
        await AssertRanAsync("PollRecentUsage");
        AssertStreamPolled(TimerRuns.MinuteStream);
        Assert.NotEmpty(Rows("Usage", TimerRuns.MinuteStream));
    }

    [Fact]
    public async Task Evaluate_fires_alerts_and_sends_them_to_the_working_webhook()
    {
        var runs = await AssertRanAsync("Evaluate");
        var alerts = worker.Table("Alerts").Query<TableEntity>(e => e.PartitionKey == "alert").ToList();
        Assert.Contains(alerts, a => a.GetString("Status") == "firing" && a.GetString("Rule") == "Research – monthly");
        Assert.Contains(worker.Simulator.Sink.Messages, m => m.Channel == "teams");
        Assert.Equal(0, runs.SlackMessagesAfterEvaluate);
        Assert.True(runs.PendingAfterEvaluate > 0, "the Slack messages stay pending while the webhook answers 503");
    }

    [Fact]
    public async Task Deliver_sends_what_the_failing_webhook_left_pending_once_its_retry_is_due()
    {
        var runs = await AssertRanAsync("Deliver");
        Assert.True(runs.PendingAfterEvaluate > 0);
        Assert.Contains(worker.Simulator.Sink.Messages, m => m.Channel == "slack");
        Assert.Equal(0, await TimerRuns.Outbox(worker).CountAsync(o => o.GetString("Status") == "pending"));
    }

    [Fact]
    public async Task Digest_sends_the_digest_that_came_due()
    {
        var runs = await AssertRanAsync("Digest");
        var digest = worker.Table("Alerts").Query<TableEntity>(e => e.PartitionKey == "digest").Single();
        Assert.True(digest.GetDateTimeOffset("LastOccurrence") > runs.DigestMovedBackTo, "the occurrence is claimed");
        var sent = worker.Simulator.Sink.Messages.Skip(runs.SinkMessagesBeforeDigest).ToList();
        Assert.Contains(sent, m => m.Channel == "teams" && m.Body.Contains("Daily OpenAI spend", StringComparison.Ordinal));
        Assert.Contains(sent, m => m.Channel == "slack" && m.Body.Contains("Daily OpenAI spend", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cleanup_expires_old_minute_rows_and_keeps_recent_ones()
    {
        var runs = await AssertRanAsync("Cleanup");
        var (partition, row) = runs.PlantedMinuteRow;
        Assert.False((await worker.Table("Usage").GetEntityIfExistsAsync<TableEntity>(partition, row)).HasValue, $"{partition} {row} is older than the retention");
        Assert.NotEmpty(TimerRuns.MinuteRows(worker.Table("Usage")));
    }

    [Fact]
    public async Task Job_logs_reach_the_host_as_RpcLog_and_Application_Insights_at_Information()
    {
        await worker.Timers.Value;
        Assert.Contains(worker.Host.Logs, l => l.Category == "UsageAlerts.Jobs.ScheduledJobs" && l.Level == RpcLog.Types.Level.Information && l.Message.StartsWith("Job PollCosts finished", StringComparison.Ordinal));

        // The exporter sends logs in batches about every five seconds.
        for (var wait = 0; wait < 60 && !Exported("Job PollCosts finished"); wait++)
        {
            await Task.Delay(500);
        }

        var item = Assert.Single(worker.Host.Telemetry.SelectMany(t => t.Split('\n')), line => line.Contains("Job PollCosts finished", StringComparison.Ordinal));
        Assert.Contains("\"severityLevel\":\"Information\"", item, StringComparison.Ordinal);
    }

    private bool Exported(string text) => worker.Host.Telemetry.Any(t => t.Contains(text, StringComparison.Ordinal));

    private async Task<TimerRuns> AssertRanAsync(string job)
    {
        var runs = await worker.Timers.Value;
        var response = runs.Responses[job];
        Assert.True(response.Result.Status == StatusResult.Types.Status.Success, $"{job}: {response.Result.Exception?.Message}");
        var run = worker.Table("Runs").Query<TableEntity>(r => r.PartitionKey == job).First();
        Assert.True(run.GetBoolean("Succeeded") == true && run.GetInt32("ErrorCount") == 0, $"{job} run record: {run.GetString("Errors")}");
        return runs;
    }

    private void AssertStreamPolled(string stream)
    {
        var state = worker.Table("Streams").GetEntityIfExists<TableEntity>("stream", stream);
        Assert.True(state.HasValue, $"no stream state for {stream}");
        Assert.NotNull(state.Value!.GetDateTimeOffset("LastSuccessAt"));
        Assert.Equal(0, state.Value.GetInt32("ConsecutiveFailures"));
    }

    private List<TableEntity> Rows(string table, string stream) =>
        worker.Table(table).Query<TableEntity>($"PartitionKey ge '{stream}|' and PartitionKey lt '{stream}}}'", maxPerPage: 10).Take(10).ToList();
}
