using System.Diagnostics;
using System.Reflection;

namespace UsageAlerts.Bench;

/// <summary>Processes the bench starts: the simulator, and the bench itself for runs whose memory is measured alone.</summary>
internal static class ChildProcess
{
    /// <summary>Starts <c>dotnet dll args</c> with standard output captured (standard error goes to the console).</summary>
    public static Process StartDotnet(string dll, params string[] args) => Start(dll, new Dictionary<string, string>(), args);

    private static Process Start(string dll, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start dotnet {dll}.");
    }

    /// <summary>
    /// Runs this bench again with the arguments; returns what it printed, or throws when it failed. Variables named
    /// <c>BENCH_CHILD_X</c> reach the run as <c>X</c> (e.g. <c>BENCH_CHILD_DOTNET_GCgen0size</c>), so runtime settings
    /// can be tried on the measured run alone, not on the simulator or the build.
    /// </summary>
    public static async Task<string> RunBenchAsync(params string[] args)
    {
        using var process = Start(Assembly.GetEntryAssembly()!.Location, ChildEnvironment(), args);
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"bench {string.Join(' ', args)} exited with code {process.ExitCode}.");
    }

    private static Dictionary<string, string> ChildEnvironment()
    {
        const string Prefix = "BENCH_CHILD_";
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith(Prefix, StringComparison.Ordinal) && variable.Value is string value)
            {
                found[name[Prefix.Length..]] = value;
            }
        }

        return found;
    }
}
