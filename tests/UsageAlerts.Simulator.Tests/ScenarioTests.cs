using UsageAlerts.Simulator.Tests.Infrastructure;
using static UsageAlerts.Simulator.Tests.Infrastructure.SimulatorHarness;

namespace UsageAlerts.Simulator.Tests;

[Collection(SharedSimulatorGroup.Name)]
public sealed class ScenarioTests(SharedSimulator shared)
{
    private readonly SimulatorHarness _sim = shared.Harness;

    [Fact]
    public async Task Research_overruns_its_monthly_budget_this_month()
    {
        var scenarios = _sim.Organization.Scenarios;
        var costs = await _sim.GetAllBucketsAsync($"organization/costs?start_time={Unix(scenarios.OverrunMonthStart)}&limit=31&group_by=project_id");

        var monthToDate = costs.Results().Where(r => r.Text("project_id") == scenarios.OverrunProjectId).Sum(r => r.Amount());
        Assert.Equal("Research", scenarios.OverrunProjectName);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), scenarios.OverrunMonthStart);
        Assert.True(monthToDate > 1.2m * scenarios.OverrunBudgetUsd, $"month to date {monthToDate} vs budget {scenarios.OverrunBudgetUsd}");
    }

    [Fact]
    public async Task On_the_first_of_a_month_the_overrun_runs_hot_without_a_month_of_overspend_in_one_day()
    {
        await using var sim = await SimulatorHarness.StartAsync(now: new DateTimeOffset(2026, 4, 1, 18, 0, 0, TimeSpan.Zero));
        var scenarios = sim.Organization.Scenarios;
        var costs = await sim.GetAllBucketsAsync($"organization/costs?start_time={Unix(scenarios.OverrunMonthStart.AddDays(-14))}&limit=31&project_ids={scenarios.OverrunProjectId}");

        var daily = costs.Select(b => b.GetProperty("results").EnumerateArray().Sum(r => r.Amount())).ToList();
        var today = daily[^1];
        var budget = scenarios.OverrunBudgetUsd;
        Assert.True(today < budget / 2, $"today {today} vs budget {budget}: a month's overspend in one bar");
        var monthPace = today / 0.75m * 30;
        Assert.True(monthPace > budget, $"at today's pace the month ends at {monthPace}, under the budget {budget}: no overrun to forecast");
    }

    [Fact]
    public async Task One_project_spends_at_least_six_times_its_usual_day_yesterday()
    {
        var scenarios = _sim.Organization.Scenarios;
        var costs = await _sim.GetAllBucketsAsync($"organization/costs?start_time={Unix(scenarios.SpikeDay.AddDays(-14))}&end_time={Unix(scenarios.SpikeDay.AddDays(1))}&limit=31&project_ids={scenarios.SpikeProjectId}");

        var daily = costs.Select(b => b.GetProperty("results").EnumerateArray().Sum(r => r.Amount())).ToList();
        Assert.Equal(Now.Date.AddDays(-1), scenarios.SpikeDay.UtcDateTime);
        Assert.Equal(15, daily.Count);
        var usual = daily.SkipLast(1).Average();
        Assert.True(daily[^1] >= 6 * usual, $"spike {daily[^1]} vs usual {usual}");
    }

    [Fact]
    public async Task One_model_runs_at_90_to_100_percent_of_its_token_cap_in_the_last_hour()
    {
        var scenarios = _sim.Organization.Scenarios;
        var limits = await _sim.GetJsonAsync($"organization/projects/{scenarios.NearCapProjectId}/rate_limits");
        var cap = limits.GetProperty("data").EnumerateArray().Single(l => l.Text("model") == scenarios.NearCapModel).GetProperty("max_tokens_per_1_minute").GetInt64();
        var buckets = await _sim.GetAllBucketsAsync($"organization/usage/completions?start_time={Unix(Now.AddHours(-1))}&bucket_width=1m&group_by=project_id&group_by=model");

        var perMinute = buckets
            .Select(b => b.GetProperty("results").EnumerateArray()
                .Where(r => r.Text("project_id") == scenarios.NearCapProjectId && r.Text("model") == scenarios.NearCapModel)
                .Sum(r => r.GetProperty("input_tokens").GetInt64() + r.GetProperty("output_tokens").GetInt64()))
            .ToList();
        Assert.Equal(scenarios.NearCapTokensPerMinute, cap);
        Assert.InRange(perMinute.Max() / (double)cap, 0.90, 1.0);
        Assert.True(perMinute.Count(t => t >= 0.9 * cap) >= 3);
    }

    [Fact]
    public async Task No_other_project_and_model_comes_near_its_cap()
    {
        var scenarios = _sim.Organization.Scenarios;
        var buckets = await _sim.GetAllBucketsAsync($"organization/usage/completions?start_time={Unix(Now.AddHours(-24))}&bucket_width=1m&limit=1440&group_by=project_id&group_by=model");
        var caps = _sim.Organization.Projects.SelectMany(p => _sim.Organization.RateLimits(p.Id).Select(l => (Key: p.Id + "|" + l.Model, l.MaxTokensPer1Minute)))
            .ToDictionary(x => x.Key, x => x.MaxTokensPer1Minute);

        var peaks = buckets.Results()
            .Where(r => r.Text("project_id") is not null && r.Text("project_id") + "|" + r.Text("model") != scenarios.NearCapProjectId + "|" + scenarios.NearCapModel)
            .Select(r => (Key: r.Text("project_id") + "|" + r.Text("model"), Tokens: r.GetProperty("input_tokens").GetInt64() + r.GetProperty("output_tokens").GetInt64()))
            .Where(r => caps.ContainsKey(r.Key))
            .ToList();
        Assert.NotEmpty(peaks);
        Assert.All(peaks, p => Assert.True(p.Tokens <= 0.5 * caps[p.Key], $"{p.Key} used {p.Tokens} of {caps[p.Key]}"));
    }

    [Fact]
    public async Task Without_scenarios_there_is_no_spike()
    {
        await using var plain = await SimulatorHarness.StartAsync(new SimulatorOptions { Scenarios = false, Fidelity = SimulatorFidelity.Documented });
        var spike = plain.Organization.Scenarios;
        var day = plain.Organization.Costs(spike.SpikeDay, spike.SpikeDay.AddDays(1)).Where(r => r.ProjectId == spike.SpikeProjectId).Sum(r => r.AmountUsd);
        var week = plain.Organization.Costs(spike.SpikeDay.AddDays(-7), spike.SpikeDay).Where(r => r.ProjectId == spike.SpikeProjectId).Sum(r => r.AmountUsd);

        Assert.False(spike.Enabled);
        Assert.True(day < 3 * week / 7);
    }
}
