using System.Diagnostics;
using System.Reflection;

namespace UsageAlerts.Bench;

/// <summary>Processes the bench starts: the simulator, and the bench itself for runs whose memory is measured alone.</summary>
internal static class ChildProcess
{
    /// <summary>Starts <c>dotnet dll args</c> with standard output captured (standard error goes to the console).</summary>
    public static Process StartDotnet(string dll, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start dotnet {dll}.");
    }

    /// <summary>Runs this bench again with the arguments; returns what it printed, or throws when it failed.</summary>
    public static async Task<string> RunBenchAsync(params string[] args)
    {
        using var process = StartDotnet(Assembly.GetEntryAssembly()!.Location, args);
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"bench {string.Join(' ', args)} exited with code {process.ExitCode}.");
    }
}
