using UsageAlerts.Simulator;

namespace UsageAlerts.Bench.Soak;

/// <summary>Everything a soak runs against: the simulator (the truth), Azurite, the host process and a client for its routes.</summary>
internal sealed class SoakRig(SimulatorServer simulator, AzuriteServer azurite, SoakHost host, string apiKey, TimeProvider clock, SoakLedger ledger, Random random) : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new() { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };

    public SimulatorServer Simulator => simulator;

    public AzuriteServer Azurite => azurite;

    public TimeProvider Clock => clock;

    public Task<HealthSample> SampleAsync() => HealthSample.TakeAsync(_http, apiKey, clock);

    public async Task StartHostAsync(string why)
    {
        host.Start();
        if (!await host.WaitListeningAsync(_http, StartTimeout, clock))
        {
            ledger.Violation($"the host did not listen within {StartTimeout.TotalSeconds:F0} s after {why} (exit code {host.ExitCode})");
        }
    }

    public async Task KillHostAsync(int cycle)
    {
        await host.KillAsync();
        ledger.HostRestarts++;
        await Task.Delay(TimeSpan.FromMilliseconds(random.Next(500, 3000)), clock);
        await StartHostAsync($"the kill in cycle {cycle}");
    }

    /// <summary>The host must only stop when the soak stops it: an exit of its own is recorded and the host started again.</summary>
    public async Task RestartIfExitedAsync(string when)
    {
        if (host.Running)
        {
            return;
        }

        ledger.UnplannedHostExits++;
        ledger.Violation($"the host exited by itself (exit code {host.ExitCode}) during {when}; see host.log");
        await StartHostAsync("its own exit");
    }

    public Task StopHostAsync() => host.StopAsync();

    public void Dispose() => _http.Dispose();
}
