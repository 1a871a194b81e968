using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Http;
using UsageAlerts.Jobs;
using UsageAlerts.Pricing;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Integration;

/// <summary><c>/api/budgets</c> on the estimate behind its figures: usage no rate prices (never $0) and the drift recorded per day and project.</summary>
public sealed class BudgetsEstimateTests
{
    private static async Task<JsonElement> BudgetsAsync(IngestionHarness harness)
    {
        var context = new DefaultHttpContext { RequestServices = harness.Services };
        var reply = await harness.Services.GetRequiredService<HttpRoutes>().HandleAsync("budgets", context.Request);
        Assert.Equal(200, reply.StatusCode);
        return JsonDocument.Parse(reply.Body).RootElement.Clone();
    }

    [Fact]
    public async Task Usage_no_rate_prices_is_listed_with_its_quantity_and_no_cost()
    {
        await using var harness = await IngestionHarness.StartAsync("budgetsunpriced");
        // Usage, but no bill yet to learn any rate from.
        await harness.RunAsync(JobNames.PollUsage);

        var budgets = await BudgetsAsync(harness);

        var unpriced = budgets.GetProperty("unpricedLineItems").EnumerateArray().ToList();
        var today = DateOnly.FromDateTime(harness.Clock.GetUtcNow().UtcDateTime);
        var input = unpriced.Where(u => u.GetProperty("lineItem").GetString() == "gpt-4o-2024-08-06, input").ToList();
        Assert.Contains(input, u => u.GetProperty("day").GetString() == today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(unpriced, u =>
        {
            Assert.True(u.GetProperty("quantity").GetInt64() > 0, u.ToString());
            Assert.Equal("unpriced", u.GetProperty("costStatus").GetString());
            Assert.False(u.TryGetProperty("costUsd", out _));
            Assert.False(string.IsNullOrEmpty(u.GetProperty("project").GetString()));
        });
        Assert.Empty(budgets.GetProperty("estimateDrift").EnumerateArray());
    }

    [Fact]
    public async Task The_drift_recorded_per_day_and_project_is_shown()
    {
        await using var harness = await IngestionHarness.StartAsync("budgetsdrift");
        await harness.RunAsync(JobNames.PollUsage);
        await harness.RunAsync(JobNames.PollCosts);

        var budgets = await BudgetsAsync(harness);

        var today = DateOnly.FromDateTime(harness.Clock.GetUtcNow().UtcDateTime);
        var recorded = await harness.Services.GetRequiredService<PricingStore>().EstimatesAsync(today.AddDays(-7), today.AddDays(1), default);
        var shown = budgets.GetProperty("estimateDrift").EnumerateArray()
            .SelectMany(d => d.GetProperty("projects").EnumerateArray().Select(p => (
                Day: DateOnly.Parse(d.GetProperty("day").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                // The default project has no id: the field is left out.
                Project: p.TryGetProperty("projectId", out var id) ? id.GetString() : null,
                Billed: p.GetProperty("billedUsd").GetDecimal(),
                Estimated: p.GetProperty("estimatedUsd").GetDecimal(),
                Drift: p.GetProperty("driftUsd").GetDecimal())))
            .ToList();
        var expected = recorded.SelectMany(e => e.Drift.Select(d => (e.Day, Project: d.ProjectId, Billed: d.BilledUsd, Estimated: d.EstimatedUsd, Drift: d.DriftUsd))).OrderBy(d => d.Day).ThenBy(d => d.Project, StringComparer.Ordinal).ToList();

        Assert.True(expected.Count >= 7 * 2, $"{expected.Count} project-days with drift recorded");
        Assert.Equal(expected, shown);
        Assert.All(shown, d => Assert.True(d.Billed > 0 && d.Drift == d.Estimated - d.Billed));
        Assert.Empty(budgets.GetProperty("unpricedLineItems").EnumerateArray());
    }
}
