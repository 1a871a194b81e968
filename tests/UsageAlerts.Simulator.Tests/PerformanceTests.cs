using System.Diagnostics;
using System.Text.Json;
using UsageAlerts.Simulator.Tests.Infrastructure;
using Xunit.Abstractions;
using static UsageAlerts.Simulator.Tests.Infrastructure.SimulatorHarness;

namespace UsageAlerts.Simulator.Tests;

/// <summary>
/// Timed alone and on processor time rather than wall time, so that a busy machine does not fail the build;
/// only the request is timed, not the parsing of the answer.
/// </summary>
[Collection(Name)]
public sealed class PerformanceTests(ITestOutputHelper output)
{
    public const string Name = "performance";

    [Fact]
    public async Task A_medium_org_answers_a_31_day_grouped_page_in_well_under_a_second()
    {
        await using var sim = await SimulatorHarness.StartAsync(new SimulatorOptions { Projects = 50, Models = 20, Days = 90, Fidelity = SimulatorFidelity.Documented });
        var start = Unix(Now.AddDays(-31));
        var usagePath = $"organization/usage/completions?start_time={start}&limit=31&group_by=project_id&group_by=model";
        var costsPath = $"organization/costs?start_time={start}&limit=31&group_by=project_id&group_by=line_item";

        var (usage, usageFirst) = await TimedAsync(sim, usagePath);
        var (_, usageAgain) = await TimedAsync(sim, usagePath);
        var (costs, costsFirst) = await TimedAsync(sim, costsPath);

        output.WriteLine($"usage first {usageFirst}, again {usageAgain}; costs {costsFirst} (processor time)");
        Assert.True(usageFirst < TimeSpan.FromSeconds(1), $"usage page took {usageFirst}");
        Assert.True(usageAgain < TimeSpan.FromSeconds(0.5), $"usage page took {usageAgain} the second time");
        Assert.True(costsFirst < TimeSpan.FromSeconds(1.5), $"costs page took {costsFirst}");
        var pairs = usage.GetProperty("data").EnumerateArray().Results().Select(r => (r.Text("project_id"), r.Text("model"))).Distinct().Count();
        Assert.True(pairs > 50 * 20 * 0.9, $"{pairs} project/model pairs");
        Assert.NotEmpty(costs.GetProperty("data").EnumerateArray().Results());
    }

    [Fact]
    public async Task A_large_org_works()
    {
        await using var sim = await SimulatorHarness.StartAsync(new SimulatorOptions { Projects = 200, Models = 40, Days = 35, Fidelity = SimulatorFidelity.Documented });

        var (usage, time) = await TimedAsync(sim, $"organization/usage/completions?start_time={Unix(Now.AddDays(-31))}&limit=31&group_by=project_id&group_by=model");

        output.WriteLine($"large org, 31-day page grouped by project and model: {time} (processor time)");
        var pairs = usage.GetProperty("data").EnumerateArray().Results().Select(r => (r.Text("project_id"), r.Text("model"))).Distinct().Count();
        Assert.True(pairs > 200 * 40 * 0.9, $"{pairs} project/model pairs");
        Assert.Contains(sim.Organization.Usage("completions", Now.AddDays(-1), Now), r => r.Model!.StartsWith("ft:", StringComparison.Ordinal));
    }

    private static async Task<(JsonElement Page, TimeSpan ProcessorTime)> TimedAsync(SimulatorHarness sim, string path)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var body = await sim.Client.GetByteArrayAsync(new Uri(path, UriKind.Relative));
        process.Refresh();
        var time = process.TotalProcessorTime - before;
        return (JsonDocument.Parse(body).RootElement.Clone(), time);
    }
}

[CollectionDefinition(PerformanceTests.Name, DisableParallelization = true)]
public sealed class PerformanceGroup;
