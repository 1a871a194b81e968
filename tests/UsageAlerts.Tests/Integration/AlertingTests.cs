using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Alerts;
using UsageAlerts.Jobs;
using UsageAlerts.Simulator;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Integration;

/// <summary>
/// Alert timelines on a fake clock against Azurite and the simulator's webhook sink. Every test counts what arrived:
/// a missing message and an extra one both fail.
/// </summary>
public sealed class AlertingTests
{
    private const string Rules = """
        {
          "receivers": [
            { "name": "finance-teams", "type": "teams", "secret": "TeamsWebhookUrl" },
            { "name": "platform-slack", "type": "slack", "secret": "SlackWebhookUrl" }
          ],
          "budgets": [ { "name": "Research monthly", "scope": { "projects": ["Research"] }, "period": "month", "amountUsd": 2000,
                         "thresholds": [ { "percent": 80 }, { "percent": 100 } ], "receivers": ["finance-teams", "platform-slack"] } ],
          "spikes": [ { "name": "Daily spike", "factor": 4, "minimum": 25, "receivers": ["finance-teams", "platform-slack"] } ],
          "rateLimits": [ { "name": "Headroom", "thresholds": [80, 97], "windowMinutes": 60, "resolveAfterMinutes": 15, "receivers": ["finance-teams", "platform-slack"] } ]
          SILENCES
        }
        """;

    private static async Task<IngestionHarness> StartAsync(string name, string? silences = null, SimulatorOptions? simulator = null)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rules-{name}-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, Rules.Replace("SILENCES", silences is null ? "" : ", \"silences\": " + silences, StringComparison.Ordinal));
        var harness = await IngestionHarness.StartAsync(name, simulator, new()
        {
            ["Rules:Path"] = path,
            ["Notifications:AllowLoopbackWebhooks"] = "true",
            ["Notifications:MinInterval"] = "00:00:00",
            ["Secrets:TeamsWebhookUrl"] = "SIM/sink/teams/finance-teams",
            ["Secrets:SlackWebhookUrl"] = "SIM/sink/slack/platform-slack",
        });
        return harness;
    }

    private static async Task IngestAsync(IngestionHarness harness)
    {
        foreach (var job in new[] { JobNames.PollProjects, JobNames.PollUsage, JobNames.PollCosts, JobNames.PollRecentUsage })
        {
            await harness.RunAsync(job);
        }
    }

    private static int Count(IngestionHarness harness, string channel) => harness.Simulator.Sink.Messages.Count(m => m.Channel == channel);

    [Fact]
    public async Task The_scenarios_fire_once_per_receiver_and_later_runs_and_restarts_say_nothing()
    {
        await using var harness = await StartAsync("scenarios");
        await IngestAsync(harness);

        await harness.RunAsync(JobNames.Evaluate);

        Assert.Equal(1, Count(harness, "teams"));
        Assert.Equal(1, Count(harness, "slack"));
        var scenarios = harness.Simulator.Organization.Scenarios;
        foreach (var message in harness.Simulator.Sink.Messages)
        {
            Assert.Contains("Research monthly", message.Body, StringComparison.Ordinal);
            Assert.Contains(scenarios.SpikeProjectName, message.Body, StringComparison.Ordinal);
            Assert.Contains(scenarios.NearCapModel, message.Body, StringComparison.Ordinal);
            Assert.Contains($"hardlimit|{scenarios.OverrunProjectId}", message.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-admin", message.Body, StringComparison.Ordinal);
        }

        harness.Clock.Advance(TimeSpan.FromMinutes(5));
        await harness.RunAsync(JobNames.Evaluate);
        await harness.RunAsync(JobNames.Deliver);
        Assert.Equal(2, harness.Simulator.Sink.Messages.Count);

        // A restart is a new process over the same tables: nothing new to say.
        var state = await harness.Services.GetRequiredService<AlertStore>().LoadOpenAsync(default);
        Assert.Contains(state.Values, s => s.Status == AlertStatus.Firing && s.DeliveredTo.Count == 2);
        await harness.RestartAsync();
        await harness.RunAsync(JobNames.Evaluate);
        Assert.Equal(2, harness.Simulator.Sink.Messages.Count);
    }

    [Fact]
    public async Task Two_evaluations_at_once_send_one_message_per_receiver()
    {
        await using var harness = await StartAsync("race");
        await IngestAsync(harness);
        var engine = harness.Services.GetRequiredService<AlertEngine>();

        await Task.WhenAll(engine.EvaluateAsync(default), engine.EvaluateAsync(default), engine.EvaluateAsync(default));
        await harness.RunAsync(JobNames.Deliver);
        await harness.RunAsync(JobNames.Deliver);

        Assert.Equal(1, Count(harness, "teams"));
        Assert.Equal(1, Count(harness, "slack"));
    }

    [Fact]
    public async Task A_webhook_429_is_waited_out_and_the_message_sent_once()
    {
        var simulator = new SimulatorOptions();
        simulator.Faults.Add(new FaultRule { Route = "sink/slack", Kind = FaultKind.RateLimited, OnCall = 1, Times = 1, RetryAfterSeconds = 2 });
        await using var harness = await StartAsync("webhook429", simulator: simulator);
        await IngestAsync(harness);

        await harness.RunWithClockAsync(JobNames.Evaluate);

        Assert.Equal(1, Count(harness, "slack"));
        Assert.Equal(2, harness.Simulator.Calls.Count("sink/slack"));
    }

    [Fact]
    public async Task One_failing_receiver_does_not_hold_up_the_other_and_gets_its_message_once_it_recovers()
    {
        var simulator = new SimulatorOptions();
        simulator.Faults.Add(new FaultRule { Route = "sink/teams", Kind = FaultKind.ServerError, OnCall = 1, Times = 1000 });
        await using var harness = await StartAsync("onefails", simulator: simulator);
        await IngestAsync(harness);

        await harness.RunWithClockAsync(JobNames.Evaluate);
        Assert.Equal(0, Count(harness, "teams"));
        Assert.Equal(1, Count(harness, "slack"));
        var health = await harness.Services.GetRequiredService<Health.HealthService>().CheckAsync(default);
        // The backlog counts notices: the budget, spike, headroom and hard-limit cutoff news of the one message Teams did not get.
        Assert.Equal(4, health.OutboxBacklog);

        harness.Simulator.Faults.Clear();
        harness.Clock.Advance(TimeSpan.FromHours(1));
        await harness.RunAsync(JobNames.Deliver);
        await harness.RunAsync(JobNames.Deliver);

        Assert.Equal(1, Count(harness, "teams"));
        Assert.Equal(1, Count(harness, "slack"));
    }

    [Fact]
    public async Task A_revoked_slack_webhook_marks_the_receiver_broken_and_is_not_retried()
    {
        var simulator = new SimulatorOptions();
        simulator.Faults.Add(new FaultRule { Route = "sink/slack", Kind = FaultKind.SinkNotFound, OnCall = 1, Times = 1000 });
        await using var harness = await StartAsync("revoked", simulator: simulator);
        await IngestAsync(harness);

        await harness.RunAsync(JobNames.Evaluate);
        harness.Clock.Advance(TimeSpan.FromHours(2));
        await harness.RunAsync(JobNames.Deliver);

        Assert.Equal(1, harness.Simulator.Calls.Count("sink/slack"));
        Assert.Equal(1, Count(harness, "teams"));
        var health = await harness.Services.GetRequiredService<Health.HealthService>().CheckAsync(default);
        var slack = Assert.Single(health.Receivers, r => r.Name == "platform-slack");
        Assert.True(slack.Broken);
        Assert.Contains("404", slack.Reason, StringComparison.Ordinal);
        // Budget, spike, headroom and the hard-limit cutoff (on by default) of the scenarios.
        Assert.Equal(4, slack.PendingMessages);
        Assert.Equal("degraded", health.Status);
    }

    [Fact]
    public async Task A_headroom_alert_resolves_after_delivery_but_a_resolve_before_delivery_sends_nothing()
    {
        var simulator = new SimulatorOptions();
        simulator.Faults.Add(new FaultRule { Route = "sink/teams", Kind = FaultKind.ServerError, OnCall = 1, Times = 1000 });
        await using var harness = await StartAsync("resolve", simulator: simulator);
        await IngestAsync(harness);
        await harness.RunWithClockAsync(JobNames.Evaluate);
        Assert.Equal(1, Count(harness, "slack"));

        // The hot minutes leave the 60-minute window; the alert resolves after 15 quiet minutes.
        harness.Clock.Advance(TimeSpan.FromMinutes(90));
        await harness.RunAsync(JobNames.PollRecentUsage);
        await harness.RunAsync(JobNames.PollCosts);
        await harness.RunWithClockAsync(JobNames.Evaluate);
        harness.Clock.Advance(TimeSpan.FromMinutes(20));
        await harness.RunAsync(JobNames.PollRecentUsage);
        await harness.RunAsync(JobNames.PollCosts);
        await harness.RunWithClockAsync(JobNames.Evaluate);

        var slackMessages = harness.Simulator.Sink.Messages.Where(m => m.Channel == "slack").ToList();
        Assert.Equal(2, slackMessages.Count);
        Assert.Contains("Resolved", slackMessages[1].Body, StringComparison.Ordinal);
        Assert.Contains(harness.Simulator.Organization.Scenarios.NearCapModel, slackMessages[1].Body, StringComparison.Ordinal);

        // Teams never got the firing; once it recovers it gets the still-firing news only, never the resolved headroom alert.
        harness.Simulator.Faults.Clear();
        harness.Clock.Advance(TimeSpan.FromHours(1));
        await harness.RunAsync(JobNames.Deliver);
        var teams = Assert.Single(harness.Simulator.Sink.Messages, m => m.Channel == "teams");
        Assert.DoesNotContain(harness.Simulator.Organization.Scenarios.NearCapModel, teams.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Resolved", teams.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_silenced_rule_keeps_its_state_and_sends_nothing()
    {
        await using var harness = await StartAsync("silence", """[ { "rule": "Research monthly", "startsAt": "2026-01-01T00:00:00Z", "endsAt": "2027-01-01T00:00:00Z" } ]""");
        await IngestAsync(harness);

        await harness.RunAsync(JobNames.Evaluate);

        var states = await harness.Services.GetRequiredService<AlertStore>().LoadOpenAsync(default);
        Assert.Contains(states.Values, s => s.Rule == "Research monthly" && s.Status == AlertStatus.Firing && s.NotifiedLevel == 0);
        Assert.All(harness.Simulator.Sink.Messages, m => Assert.DoesNotContain("Research monthly", m.Body, StringComparison.Ordinal));
        Assert.Equal(1, Count(harness, "slack"));
    }

    [Fact]
    public async Task A_failed_poll_never_resolves_a_firing_alert()
    {
        await using var harness = await StartAsync("unknown");
        await IngestAsync(harness);
        await harness.RunAsync(JobNames.Evaluate);
        harness.Simulator.Faults.Add(new FaultRule { Kind = FaultKind.ServerError, OnCall = 1, Times = 10_000 });

        harness.Clock.Advance(TimeSpan.FromHours(3));
        await harness.RunWithClockAsync(JobNames.PollRecentUsage);
        await harness.RunWithClockAsync(JobNames.PollCosts);
        await harness.RunAsync(JobNames.Evaluate);

        Assert.Equal(2, harness.Simulator.Sink.Messages.Count);
        var states = await harness.Services.GetRequiredService<AlertStore>().LoadRecentAsync(IngestionHarness.Start, default);
        Assert.NotEmpty(states);
        Assert.DoesNotContain(states.Values, s => s.Status == AlertStatus.Resolved);
    }
}
