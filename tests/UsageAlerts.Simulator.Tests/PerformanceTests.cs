using System.Diagnostics;
using UsageAlerts.Simulator.Tests.Infrastructure;
using Xunit.Abstractions;
using static UsageAlerts.Simulator.Tests.Infrastructure.SimulatorHarness;

namespace UsageAlerts.Simulator.Tests;

/// <summary>
/// Timed alone, and on processor time rather than wall time, so that a busy machine does not fail the build.
/// </summary>
[Collection(Name)]
public sealed class PerformanceTests(ITestOutputHelper output)
{
    public const string Name = "performance";

    [Fact]
    public async Task A_medium_org_answers_a_31_day_grouped_page_in_well_under_a_second()
    {
        await using var sim = await SimulatorHarness.StartAsync(new SimulatorOptions { Projects = 50, Models = 20, Days = 90 });
        var start = Unix(Now.AddDays(-31));

        var (usage, usageCold) = await TimedAsync(() => sim.GetJsonAsync($"organization/usage/completions?start_time={start}&limit=31&group_by=project_id&group_by=model"));
        var (_, usageWarm) = await TimedAsync(() => sim.GetJsonAsync($"organization/usage/completions?start_time={start}&limit=31&group_by=project_id&group_by=model"));
        var (costs, costsTime) = await TimedAsync(() => sim.GetJsonAsync($"organization/costs?start_time={start}&limit=31&group_by=project_id&group_by=line_item"));

        output.WriteLine($"usage first {usageCold}, again {usageWarm}; costs {costsTime} (processor time, client included)");
        Assert.True(usageCold < TimeSpan.FromSeconds(1), $"usage page took {usageCold}");
        Assert.True(usageWarm < TimeSpan.FromSeconds(0.5), $"usage page took {usageWarm} the second time");
        Assert.True(costsTime < TimeSpan.FromSeconds(1.5), $"costs page took {costsTime}");
        var pairs = usage.GetProperty("data").EnumerateArray().Results().Select(r => (r.Text("project_id"), r.Text("model"))).Distinct().Count();
        Assert.True(pairs > 50 * 20 * 0.9, $"{pairs} project/model pairs");
        Assert.NotEmpty(costs.GetProperty("data").EnumerateArray().Results());
    }

    [Fact]
    public async Task A_large_org_works()
    {
        await using var sim = await SimulatorHarness.StartAsync(new SimulatorOptions { Projects = 200, Models = 40, Days = 35 });

        var (usage, time) = await TimedAsync(() => sim.GetJsonAsync($"organization/usage/completions?start_time={Unix(Now.AddDays(-31))}&limit=31&group_by=project_id&group_by=model"));

        output.WriteLine($"large org, 31-day page grouped by project and model: {time}");
        var pairs = usage.GetProperty("data").EnumerateArray().Results().Select(r => (r.Text("project_id"), r.Text("model"))).Distinct().Count();
        Assert.True(pairs > 200 * 40 * 0.9, $"{pairs} project/model pairs");
        Assert.Contains(sim.Organization.Usage("completions", Now.AddDays(-1), Now), r => r.Model!.StartsWith("ft:", StringComparison.Ordinal));
    }

    private static async Task<(T Result, TimeSpan ProcessorTime)> TimedAsync<T>(Func<Task<T>> action)
    {
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var result = await action();
        process.Refresh();
        return (result, process.TotalProcessorTime - before);
    }
}

[CollectionDefinition(PerformanceTests.Name, DisableParallelization = true)]
public sealed class PerformanceGroup;
