using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using UsageAlerts.Health;
using UsageAlerts.Http;
using UsageAlerts.Jobs;
using UsageAlerts.Rules;
using UsageAlerts.Storage;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Timelines;

/// <summary>
/// The timelines of issue 12, each against Azurite, the real engine and deliverer, a fake clock and webhooks that
/// fail on an extra and on a missing message. Times are November 2026, UTC.
/// </summary>
public sealed class AlertTimelineTests
{
    private const string Both = "\"receivers\": [\"finance-teams\", \"platform-slack\"]";
    private const string DailySpike = """{ "name": "Daily spike", "factor": 3, "minimum": 25, "repeatInterval": "7.00:00:00", "receivers": ["finance-teams", "platform-slack"] }""";
    private static readonly DateTimeOffset Nov20 = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Day(int november) => new(2026, 11, november, 0, 0, 0, TimeSpan.Zero);

    private static string Budget(string name, decimal amount, string thresholds, string extra = "") =>
        $$"""{ {{extra}} "name": "{{name}}", "period": "month", "amountUsd": {{amount}}, "thresholds": [ {{thresholds}} ], {{Both}} }""";

    /// <summary>Spend of one project spread over November 1 to 19 so that the month to date is <paramref name="total"/>.</summary>
    private static void MonthToDate(AlertTimeline timeline, decimal total, string project = "proj_main")
    {
        Daily(timeline, project, 1, 18, 10m);

        timeline.Cost(Day(19), project, total - 180m);
    }

    /// <summary>The same spend of one project on each day from the <paramref name="first"/> to the <paramref name="last"/> of November.</summary>
    private static void Daily(AlertTimeline timeline, string project, int first, int last, decimal amount)
    {
        for (var day = first; day <= last; day++)
        {
            timeline.Cost(Day(day), project, amount);
        }
    }

    private static async Task StepAsync(AlertTimeline timeline, DateTimeOffset at)
    {
        timeline.At(at);
        await timeline.PollCostsAsync();
        await timeline.EvaluateAsync();
    }

    [Fact]
    public async Task T01_a_revision_and_late_costs_do_not_flap_a_budget()
    {
        await using var timeline = AlertTimeline.Start("t01", Nov20.AddHours(12), $$"""
            "budgets": [ {{Budget("November", 1000, "{ \"percent\": 80 }")}} ]
            """);
        MonthToDate(timeline, 807.50m);
        await StepAsync(timeline, Nov20.AddHours(12));
        Assert.All(timeline.Webhooks.Expect("teams", "slack"), m => Assert.Contains("November", m.Body, StringComparison.Ordinal));

        // OpenAI revises yesterday down: $795 of $1,000.
        timeline.Cost(Day(19), "proj_main", 795m - 180m);
        await StepAsync(timeline, Nov20.AddHours(13));
        timeline.Webhooks.Expect();

        // Today's first $20 arrives: $815.
        timeline.Cost(Day(20), "proj_main", 20m);
        await StepAsync(timeline, Nov20.AddHours(14));
        timeline.Webhooks.Expect();
    }

    [Fact]
    public async Task T02_a_spike_is_not_judged_on_a_half_reported_day()
    {
        await using var timeline = AlertTimeline.Start("t02", Nov20.AddHours(12), $$"""
            "spikes": [ {{DailySpike}} ]
            """);
        Daily(timeline, "proj_a", 5, 18, 50m);

        timeline.Cost(Day(19), "proj_a", 500m);
        await StepAsync(timeline, Nov20.AddHours(12));
        timeline.Webhooks.Expect("teams", "slack");

        // Just after midnight the 20th shows $150 of what will be $500.
        timeline.Cost(Day(20), "proj_a", 150m);
        await StepAsync(timeline, Day(21).AddMinutes(5));
        timeline.Webhooks.Expect();

        timeline.Cost(Day(20), "proj_a", 500m);
        await StepAsync(timeline, Day(21).AddHours(2).AddMinutes(10));
        timeline.Webhooks.Expect();

        // Settled: the 20th is a spike too, so the alert simply keeps firing.
        await StepAsync(timeline, Day(21).AddHours(7));
        timeline.Webhooks.Expect();
    }

    [Fact]
    public async Task T03_a_new_projects_baseline_uses_the_days_it_exists()
    {
        await using var timeline = AlertTimeline.Start("t03", Nov20.AddHours(12), $$"""
            "spikes": [ {{DailySpike}} ]
            """);
        Daily(timeline, "proj_new", 16, 19, 30m);

        Daily(timeline, "proj_old", 5, 18, 40m);

        timeline.Cost(Day(19), "proj_old", 400m);
        await StepAsync(timeline, Nov20.AddHours(12));

        Assert.All(timeline.Webhooks.Expect("teams", "slack"), m =>
        {
            Assert.Contains("proj_old", m.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("proj_new", m.Body, StringComparison.Ordinal);
        });

        // The next day the new project is still at its usual $30: nothing.
        timeline.Cost(Day(20), "proj_new", 30m);
        timeline.Cost(Day(20), "proj_old", 400m);
        await StepAsync(timeline, Day(21).AddHours(12));
        timeline.Webhooks.Expect();
    }

    [Fact]
    public async Task T04_a_renamed_rule_keeps_its_alerts_and_a_removed_rule_resolves_them_with_a_message()
    {
        await using var timeline = AlertTimeline.Start("t04", Nov20.AddHours(12), $$"""
            "budgets": [ {{Budget("November", 1000, "{ \"percent\": 80 }", "\"id\": \"org-month\",")}} ]
            """);
        MonthToDate(timeline, 900m);
        await StepAsync(timeline, Nov20.AddHours(12));
        timeline.Webhooks.Expect("teams", "slack");

        await timeline.RestartAsync($$"""
            "budgets": [ {{Budget("Organization monthly", 1000, "{ \"percent\": 80 }", "\"id\": \"org-month\",")}} ]
            """);
        await StepAsync(timeline, Nov20.AddHours(12).AddMinutes(5));
        timeline.Webhooks.Expect();

        await timeline.RestartAsync("\"budgets\": []");
        await StepAsync(timeline, Nov20.AddHours(12).AddMinutes(10));
        Assert.All(timeline.Webhooks.Expect("teams", "slack"), m =>
        {
            Assert.Contains("Resolved", m.Body, StringComparison.Ordinal);
            Assert.Contains("rule was removed", m.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task T05_an_alert_no_longer_observed_resolves_after_the_resolve_timeout()
    {
        const string Spike = """{ "name": "Daily spike", "scope": { "projects": [PROJECTS] }, "factor": 3, "minimum": 25, "receivers": ["finance-teams", "platform-slack"] }""";
        await using var timeline = AlertTimeline.Start("t05", Nov20.AddHours(12), "\"spikes\": [ " + Spike.Replace("PROJECTS", "\"proj_a\", \"proj_b\"", StringComparison.Ordinal) + " ]");
        Daily(timeline, "proj_a", 5, 18, 50m);
        Daily(timeline, "proj_b", 5, 18, 50m);

        timeline.Cost(Day(19), "proj_a", 500m);
        timeline.Cost(Day(19), "proj_b", 50m);
        await StepAsync(timeline, Nov20.AddHours(12));
        timeline.Webhooks.Expect("teams", "slack");

        // The scope is edited: proj_a's alert is not observed any more.
        await timeline.RestartAsync("\"spikes\": [ " + Spike.Replace("PROJECTS", "\"proj_b\"", StringComparison.Ordinal) + " ]");
        await StepAsync(timeline, Nov20.AddHours(12).AddMinutes(5));
        timeline.Webhooks.Expect();
        await StepAsync(timeline, Nov20.AddHours(13));
        timeline.Webhooks.Expect();

        await StepAsync(timeline, Nov20.AddHours(13).AddMinutes(10));
        Assert.All(timeline.Webhooks.Expect("teams", "slack"), m =>
        {
            Assert.Contains("Resolved", m.Body, StringComparison.Ordinal);
            Assert.Contains("No longer observed", m.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task T06_a_crash_before_marking_enqueued_never_sends_a_notice_twice()
    {
        await using var timeline = AlertTimeline.Start("t06", Nov20.AddHours(12), $$"""
            "budgets": [ {{Budget("Alpha budget", 500, "{ \"percent\": 80 }")}}, {{Budget("Bravo budget", 550, "{ \"percent\": 80 }")}}, {{Budget("Charlie budget", 1000, "{ \"percent\": 80 }")}} ]
            """);
        MonthToDate(timeline, 480m);
        var outboxWritten = false;
        timeline.Faults.FailWhen = (method, path) =>
        {
            outboxWritten |= method == "POST" && path.EndsWith("Outbox", StringComparison.Ordinal);
            // The host dies after writing the outbox: no alert state is written after that.
            return outboxWritten && method is "PUT" or "PATCH" or "MERGE" && path.Contains("PartitionKey='alert'", StringComparison.Ordinal);
        };
        await StepAsync(timeline, Nov20.AddHours(12));
        Assert.True(timeline.Faults.Injected > 0);
        timeline.Webhooks.Expect();

        timeline.Faults.FailWhen = null;
        await timeline.RestartAsync();
        await timeline.RunAsync(JobNames.Deliver);
        Assert.All(timeline.Webhooks.Expect("teams", "slack"), m =>
        {
            Assert.Contains("Alpha budget", m.Body, StringComparison.Ordinal);
            Assert.Contains("Bravo budget", m.Body, StringComparison.Ordinal);
        });

        timeline.Cost(Day(20), "proj_main", 370m);
        await StepAsync(timeline, Nov20.AddHours(12).AddMinutes(6));
        Assert.All(timeline.Webhooks.Expect("teams", "slack"), m =>
        {
            Assert.Contains("Charlie budget", m.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Alpha budget", m.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Bravo budget", m.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task T07_every_notice_recorded_as_delivered_was_shown()
    {
        var budgets = string.Join(", ", Enumerable.Range(1, 25).Select(i =>
            $$"""{ "name": "Budget {{i:D2}}", "period": "month", "amountUsd": {{100 + i}}, "thresholds": [ { "percent": 50 } ], "receivers": ["platform-slack"] }"""));
        await using var timeline = AlertTimeline.Start("t07", Nov20.AddHours(12), $"\"budgets\": [ {budgets} ]");
        MonthToDate(timeline, 300m);
        await StepAsync(timeline, Nov20.AddHours(12));

        var slack = timeline.Webhooks.All("slack");
        Assert.True(slack.Count > 1, $"25 notices do not fit one Slack message, yet {slack.Count} arrived");
        timeline.Webhooks.Expect([.. slack.Select(_ => "slack")]);
        for (var i = 1; i <= 25; i++)
        {
            var alert = $"Alert budget|Budget {i:D2}|2026-11|actual";
            Assert.Single(slack, m => m.Body.Contains(alert, StringComparison.Ordinal));
        }

        Assert.All(slack, m => Assert.DoesNotContain("more* (the dashboard", m.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task T08_a_refused_message_is_a_dead_letter_on_health_and_an_alert_to_the_other_receiver()
    {
        await using var timeline = AlertTimeline.Start("t08", Nov20.AddHours(12), $$"""
            "budgets": [ {{Budget("November", 1000, "{ \"percent\": 80 }")}} ],
            "blind": { {{Both}} }
            """);
        timeline.Webhooks.Refuse("slack", HttpStatusCode.BadRequest, "invalid_blocks");
        MonthToDate(timeline, 900m);
        await StepAsync(timeline, Nov20.AddHours(12));
        timeline.Webhooks.Expect("teams");
        Assert.Equal(1, timeline.Webhooks.Refused);

        var health = JsonSerializer.SerializeToElement(await timeline.Services.GetRequiredService<HealthService>().CheckAsync(default), JsonSerializerOptions.Web);
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var slack = health.GetProperty("receivers").EnumerateArray().Single(r => r.GetProperty("name").GetString() == "platform-slack");
        Assert.Equal(1, slack.GetProperty("deadMessages").GetInt32());
        Assert.Contains("400", slack.GetProperty("deadReason").GetString(), StringComparison.Ordinal);

        await StepAsync(timeline, Nov20.AddHours(12).AddMinutes(5));
        var told = Assert.Single(timeline.Webhooks.Expect("teams"));
        Assert.Contains("Messages to platform-slack are refused", told.Body, StringComparison.Ordinal);
        Assert.Equal(1, timeline.Webhooks.Refused);

        var dead = Assert.Single((await timeline.RouteAsync(RouteNames.Alerts)).GetProperty("deadLetters").EnumerateArray());
        Assert.Equal("platform-slack", dead.GetProperty("receiver").GetString());
        Assert.Contains("400", dead.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task T09_polling_only_completions_keeps_rate_limit_alerts_working()
    {
        var now = Nov20.AddHours(12);
        await using var timeline = AlertTimeline.Start("t09", now, $$"""
            "rateLimits": [ { "name": "Headroom", "thresholds": [80], "windowMinutes": 60, {{Both}} } ]
            """, new() { ["Ingestion:Kinds:0"] = "completions" });
        await timeline.RateLimitAsync("proj_a", "gpt-4o", 100, 10_000);
        timeline.Minute(now.AddMinutes(-10), "proj_a", "gpt-4o", 20, 9_000);
        await timeline.PollMinutesAsync();
        await timeline.EvaluateAsync();

        Assert.All(timeline.Webhooks.Expect("teams", "slack"), m => Assert.Contains("gpt-4o", m.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task T09_a_rule_that_needs_an_unpolled_stream_is_a_start_up_error_naming_it()
    {
        await using var timeline = AlertTimeline.Start("t09b", Nov20, $$"""
            "rateLimits": [ { "name": "Headroom", {{Both}} } ],
            "spikes": [ { "name": "Token spike", "metric": "tokens", {{Both}} } ]
            """, new() { ["Ingestion:Kinds:0"] = "moderations" });

        var error = Assert.Throws<OptionsValidationException>(() => timeline.Services.GetRequiredService<IOptions<RulesOptions>>().Value);

        Assert.Contains("rateLimits[0] \"Headroom\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("spikes[0] \"Token spike\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ingestion:Kinds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task T10_a_failure_between_claiming_and_enqueueing_a_digest_does_not_lose_it()
    {
        await using var timeline = AlertTimeline.Start("t10", Nov20.AddHours(7).AddMinutes(30), $$"""
            "digests": [ { "name": "Daily digest", "schedule": "0 0 8 * * *", {{Both}} } ]
            """);
        await timeline.RunAsync(JobNames.Digest);

        var failed = false;
        timeline.Faults.FailWhen = (method, path) => !failed && method == "POST" && path.EndsWith("Outbox", StringComparison.Ordinal) && (failed = true);
        timeline.At(Nov20.AddHours(8).AddSeconds(30));
        await timeline.RunAsync(JobNames.Digest);
        Assert.True(failed);
        timeline.Webhooks.Expect();

        timeline.At(Nov20.AddHours(9).AddSeconds(30));
        await timeline.RunAsync(JobNames.Digest);
        Assert.All(timeline.Webhooks.Expect("teams", "slack"), m => Assert.Contains("Daily digest", m.Body, StringComparison.Ordinal));

        timeline.At(Nov20.AddHours(10).AddSeconds(30));
        await timeline.RunAsync(JobNames.Digest);
        timeline.Webhooks.Expect();
    }

    [Fact]
    public async Task T11_an_escalation_after_a_silence_says_up_from_the_level_last_announced()
    {
        await using var timeline = AlertTimeline.Start("t11", Nov20.AddHours(12), $$"""
            "budgets": [ {{Budget("November", 1000, "{ \"percent\": 50 }, { \"percent\": 80 }, { \"percent\": 100 }")}} ],
            "silences": [ { "rule": "November", "startsAt": "2026-11-20T12:30:00Z", "endsAt": "2026-11-20T15:00:00Z" } ]
            """);
        MonthToDate(timeline, 550m);
        await StepAsync(timeline, Nov20.AddHours(12));
        timeline.Webhooks.Expect("teams", "slack");

        timeline.Cost(Day(20), "proj_main", 300m);
        await StepAsync(timeline, Nov20.AddHours(13));
        timeline.Webhooks.Expect();

        await StepAsync(timeline, Nov20.AddHours(15).AddMinutes(30));
        Assert.All(timeline.Webhooks.Expect("teams", "slack"), m => Assert.Contains("Up from 50 %", m.Body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task T12_an_old_pending_firing_is_not_sent_after_its_alert_resolved_and_fired_again()
    {
        await using var timeline = AlertTimeline.Start("t12", Nov20.AddHours(12), $$"""
            "budgets": [ {{Budget("November", 1000, "{ \"percent\": 80 }")}} ]
            """, new() { ["Alerts:BudgetResolveDelay"] = "00:00:00" });

        // Teams asks for two hours' rest, so its firing waits, untried, while the alert resolves and fires again.
        timeline.Webhooks.Refuse("teams", HttpStatusCode.TooManyRequests, "", TimeSpan.FromHours(2));
        MonthToDate(timeline, 850m);
        await StepAsync(timeline, Nov20.AddHours(12));
        timeline.Webhooks.Expect("slack");

        timeline.Cost(Day(19), "proj_main", 750m - 180m);
        await StepAsync(timeline, Nov20.AddHours(13));
        Assert.Contains("Resolved", Assert.Single(timeline.Webhooks.Expect("slack")).Body, StringComparison.Ordinal);

        timeline.Cost(Day(20), "proj_main", 100m);
        await StepAsync(timeline, Nov20.AddHours(14));
        timeline.Webhooks.Expect("slack");

        timeline.Webhooks.Heal("teams");
        timeline.At(Nov20.AddHours(18));
        await timeline.RunAsync(JobNames.Deliver);
        await timeline.RunAsync(JobNames.Deliver);
        var teams = Assert.Single(timeline.Webhooks.Expect("teams"));
        Assert.Equal(2, teams.Body.Split("Alert budget|November|2026-11|actual").Length);

        // /api/alerts tells the story: episode 1 told Slack (firing, resolved), its Teams firing went stale; episode 2 reached both.
        var alert = Assert.Single((await timeline.RouteAsync(RouteNames.Alerts)).GetProperty("firing").EnumerateArray());
        var episodes = alert.GetProperty("episodes").EnumerateArray().ToDictionary(e => e.GetProperty("episode").GetInt32(), e => e.GetProperty("notices").EnumerateArray()
            .Select(n => $"{n.GetProperty("receiver").GetString()} {n.GetProperty("type").GetString()} {n.GetProperty("status").GetString()}").Order(StringComparer.Ordinal).ToList());
        Assert.Equal(["finance-teams Firing superseded", "platform-slack Firing delivered", "platform-slack Resolved delivered"], episodes[1]);
        Assert.Equal(["finance-teams Firing delivered", "platform-slack Firing delivered"], episodes[2]);
    }

    [Fact]
    public async Task T13_resolved_alerts_and_finished_messages_expire()
    {
        await using var timeline = AlertTimeline.Start("t13", Nov20.AddHours(12), $$"""
            "budgets": [ {{Budget("November", 1000, "{ \"percent\": 80 }")}} ]
            """);
        MonthToDate(timeline, 850m);
        await StepAsync(timeline, Nov20.AddHours(12));
        timeline.Webhooks.Expect("teams", "slack");
        timeline.Cost(Day(19), "proj_main", 600m - 180m);
        await StepAsync(timeline, Nov20.AddHours(13));
        await StepAsync(timeline, Day(21).AddHours(13).AddMinutes(5));
        Assert.All(timeline.Webhooks.Expect("teams", "slack"), m => Assert.Contains("Resolved", m.Body, StringComparison.Ordinal));
        Assert.NotEmpty(await timeline.RowsAsync(TableName.Outbox));

        timeline.At(Day(21).AddDays(31));
        await timeline.RunAsync(JobNames.Cleanup);

        Assert.DoesNotContain(await timeline.RowsAsync(TableName.Alerts), r => r.PartitionKey == "alert");
        Assert.Empty(await timeline.RowsAsync(TableName.Outbox));
    }
}
