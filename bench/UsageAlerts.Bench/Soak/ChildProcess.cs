using System.Diagnostics;
using System.Globalization;

namespace UsageAlerts.Bench.Soak;

/// <summary>
/// A program the soak starts, stops and kills by its own process id, with its output appended to a log file
/// (through <c>exec</c>, so the id is the program's and no pipe has to be drained).
/// </summary>
internal sealed class ChildProcess(string name, string program, IReadOnlyList<string> arguments, string logPath, IReadOnlyDictionary<string, string>? environment = null)
{
    private Process? _process;

    public string Name => name;

    public bool Running => _process is { HasExited: false };

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    public void Start()
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$SOAK_LOG\" 2>&1");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SOAK_LOG"] = logPath;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        _process?.Dispose();
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine loses power or the OOM killer strikes.</summary>
    public async Task KillAsync()
    {
        if (Running)
        {
            _process!.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, then SIGKILL if the program has not exited after the grace period.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!Running)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process!.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }
}
