using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using UsageAlerts.Pricing;
using UsageAlerts.Simulator;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Timelines;

/// <summary>
/// The spend timelines of issue 11 against Azurite and the simulator, with the jobs on their default schedules and
/// OpenAI's costs lagging 6 hours behind usage; each fails on an extra and on a missing message.
/// </summary>
public sealed class SpendTimelineTests
{
    private static readonly DateTimeOffset Nov24 = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Dec1 = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Amount(decimal usd) => Math.Round(usd, 2).ToString(CultureInfo.InvariantCulture);

    private static string Budget(string period, decimal amount, string scope) => $$"""
        "budgets": [ { "id": "spend", "name": "Spend probe", "period": "{{period}}", "amountUsd": {{Amount(amount)}}, "scope": {{scope}},
                       "thresholds": [ { "percent": 100, "on": "actual" } ], "receivers": ["finance-teams", "platform-slack"] } ]
        """;

    private static decimal Sum(IEnumerable<SimCostRow> rows, string? project = null) => rows.Where(r => project is null || r.ProjectId == project).Sum(r => r.AmountUsd);

    /// <summary>Exactly one message to each receiver since the last check, or none.</summary>
    private static List<SinkMessage> Expect(SpendTimeline timeline, ref int seen, bool one)
    {
        var fresh = timeline.Messages.Skip(seen).ToList();
        seen += fresh.Count;
        var names = string.Join(", ", fresh.Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.True(names == (one ? "finance-teams, platform-slack" : ""), $"at {timeline.Clock.GetUtcNow():u} expected {(one ? "one message each" : "no message")}, got [{names}]: {string.Join(" | ", fresh.Select(m => m.Body))}");
        return fresh;
    }

    [Fact]
    public async Task S01_a_usage_jump_reaches_chat_within_one_usage_poll_and_one_evaluation_marked_estimated_and_the_bill_adds_no_message()
    {
        var surge = Nov24.AddHours(10);
        var start = surge.AddMinutes(-20);
        var monthStart = Nov24.AddDays(1 - Nov24.Day);
        var options = new SimulatorOptions { Projects = 4, Models = 3, Days = 35, Scenarios = false, CostsLagHours = 6 };

        // The surging project: the one whose 10:00 to 10:05 yesterday weighs most against its month so far (the surge
        // leaves the organization's past as it is, so a probe without it sees the same).
        var probe = new SimulatedOrganization(options, new FakeTimeProvider(start));
        var (project, monthToDate, fiveMinutes) = probe.Projects
            .Select(p => (Project: p.Id, Month: Sum(probe.Costs(monthStart, start), p.Id), Five: Sum(probe.Costs(surge.AddDays(-1), surge.AddDays(-1).AddMinutes(5)), p.Id)))
            .Where(p => p.Month > 0)
            .MaxBy(p => p.Five / p.Month);
        options.SurgeFrom = surge;
        options.SurgeProject = probe.Projects.ToList().FindIndex(p => p.Id == project);
        options.SurgeFactor = 1000;
        await using var timeline = await SpendTimeline.StartAsync("s01", start, options, "\"budgets\": []");

        // Sized from the truth so that only the surge crosses it: the month so far with 1 % room for the next 20
        // minutes and the estimate's error, plus a quarter of what the first five surge minutes spend.
        await timeline.RestartAsync(Budget("month", (monthToDate * 1.01m) + (250 * fiveMinutes), $$"""{ "projects": ["{{project}}"] }"""));
        await timeline.StartUpAsync();
        var seen = 0;

        await timeline.RunUntilAsync(surge.AddSeconds(-1));
        Expect(timeline, ref seen, one: false);

        // The surge starts at 10:00: the 10:05 recent-usage poll prices it, the 10:05:30 evaluation announces it.
        await timeline.RunUntilAsync(surge.AddMinutes(5).AddSeconds(30));
        var messages = Expect(timeline, ref seen, one: true);
        Assert.All(messages, m => Assert.Contains("(estimated)", m.Body, StringComparison.Ordinal));
        var status = (await timeline.RouteAsync("budgets")).GetProperty("budgets")[0];
        Assert.True(status.GetProperty("estimatedUsd").GetDecimal() > 0);
        Assert.False(status.GetProperty("late").GetBoolean());

        // The summary reads today's spend as the budget does: the estimate from usage, marked, not the lagging bill.
        var day = (await timeline.RouteAsync("summary", $"?from=2026-11-24&groupBy=day&project={project}")).GetProperty("groups")[0];
        Assert.Equal("estimated", day.GetProperty("costStatus").GetString());
        Assert.True(day.GetProperty("costUsd").GetDecimal() > 250 * fiveMinutes, $"today's summary cost {day.GetProperty("costUsd")} misses the surge");
        Assert.Equal(day.GetProperty("costUsd").GetDecimal(), day.GetProperty("costEstimatedUsd").GetDecimal());

        await timeline.RunUntilAsync(surge.AddMinutes(40));
        Expect(timeline, ref seen, one: false);

        // Six hours later OpenAI bills the surge: it replaces nothing that would announce again.
        timeline.JumpTo(surge.AddHours(6).AddMinutes(5));
        await timeline.RunUntilAsync(surge.AddHours(6).AddMinutes(40));
        Expect(timeline, ref seen, one: false);
        var estimate = Assert.Single(await timeline.Services.GetRequiredService<PricingStore>().EstimatesAsync(DateOnly.FromDateTime(Nov24.UtcDateTime), DateOnly.FromDateTime(Nov24.UtcDateTime).AddDays(1), default));
        var drift = Assert.Single(estimate.Drift, d => d.ProjectId == project);
        Assert.True(drift.BilledUsd > 0 && drift.EstimatedUsd > drift.BilledUsd, $"drift of {project}: billed {drift.BilledUsd}, estimated {drift.EstimatedUsd}");
        var shown = (await timeline.RouteAsync("budgets")).GetProperty("estimateDrift").EnumerateArray().Single(d => d.GetProperty("day").GetString() == "2026-11-24")
            .GetProperty("projects").EnumerateArray().Single(p => p.TryGetProperty("projectId", out var id) && id.GetString() == project);
        Assert.Equal((drift.BilledUsd, drift.EstimatedUsd), (shown.GetProperty("billedUsd").GetDecimal(), shown.GetProperty("estimatedUsd").GetDecimal()));
    }

    [Fact]
    public async Task S02_a_month_that_closes_at_98_percent_and_is_billed_later_above_100_percent_sends_one_late_100_percent_message()
    {
        var options = new SimulatorOptions { Projects = 4, Models = 3, Days = 35, Scenarios = false, CostsLagHours = 6 };
        await using var timeline = await SpendTimeline.StartAsync("s02", Dec1.AddMinutes(-40), options, Budget("month", 100_000_000m, "{}"));
        await timeline.StartUpAsync();
        await timeline.RunUntilAsync(Dec1.AddMinutes(-10));

        // The budget is set so that the month, as the app sees it ten minutes before it ends, stands at 98 %.
        var seenSpend = (await timeline.RouteAsync("budgets")).GetProperty("budgets")[0].GetProperty("spentUsd").GetDecimal();
        var amount = Math.Ceiling(seenSpend / 0.98m * 100) / 100;
        await timeline.RestartAsync(Budget("month", amount, "{}"));
        var seen = 0;
        await timeline.RunUntilAsync(Dec1.AddMinutes(2));
        Expect(timeline, ref seen, one: false);

        // OpenAI then revises November's last two days upwards: the month ends up billed above 100 %.
        var organization = timeline.Simulator.Organization;
        while (Sum(organization.Costs(Dec1.AddMonths(-1), Dec1)) < amount * 1.04m)
        {
            organization.RevisionEpoch++;
        }

        await timeline.RunUntilAsync(Dec1.AddMinutes(40));
        var messages = Expect(timeline, ref seen, one: true);
        Assert.All(messages, m =>
        {
            Assert.Contains("(late figure)", m.Body, StringComparison.Ordinal);
            Assert.Contains("2026-11", m.Body, StringComparison.Ordinal);
        });
        var late = (await timeline.RouteAsync("budgets")).GetProperty("budgets").EnumerateArray().Single(b => b.GetProperty("late").GetBoolean());
        Assert.Equal(Dec1.AddDays(2), late.GetProperty("finalAt").GetDateTimeOffset());

        // The bill of November's last hours arrives: already announced, nothing new.
        timeline.JumpTo(Dec1.AddHours(6).AddMinutes(5));
        await timeline.RunUntilAsync(Dec1.AddHours(6).AddMinutes(40));
        Expect(timeline, ref seen, one: false);

        // Final after 48 hours: the period's alert closes without a message, and November is no longer listed.
        timeline.JumpTo(Dec1.AddDays(2).AddMinutes(5));
        await timeline.RunUntilAsync(Dec1.AddDays(2).AddMinutes(20));
        Expect(timeline, ref seen, one: false);
        Assert.DoesNotContain((await timeline.RouteAsync("budgets")).GetProperty("budgets").EnumerateArray(), b => b.GetProperty("late").GetBoolean());
    }
}
