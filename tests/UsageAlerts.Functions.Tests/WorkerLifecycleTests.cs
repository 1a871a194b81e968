using UsageAlerts.Functions.Tests.WorkerHost;
using UsageAlerts.Simulator;

namespace UsageAlerts.Functions.Tests;

/// <summary>Start-up and shut-down of the published worker: bad settings stop it with a message naming them.</summary>
public sealed class WorkerLifecycleTests : IAsyncLifetime
{
    private SimulatorServer _simulator = null!;
    private FunctionsHostServer _server = null!;

    public async Task InitializeAsync()
    {
        _simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Projects = 3, Models = 1, Days = 3 });
        _server = await FunctionsHostServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task A_bad_rules_file_stops_the_worker_naming_the_rule_and_field()
    {
        var rules = Path.Combine(Path.GetTempPath(), $"usagealerts-rules-{Guid.NewGuid():N}.json");
        var good = await File.ReadAllTextAsync(Path.Combine(PublishedApp.Directory, "rules.json"));
        await File.WriteAllTextAsync(rules, good.Replace("\"amountUsd\": 2000", "\"amountUsd\": -5", StringComparison.Ordinal));
        try
        {
            var output = await AssertExitsAsync(Settings(s => s["Rules__Path"] = rules));
            Assert.Contains("Research – monthly", output, StringComparison.Ordinal);
            Assert.Contains("amountUsd", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(rules);
        }
    }

    [Fact]
    public async Task A_missing_storage_setting_stops_the_worker_naming_it()
    {
        var output = await AssertExitsAsync(Settings(s => s.Remove("Storage__ConnectionString")));
        Assert.Contains("Storage:ConnectionString", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WorkerTerminate_ends_the_worker_cleanly()
    {
        await using var host = await FunctionsHost.StartAsync(_server, Settings(_ => { }));
        Assert.Equal(15, host.Functions.Count);
        Assert.Equal(0, await host.TerminateAsync());
    }

    private Dictionary<string, string> Settings(Action<Dictionary<string, string>> change)
    {
        var settings = PublishedWorker.AppSettings(_simulator, _server, "tlife" + Guid.NewGuid().ToString("N")[..10]);
        change(settings);
        return settings;
    }

    private async Task<string> AssertExitsAsync(Dictionary<string, string> settings)
    {
        var exited = await Assert.ThrowsAsync<WorkerExitedException>(() => FunctionsHost.StartAsync(_server, settings));
        Assert.NotEqual(0, exited.ExitCode);
        return exited.Output;
    }
}
