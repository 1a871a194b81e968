using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using UsageAlerts.Http;
using UsageAlerts.Ingestion;
using UsageAlerts.Jobs;
using UsageAlerts.Simulator;
using UsageAlerts.Storage;
using UsageAlerts.Tests.TestSupport;

namespace UsageAlerts.Tests.Integration;

/// <summary>OpenAI's hard spend limits and spend alerts, polled from the simulator into Azurite and shown by <c>/api/budgets</c>.</summary>
public sealed class SpendControlTests
{
    private static string? ProjectId(JsonElement control) => control.TryGetProperty("projectId", out var id) ? id.GetString() : null;

    private static async Task<JsonElement> BudgetsAsync(IngestionHarness harness)
    {
        var handler = harness.Services.GetRequiredKeyedService<IRouteHandler>(RouteNames.Budgets);
        var reply = await handler.HandleAsync(new DefaultHttpContext().Request, default);
        return JsonDocument.Parse(reply.Body).RootElement.Clone();
    }

    [Fact]
    public async Task PollProjects_stores_every_scopes_limits_and_alerts_and_budgets_shows_spend_against_them()
    {
        await using var harness = await IngestionHarness.StartAsync("spendpoll");
        var organization = harness.Simulator.Organization;
        var research = organization.Scenarios.OverrunProjectId;
        var noLimit = organization.Projects[2].Id;
        foreach (var job in new[] { JobNames.PollProjects, JobNames.PollCosts })
        {
            await harness.RunAsync(job);
        }

        var rows = await harness.RowsAsync(TableName.Catalog, SpendControlRows.Partition);
        var budgets = await BudgetsAsync(harness);
        var controls = budgets.GetProperty("openAiSpendControls").EnumerateArray().ToList();
        var health = await harness.Services.GetRequiredService<Health.HealthService>().CheckAsync(default);

        Assert.Equal(organization.Projects.Count(p => p.Status == "active") + 1, rows.Count);
        var org = controls.Single(c => c.GetProperty("scope").GetString() == "organization");
        Assert.Equal(organization.SpendLimit(null)!.ThresholdCents / 100m, org.GetProperty("hardLimit").GetProperty("amountUsd").GetDecimal());
        Assert.Equal("inactive", org.GetProperty("hardLimit").GetProperty("state").GetString());
        Assert.Equal("set", org.GetProperty("spendAlerts").GetProperty("state").GetString());
        var researchRow = controls.Single(c => ProjectId(c) == research);
        Assert.Equal("Research", researchRow.GetProperty("scope").GetString());
        var monthStart = new DateTimeOffset(IngestionHarness.Start.Year, IngestionHarness.Start.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var billed = organization.Costs(monthStart, IngestionHarness.Start).Where(r => r.ProjectId == research).Sum(r => r.AmountUsd);
        Assert.Equal(billed, researchRow.GetProperty("spentUsd").GetDecimal(), 6);
        var limit = organization.SpendLimit(research)!.ThresholdCents / 100m;
        Assert.Equal(Math.Round(billed / limit * 100m, 2), researchRow.GetProperty("hardLimit").GetProperty("percent").GetDecimal());
        Assert.Equal(limit * 0.8m, researchRow.GetProperty("spendAlerts").GetProperty("thresholds")[0].GetProperty("amountUsd").GetDecimal());
        var unset = controls.Single(c => ProjectId(c) == noLimit);
        Assert.Equal("not set", unset.GetProperty("hardLimit").GetProperty("state").GetString());
        Assert.False(unset.GetProperty("hardLimit").TryGetProperty("amountUsd", out _));
        Assert.Equal("not set", unset.GetProperty("spendAlerts").GetProperty("state").GetString());
        Assert.True(health.Streams.Single(s => s.Name == SpendControlIngestor.StreamName).Fresh);
    }

    [Fact]
    public async Task A_key_that_may_not_read_project_limits_is_a_state_not_blindness()
    {
        await using var harness = await IngestionHarness.StartAsync("spendforbidden");
        harness.Simulator.Faults.Add(new FaultRule { Route = "project_spend_limit", Kind = FaultKind.Forbidden });
        await harness.RunAsync(JobNames.PollProjects);

        var controls = (await BudgetsAsync(harness)).GetProperty("openAiSpendControls").EnumerateArray().ToList();
        var health = await harness.Services.GetRequiredService<Health.HealthService>().CheckAsync(default);
        var run = (await harness.Services.GetRequiredService<JobRunStore>().LatestAsync(JobNames.PollProjects, 1, default))[0];

        Assert.All(controls.Where(c => ProjectId(c) is not null), c => Assert.Equal("no permission to read", c.GetProperty("hardLimit").GetProperty("state").GetString()));
        Assert.Equal("inactive", controls.Single(c => c.GetProperty("scope").GetString() == "organization").GetProperty("hardLimit").GetProperty("state").GetString());
        var stream = health.Streams.Single(s => s.Name == SpendControlIngestor.StreamName);
        Assert.True(stream.Fresh);
        Assert.Equal(0, stream.ConsecutiveFailures);
        Assert.True(run.Succeeded);
    }

    [Fact]
    public async Task A_failing_scope_keeps_its_last_values_and_fails_the_stream()
    {
        await using var harness = await IngestionHarness.StartAsync("spendfailing");
        await harness.RunAsync(JobNames.PollProjects);
        harness.Simulator.Faults.Add(new FaultRule { Route = "spend_limit", Kind = FaultKind.MalformedJson });
        await harness.RunAsync(JobNames.PollProjects);

        var controls = (await BudgetsAsync(harness)).GetProperty("openAiSpendControls").EnumerateArray().ToList();
        var health = await harness.Services.GetRequiredService<Health.HealthService>().CheckAsync(default);

        Assert.Equal(harness.Simulator.Organization.SpendLimit(null)!.ThresholdCents / 100m, controls.Single(c => c.GetProperty("scope").GetString() == "organization").GetProperty("hardLimit").GetProperty("amountUsd").GetDecimal());
        var stream = health.Streams.Single(s => s.Name == SpendControlIngestor.StreamName);
        Assert.Equal(1, stream.ConsecutiveFailures);
        Assert.Equal("Protocol", stream.LastErrorKind);
        Assert.Contains("1 of", stream.LastError, StringComparison.Ordinal);
    }
}
