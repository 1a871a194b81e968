using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using UsageAlerts.Simulator;

namespace UsageAlerts.Bench;

/// <summary>
/// The simulator in a process of its own, so its work (generating the organization's data) is not measured as the
/// app's: the dll the bench's build already produced, on a free loopback port, read through its control API.
/// </summary>
internal sealed class SimulatorProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private SimulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<SimulatorProcess> StartAsync(OrgSize size, int days)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var process = ChildProcess.StartDotnet(
            typeof(SimulatorServer).Assembly.Location, "--urls", baseAddress.ToString().TrimEnd('/'),
            $"--Simulator:Projects={size.Projects}", $"--Simulator:Models={size.Models}", string.Create(CultureInfo.InvariantCulture, $"--Simulator:Days={days}"));
        // Only its start-up banner comes out; drained so the pipe never fills.
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var simulator = new SimulatorProcess(process, baseAddress);
        try
        {
            await simulator.WaitUntilAnsweringAsync();
            return simulator;
        }
        catch
        {
            simulator.Dispose();
            throw;
        }
    }

    /// <summary>Calls received so far per route (<c>usage/completions</c>, <c>costs</c>, <c>projects</c>, <c>rate_limits</c>); counted by the simulator, retries included.</summary>
    public static async Task<Dictionary<string, int>> CallsAsync(HttpClient http, Uri baseAddress)
    {
        await using var body = await http.GetStreamAsync(new Uri(baseAddress, "_sim/calls"));
        using var json = await JsonDocument.ParseAsync(body);
        return json.RootElement.GetProperty("routes").EnumerateObject().ToDictionary(r => r.Name, r => r.Value.GetInt32(), StringComparer.Ordinal);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The simulator exited with code {_process.ExitCode} before answering.");
            }

            try
            {
                await CallsAsync(http, BaseAddress);
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && clock.Elapsed < StartTimeout)
            {
                // Not listening, or listening but not answering yet.
                await Task.Delay(100);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
