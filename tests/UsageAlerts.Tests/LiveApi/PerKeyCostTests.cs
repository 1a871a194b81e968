using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Jobs;
using UsageAlerts.Pricing;
using UsageAlerts.Storage;
using UsageAlerts.Summaries;
using UsageAlerts.Tests.TestSupport;
using Xunit.Abstractions;

namespace UsageAlerts.Tests.LiveApi;

/// <summary>
/// Per-key cost when the costs API will not group by key: each key's usage priced at unit rates learned from the
/// organization's own bill, checked per key and month against the simulator's truth (which does know per-key cost).
/// </summary>
public sealed class PerKeyCostTests(ITestOutputHelper output)
{
    private static readonly DateOnly From = new(2026, 10, 24);
    private static readonly DateOnly To = new(2026, 11, 24);

    private static SummaryQuery ByMonthAndKey => new(new SummaryRange(From, To), [Dimension.Month, Dimension.ApiKey], SummaryFilter.None, SummaryFormat.Json);

    [Fact]
    public async Task Per_key_estimates_match_the_truth_per_key_and_month_within_one_percent()
    {
        await using var harness = await IngestionHarness.StartAsync("perkey");
        await harness.RunAsync(JobNames.PollUsage);
        await harness.RunAsync(JobNames.PollCosts);

        var summary = await harness.Services.GetRequiredService<SummaryService>().SummarizeAsync(ByMonthAndKey, default);

        var november = Periods.Midnight(new DateOnly(2026, 11, 1));
        var truth = new[] { ("2026-10-01", Periods.Midnight(From), november), ("2026-11-01", november, harness.Clock.GetUtcNow()) }
            .SelectMany(m => harness.Simulator.Organization.Costs(m.Item2, m.Item3).Where(c => c.ApiKeyId is not null).Select(c => (Month: m.Item1, Key: c.ApiKeyId!, c.AmountUsd)))
            .GroupBy(c => (c.Month, c.Key))
            .ToDictionary(g => g.Key, g => g.Sum(c => c.AmountUsd));
        var worst = 0m;
        foreach (var ((month, key), expected) in truth)
        {
            var group = Assert.Single(summary.Groups, g => g.Key!["month"] == month && g.Key!["api_key"] == key);
            Assert.Equal("estimated", group.CostStatus);
            var error = Math.Abs(group.CostUsd!.Value - expected) / expected * 100m;
            worst = Math.Max(worst, error);
            Assert.True(error < 1m, $"{month} {key}: estimated {group.CostUsd}, truth {expected} ({error:0.###} %)");
        }

        output.WriteLine($"{truth.Count} key-months, worst error {worst:0.######} %");
        Assert.Contains(summary.Notes, n => n.Contains("estimated on", StringComparison.Ordinal));
        Assert.Contains(summary.Notes, n => n.StartsWith("Drift of the per-key estimates", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Usage_without_a_learned_rate_is_unpriced_and_said_so_never_zero()
    {
        await using var harness = await IngestionHarness.StartAsync("unpriced");
        // Usage, but no bill yet to learn any rate from.
        await harness.RunAsync(JobNames.PollUsage);

        var summary = await harness.Services.GetRequiredService<SummaryService>().SummarizeAsync(ByMonthAndKey, default);

        Assert.All(summary.Groups.Where(g => g.Key!["api_key"] is not null), g =>
        {
            Assert.Null(g.CostUsd);
            Assert.Equal("none", g.CostStatus);
            Assert.True(g.Metrics["input_tokens"] > 0);
        });
        Assert.Contains(summary.Notes, n => n.StartsWith("Unpriced usage", StringComparison.Ordinal) && n.Contains("gpt-4o", StringComparison.Ordinal));
        var health = await harness.Services.GetRequiredService<UsageAlerts.Health.HealthService>().CheckAsync(default);
        Assert.Contains(health.Pricing!.Warnings, w => w.StartsWith("unpriced usage", StringComparison.Ordinal));
        Assert.Null(health.Pricing.LatestRatesDay);
    }

    [Fact]
    public async Task Drift_is_recorded_per_project_and_day_against_the_bill()
    {
        await using var harness = await IngestionHarness.StartAsync("drift");
        await harness.RunAsync(JobNames.PollUsage);
        await harness.RunAsync(JobNames.PollCosts);

        var estimates = await harness.Services.GetRequiredService<PricingStore>().EstimatesAsync(From, To, default);

        var closed = estimates.Where(e => e.Day < To.AddDays(-1)).ToList();
        output.WriteLine($"worst drift {closed.SelectMany(e => e.Drift).Max(d => Math.Abs(d.DriftPercent ?? 0)):0.######} %; unmatched charges {closed.SelectMany(e => e.Unmatched).Sum(u => u.AmountUsd)}");

        Assert.True(closed.Count >= 29, $"{closed.Count} closed days priced");
        Assert.All(closed, e =>
        {
            Assert.False(e.BilledPerKey);
            // Rates come from final bills (48 h after the day): the last two closed days use the latest final rates.
            Assert.Equal(e.Day <= To.AddDays(-4) ? e.Day : To.AddDays(-4), e.RatesDay);
            Assert.NotEmpty(e.Drift);
            Assert.All(e.Drift, d => Assert.True(Math.Abs(d.DriftUsd) <= d.BilledUsd * 0.01m + 0.000001m, $"{e.Day} {d.ProjectId}: billed {d.BilledUsd}, estimated {d.EstimatedUsd}"));
            Assert.Empty(e.Unmatched);
        });
    }
}
